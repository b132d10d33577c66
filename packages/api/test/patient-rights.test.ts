import { describe, expect, it } from 'vitest'
import { planMessages } from '../src/messages/planner.js'
import { createTestClinic, useHarness } from './harness.js'
import { databaseDump, patientWithHistory } from './patient-history.js'

const harness = useHarness()

describe('patient rights', () => {
  it('exports everything about the patient and nothing of anyone else, as JSON and as FHIR', async () => {
    const a = await createTestClinic(harness)
    const b = await createTestClinic(harness)
    const mine = await patientWithHistory(harness, a, 'Mine')
    const neighbour = await patientWithHistory(harness, a, 'Neighbour', '2027-03-04T10:00:00Z')
    const elsewhere = await patientWithHistory(harness, b, 'Elsewhere')
    await planMessages(harness.deps.system, harness.clock.now, { clinicIds: [a.clinicId] })
    // The clinic reads the booking: that read must show in the export's access log.
    await harness.call('GET', `/v1/bookings/${mine.bookingId}`, { token: a.sk })

    const exported = await harness.call('GET', `/v1/patients/${mine.patientId}/export`, { token: a.sk })
    expect(exported.status).toBe(200)
    expect(exported.headers.get('content-disposition')).toContain('attachment')
    const data = exported.body
    expect(data.patient).toMatchObject({ id: mine.patientId, name: mine.who.name, email: mine.who.email })
    expect(data.bookings).toEqual([expect.objectContaining({ id: mine.bookingId, notes: mine.notes })])
    expect(data.intakeResponses).toHaveLength(1)
    expect(data.intakeResponses[0].answers.reason).toBe(mine.answer)
    expect(data.consentRecords).toEqual([
      expect.objectContaining({ id: mine.recordId, decision: 'given', typedName: mine.typedName }),
    ])
    expect(data.messages.length).toBeGreaterThan(0)
    const actions = data.access.map((event: { action: string }) => event.action)
    expect(actions).toEqual(
      expect.arrayContaining(['booking.create', 'intake.submit', 'consent.record', 'booking.read']),
    )
    const text = JSON.stringify(data)
    for (const other of [neighbour, elsewhere]) {
      for (const value of [
        other.who.name,
        other.who.email,
        other.notes,
        other.answer,
        other.bookingId,
        other.patientId,
      ]) {
        expect(text).not.toContain(value)
      }
    }
    expect(text).not.toContain(b.clinicId)

    const bundle = await harness.call('GET', `/v1/patients/${mine.patientId}/export?format=fhir`, {
      token: a.sk,
    })
    expect(bundle.status).toBe(200)
    expect(bundle.headers.get('content-type')).toContain('application/fhir+json')
    expect(bundle.body).toMatchObject({ resourceType: 'Bundle', type: 'collection' })
    const types = bundle.body.entry.map(
      (entry: { resource: { resourceType: string } }) => entry.resource.resourceType,
    )
    expect(new Set(types)).toEqual(
      new Set([
        ...['Patient', 'Appointment', 'QuestionnaireResponse', 'Consent', 'AuditEvent'],
        // What those name, so every reference resolves inside the Bundle.
        ...['Organization', 'Practitioner', 'Location', 'DocumentReference'],
      ]),
    )
    const [first] = bundle.body.entry
    // R4 ids take no `_`: the Frontdesk id maps to one, and stays as the identifier.
    expect(first.resource).toMatchObject({
      id: mine.patientId.replace('_', '-'),
      identifier: [{ value: mine.patientId }],
      birthDate: '1979-06-30',
    })
    const questionnaire = bundle.body.entry.find(
      (e: { resource: { resourceType: string } }) => e.resource.resourceType === 'QuestionnaireResponse',
    ).resource
    expect(questionnaire.subject).toEqual({ reference: first.fullUrl })
    expect(JSON.stringify(questionnaire)).toContain(mine.answer)
    expect(JSON.stringify(bundle.body)).not.toContain(neighbour.who.name)

    // Another clinic's key learns nothing, not even that the patient exists.
    const foreign = await harness.call('GET', `/v1/patients/${mine.patientId}/export`, { token: b.sk })
    expect(foreign.status).toBe(404)
    const trail = await harness.call('GET', `/v1/audit/events?action=patient.export`, { token: a.sk })
    expect(trail.body.data.map((event: { object: { id: string } }) => event.object.id)).toContain(
      mine.patientId,
    )
  })

  it('corrects details with an audit entry and leaves earlier answers as given', async () => {
    const clinic = await createTestClinic(harness)
    const mine = await patientWithHistory(harness, clinic, 'Fix')
    const corrected = await harness.call('PATCH', `/v1/patients/${mine.patientId}`, {
      token: clinic.sk,
      body: { name: 'Erika Korrigiert', email: 'erika.new@example.org' },
    })
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200)
    expect(corrected.body).toMatchObject({
      name: 'Erika Korrigiert',
      email: 'erika.new@example.org',
      phone: expect.stringMatching(/^\+49151/),
    })
    const data = (await harness.call('GET', `/v1/patients/${mine.patientId}/export`, { token: clinic.sk }))
      .body
    expect(data.intakeResponses[0].answers.reason).toBe(mine.answer)
    expect(data.consentRecords[0].signer.name).toBe(mine.who.name)
    expect(data.access.map((event: { action: string }) => event.action)).toContain('patient.update')
    // Nothing left to reach the patient by: refused, and nothing changes.
    const none = await harness.call('PATCH', `/v1/patients/${mine.patientId}`, {
      token: clinic.sk,
      body: { email: null, phone: null },
    })
    expect(none.status).toBe(422)
    const badPhone = await harness.call('PATCH', `/v1/patients/${mine.patientId}`, {
      token: clinic.sk,
      body: { phone: '+49 0000000' },
    })
    expect(badPhone.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['phone'])
    expect(
      (await harness.call('GET', `/v1/patients/${mine.patientId}`, { token: clinic.sk })).body.email,
    ).toBe('erika.new@example.org')
  })

  it('erases so that a dump of every table shows nothing of the patient, and both chains still verify', async () => {
    const clinic = await createTestClinic(harness)
    const mine = await patientWithHistory(harness, clinic, 'Gone')
    const erased = await harness.call('POST', `/v1/patients/${mine.patientId}/erasure`, { token: clinic.sk })
    expect(erased.status, harness.logs.filter((l) => l.includes('unhandled')).join('\n')).toBe(200)
    expect(erased.body).toMatchObject({
      removed: { patientDetails: true, bookingNotes: 1, intakeResponses: 1, consentEvidence: 1 },
      retained: [],
    })
    const dump = await databaseDump(harness)
    for (const value of [
      mine.who.name,
      mine.who.email,
      mine.who.phone.replaceAll(' ', ''),
      mine.notes,
      mine.answer,
      mine.typedName,
    ]) {
      expect(dump).not.toContain(value)
    }
    const consent = await harness.call('GET', '/v1/consent/verification', { token: clinic.sk })
    expect(consent.body).toMatchObject({ intact: true })
    const auditChain = await harness.call('GET', '/v1/audit/verification', { token: clinic.sk })
    expect(auditChain.status).toBe(200)
    expect(auditChain.body.firstBroken ?? null).toBeNull()
    // The record itself stays: the decision and when, without who signed.
    const record = await harness.call('GET', `/v1/consent/records/${mine.recordId}`, { token: clinic.sk })
    expect(record.body).toMatchObject({ decision: 'given', typedName: null, signer: { name: null } })
    // The same details booking again make a new patient: the old identity is gone.
    const again = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      body: { serviceId: clinic.serviceId, startsAt: '2027-03-05T09:00:00Z', patient: mine.who },
    })
    const newPatient = (
      await harness.call('GET', `/v1/bookings/${again.body.booking.id}`, { token: clinic.sk })
    ).body.patient.id
    expect(newPatient).not.toBe(mine.patientId)
  })

  it('keeps what a legal hold names, until it is released', async () => {
    const clinic = await createTestClinic(harness)
    const mine = await patientWithHistory(harness, clinic, 'Held')
    const hold = await harness.call('POST', `/v1/patients/${mine.patientId}/legal-holds`, {
      token: clinic.sk,
      body: { kinds: ['intake', 'consent'], reason: '§ 630f BGB: records kept ten years' },
    })
    expect(hold.status).toBe(201)
    const first = await harness.call('POST', `/v1/patients/${mine.patientId}/erasure`, { token: clinic.sk })
    expect(first.body.removed).toMatchObject({
      patientDetails: false,
      bookingNotes: 1,
      intakeResponses: 0,
      consentEvidence: 0,
    })
    expect(first.body.retained).toEqual([
      { kind: 'intake', count: 1, reason: 'legal_hold', holdId: hold.body.id },
      { kind: 'consent', count: 1, reason: 'legal_hold', holdId: hold.body.id },
    ])
    const kept = (await harness.call('GET', `/v1/patients/${mine.patientId}/export`, { token: clinic.sk }))
      .body
    expect(kept.intakeResponses[0].answers.reason).toBe(mine.answer)
    expect(kept.consentRecords[0].typedName).toBe(mine.typedName)
    expect(kept.patient.restrictedAt).not.toBeNull()
    expect(kept.bookings[0].notes).toBeNull()

    expect(
      (await harness.call('POST', `/v1/legal-holds/${hold.body.id}/release`, { token: clinic.sk })).status,
    ).toBe(200)
    const second = await harness.call('POST', `/v1/patients/${mine.patientId}/erasure`, { token: clinic.sk })
    expect(second.body).toMatchObject({
      removed: { patientDetails: true, intakeResponses: 1, consentEvidence: 1 },
      retained: [],
    })
    const dump = await databaseDump(harness)
    expect(dump).not.toContain(mine.answer)
    expect(dump).not.toContain(mine.who.email)
  })

  it('refuses other clinics, patient tokens and bad input, changing nothing', async () => {
    const a = await createTestClinic(harness)
    const b = await createTestClinic(harness)
    const mine = await patientWithHistory(harness, a, 'Guarded')
    for (const [method, path, body] of [
      ['GET', `/v1/patients/${mine.patientId}`, undefined],
      ['PATCH', `/v1/patients/${mine.patientId}`, { name: 'Hijacked Name' }],
      ['POST', `/v1/patients/${mine.patientId}/erasure`, undefined],
      ['PUT', `/v1/patients/${mine.patientId}/restriction`, { restricted: true }],
      ['POST', `/v1/patients/${mine.patientId}/legal-holds`, { kinds: ['intake'], reason: 'x' }],
    ] as const) {
      const answer = await harness.call(method, path, { token: b.sk, ...(body && { body }) })
      expect(answer.status, `${method} ${path}`).toBe(404)
      const unauthenticated = await harness.call(method, path, body ? { body } : {})
      expect(unauthenticated.status).toBe(401)
      const publishable = await harness.call(method, path, { token: a.pk, ...(body && { body }) })
      expect(publishable.status).toBe(403)
    }
    const bad = await harness.call('POST', `/v1/patients/${mine.patientId}/legal-holds`, {
      token: a.sk,
      body: { kinds: ['everything'], reason: '' },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'kinds.0',
      'reason',
    ])
    const after = (await harness.call('GET', `/v1/patients/${mine.patientId}/export`, { token: a.sk })).body
    expect(after.patient).toMatchObject({ name: mine.who.name, restrictedAt: null, erasedAt: null })
  })
})
