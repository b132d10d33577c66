// Patient rights through the API on real storage: an export holds everything about the patient (booking,
// intake answers, consent, messages, who accessed it) and nothing of anyone else, as JSON and as a FHIR
// Bundle; a correction is audited and leaves answers as given; erasure leaves no personal data in a dump
// of every table while the consent and audit chains still verify; a legal hold keeps what it names.
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { planMessages } from '../src/messages/planner.js'
import { createTestClinic, type TestClinic, useHarness } from './harness.js'
import { consentTestDocument, intakeTestForm } from './security/fixtures.js'

const harness = useHarness()

const person = (tag: string) => ({
  name: `Erika ${tag} Mustermann`,
  email: `erika.${tag.toLowerCase()}@example.org`,
  phone: `+49 151 ${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  dateOfBirth: '1979-06-30',
})

/** A patient who booked (with notes), filled intake for the booking and signed consent by typed name. */
async function patientWithHistory(clinic: TestClinic, tag: string, startsAt = '2027-03-04T09:00:00Z') {
  const who = person(tag)
  const notes = `Recurring migraine ${tag}`
  const booked = await harness.call('POST', '/v1/bookings', {
    token: clinic.pk,
    body: { serviceId: clinic.serviceId, startsAt, patient: who, notes },
  })
  expect(booked.status, JSON.stringify(booked.body)).toBe(201)
  const bookingId = booked.body.booking.id as string
  const visitToken = booked.body.visitToken as string
  const form = await harness.call('POST', '/v1/intake/forms', {
    token: clinic.sk,
    body: { name: `History ${tag}`, definition: intakeTestForm },
  })
  const draft = await harness.call('POST', '/v1/intake/drafts', {
    token: visitToken,
    body: { formId: form.body.id },
  })
  expect(draft.status, JSON.stringify(draft.body)).toBe(201)
  const answer = `Headaches every morning ${tag}`
  const submitted = await harness.call('POST', `/v1/intake/drafts/${draft.body.draft.id}/submit`, {
    token: draft.body.resumeToken,
    body: { version: 1, answers: { reason: answer } },
  })
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
  const document = await harness.call('POST', '/v1/consent/documents', {
    token: clinic.sk,
    body: { ...consentTestDocument(), method: 'typed_name' },
  })
  const english = document.body.current.texts.find((text: { language: string }) => text.language === 'en')
  const typedName = `${who.name} signed`
  const consent = await harness.call('POST', '/v1/consent/records', {
    token: visitToken,
    body: {
      documentId: document.body.id,
      version: 1,
      language: 'en',
      textHash: english.hash,
      decision: 'given',
      signer: { relation: 'self', name: who.name },
      typedName,
    },
  })
  expect(consent.status, JSON.stringify(consent.body)).toBe(201)
  const patientId = (await harness.call('GET', `/v1/bookings/${bookingId}`, { token: clinic.sk })).body
    .patient.id
  return { who, notes, answer, typedName, bookingId, patientId, recordId: consent.body.record.id as string }
}

/** Every row of every table in the public schema, as text: what a database dump would show. */
async function databaseDump(): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(
    harness.deps.system,
  )
  let dump = ''
  for (const { table_name } of tables.rows) {
    const rows = await sql<{
      row: string
    }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table_name)} t`.execute(harness.deps.system)
    dump += rows.rows.map((row) => row.row).join('\n')
  }
  return dump
}

describe('patient rights', () => {
  it('exports everything about the patient and nothing of anyone else, as JSON and as FHIR', async () => {
    const a = await createTestClinic(harness)
    const b = await createTestClinic(harness)
    const mine = await patientWithHistory(a, 'Mine')
    const neighbour = await patientWithHistory(a, 'Neighbour', '2027-03-04T10:00:00Z')
    const elsewhere = await patientWithHistory(b, 'Elsewhere')
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
      new Set(['Patient', 'Appointment', 'QuestionnaireResponse', 'Consent', 'AuditEvent']),
    )
    const patient = bundle.body.entry[0].resource
    expect(patient).toMatchObject({ id: mine.patientId, birthDate: '1979-06-30' })
    const questionnaire = bundle.body.entry.find(
      (e: { resource: { resourceType: string } }) => e.resource.resourceType === 'QuestionnaireResponse',
    ).resource
    expect(questionnaire.subject).toEqual({ reference: `Patient/${mine.patientId}` })
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
    const mine = await patientWithHistory(clinic, 'Fix')
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
    expect(
      (await harness.call('GET', `/v1/patients/${mine.patientId}`, { token: clinic.sk })).body.email,
    ).toBe('erika.new@example.org')
  })

  it('erases so that a dump of every table shows nothing of the patient, and both chains still verify', async () => {
    const clinic = await createTestClinic(harness)
    const mine = await patientWithHistory(clinic, 'Gone')
    const erased = await harness.call('POST', `/v1/patients/${mine.patientId}/erasure`, { token: clinic.sk })
    expect(erased.status, harness.logs.filter((l) => l.includes('unhandled')).join('\n')).toBe(200)
    expect(erased.body).toMatchObject({
      removed: { patientDetails: true, bookingNotes: 1, intakeResponses: 1, consentEvidence: 1 },
      retained: [],
    })
    const dump = await databaseDump()
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
    const mine = await patientWithHistory(clinic, 'Held')
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
    const dump = await databaseDump()
    expect(dump).not.toContain(mine.answer)
    expect(dump).not.toContain(mine.who.email)
  })

  it('refuses other clinics, patient tokens and bad input, changing nothing', async () => {
    const a = await createTestClinic(harness)
    const b = await createTestClinic(harness)
    const mine = await patientWithHistory(a, 'Guarded')
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
