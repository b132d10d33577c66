// Intake responses end to end over the API: a booked patient fills the new-patient history with a
// repeating group and an upload, leaves, resumes with the token and submits; the clinic reads it back.
// Also: what a database dump shows, idle expiry, version pinning, uploads refused, the submitted event.
import { fhir } from '@frontdesk/contracts'
import { NEW_PATIENT_HISTORY } from '@frontdesk/contracts/demo'
import { describe, expect, it } from 'vitest'
import { purgeIdleDrafts } from '../src/intake/response-store.js'
import { createTestClinic, DEFAULT_NOW, patient, type TestClinic, useHarness } from './harness.js'
import { databaseRowsMentioning } from './security/database-scan.js'
import { PNG, png } from './security/fixtures.js'

const harness = useHarness()
const DAY = 24 * 60 * 60 * 1000
const SIGNATURE = `data:image/png;base64,${PNG.toString('base64')}`

async function must(promise: ReturnType<Harness['call']>, status: number): Promise<any> {
  const response = await promise
  expect({ status: response.status, body: response.body }).toMatchObject({ status })
  return response.body
}
type Harness = typeof harness

async function formOf(clinic: TestClinic, definition = NEW_PATIENT_HISTORY) {
  return must(
    harness.call('POST', '/v1/intake/forms', {
      token: clinic.sk,
      body: { name: 'New patients', definition },
    }),
    201,
  )
}

async function bookedPatient(clinic: TestClinic) {
  return must(
    harness.call('POST', '/v1/bookings', {
      token: clinic.sk,
      body: {
        serviceId: clinic.serviceId,
        practitionerId: clinic.practitionerIds[0],
        startsAt: '2027-03-03T08:00:00Z',
        patient,
      },
    }),
    201,
  )
}

/** What a patient types: unusual enough that finding it anywhere in the database means it leaked. */
const typed = {
  reason: 'Knee pain after the Zugspitze hike, mostly on stairs',
  contact: {
    address: { line1: 'Wrangelstraße 77', postalCode: '10997', city: 'Berlin', country: 'DE' },
    emergencyName: 'Ottilie Quast',
    emergencyPhone: '+49 30 5550177',
  },
  insurance: { kind: 'statutory', insurer: 'Barmer Ersatzkasse' },
  takesMedication: true,
  medications: [
    { name: 'Levothyroxin', regular: true, dose: '75 microgram' },
    // `dose` is hidden in this repeat (not taken daily): an answer to it must not be kept.
    { name: 'Ibuprofen Zugspitze', regular: false, dose: 'whenever hidden-dose-xyz' },
  ],
  allergies: ['penicillin', 'other'],
  otherAllergy: 'Birch pollen of Tempelhof',
  chronicConditions: true,
  chronicConditionsDetails: 'Hashimoto since 2014',
  heightCm: 181,
  signature: { image: SIGNATURE },
}

describe('an intake after a booking', () => {
  it('is started with the visit token, saved, resumed, submitted, and read back decrypted by the clinic only', async () => {
    const clinic = await createTestClinic(harness)
    const form = await formOf(clinic)
    const booked = await bookedPatient(clinic)

    const started = await must(
      harness.call('POST', '/v1/intake/drafts', { token: booked.visitToken, body: { formId: form.id } }),
      201,
    )
    expect(started.draft).toMatchObject({
      formId: form.id,
      version: 1,
      status: 'draft',
      bookingId: booked.booking.id,
      answers: {},
    })
    expect(started.resumeToken).toMatch(/^rt_/)
    const { id } = started.draft
    const resume = started.resumeToken as string

    // The first steps, saved as the patient goes; the file goes up on its own.
    const first = { reason: typed.reason, contact: typed.contact }
    await must(
      harness.call('PUT', `/v1/intake/drafts/${id}`, { token: resume, body: { version: 1, answers: first } }),
      200,
    )
    const card = await must(
      harness.call('POST', `/v1/intake/drafts/${id}/files?field=insurance.card`, {
        token: resume,
        body: png(),
      }),
      201,
    )
    expect(card).toMatchObject({ field: 'insurance.card', contentType: 'image/png', bytes: PNG.length })

    // Leaving and coming back: the token alone brings back what was saved, and the file.
    const resumed = await must(harness.call('GET', `/v1/intake/drafts/${id}`, { token: resume }), 200)
    expect(resumed.answers).toEqual(first)
    expect(resumed.files).toEqual([card])
    expect(resumed.today).toBe('2027-03-02')
    const bytes = await harness.app.request(`/v1/intake/drafts/${id}/files/${card.id}`, {
      headers: { Authorization: `Bearer ${resume}` },
    })
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(PNG)

    const answers = {
      ...typed,
      insurance: {
        ...typed.insurance,
        card: [{ fileId: card.id, contentType: 'image/png', bytes: PNG.length }],
      },
    }
    const sent = await must(
      harness.call('POST', `/v1/intake/drafts/${id}/submit`, {
        token: resume,
        body: { version: 1, answers },
      }),
      200,
    )
    expect(sent).toEqual({ id, status: 'submitted', submittedAt: new Date(DEFAULT_NOW).toISOString() })

    // The token is spent: the answers are the clinic's now.
    expect((await harness.call('GET', `/v1/intake/drafts/${id}`, { token: resume })).status).toBe(401)

    const read = await must(harness.call('GET', `/v1/intake/responses/${id}`, { token: clinic.sk }), 200)
    const { dose: _hidden, ...secondMedication } = typed.medications[1]!
    expect(read).toMatchObject({
      id,
      formId: form.id,
      version: 1,
      status: 'submitted',
      bookingId: booked.booking.id,
      patientId: booked.booking.patientId ?? expect.stringMatching(/^pat_/),
      answers: { ...answers, medications: [typed.medications[0], secondMedication] },
      files: [card],
    })
    // toMatchObject reads objects in arrays as subsets: the hidden dose must be gone, not merely allowed.
    expect(read.answers.medications).toEqual([typed.medications[0], secondMedication])
    const file = await harness.app.request(`/v1/intake/responses/${id}/files/${card.id}`, {
      headers: { Authorization: `Bearer ${clinic.sk}` },
    })
    expect(file.headers.get('Content-Disposition')).toMatch(/^attachment/)
    expect(file.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG)

    // The publishable key that books cannot read it back.
    expect((await harness.call('GET', `/v1/intake/responses/${id}`, { token: clinic.pk })).status).toBe(403)
  })

  it('keeps no answer and no file readable in the database, and logs none', async () => {
    const clinic = await createTestClinic(harness)
    const form = await formOf(clinic)
    const started = await must(
      harness.call('POST', '/v1/intake/drafts', { token: clinic.pk, body: { formId: form.id } }),
      201,
    )
    const { id } = started.draft
    const photo = Buffer.concat([PNG, Buffer.from('Versichertennummer A123456789')])
    const card = await must(
      harness.call('POST', `/v1/intake/drafts/${id}/files?field=insurance.card`, {
        token: started.resumeToken,
        body: new Blob([photo], { type: 'image/png' }),
      }),
      201,
    )
    const answers = {
      ...typed,
      insurance: {
        ...typed.insurance,
        card: [{ fileId: card.id, contentType: 'image/png', bytes: photo.length }],
      },
    }
    await must(
      harness.call('POST', `/v1/intake/drafts/${id}/submit`, {
        token: started.resumeToken,
        body: { version: 1, answers },
      }),
      200,
    )
    const secrets = [
      typed.reason,
      'Wrangelstraße 77',
      'Ottilie Quast',
      '+49 30 5550177',
      'Barmer Ersatzkasse',
      'Levothyroxin',
      '75 microgram',
      'Birch pollen of Tempelhof',
      'Hashimoto since 2014',
      'Versichertennummer A123456789',
    ]
    for (const secret of secrets)
      expect({ secret, found: await databaseRowsMentioning(harness.deps.system, secret) }).toEqual({
        secret,
        found: [],
      })
    // The photo's own bytes, raw or encoded: its end, which no other file shares (every small PNG's header
    // looks alike, and other tests store PNG logos in clear, which are no patient's).
    expect(await databaseRowsMentioning(harness.deps.system, photo.subarray(photo.length - 48))).toEqual([])
    const logs = harness.logs.join('\n')
    for (const secret of secrets) expect(logs).not.toContain(secret)
    expect(logs).not.toContain(started.resumeToken)
  })

  it('tells the clinic with an event that carries ids only, and audits every read and change', async () => {
    const clinic = await createTestClinic(harness)
    const form = await formOf(clinic, {
      title: 'Short',
      items: [{ id: 'reason', type: 'text', label: 'Why?', required: true }],
    })
    const started = await must(
      harness.call('POST', '/v1/intake/drafts', { token: clinic.pk, body: { formId: form.id } }),
      201,
    )
    const { id } = started.draft
    const token = started.resumeToken
    await must(
      harness.call('PUT', `/v1/intake/drafts/${id}`, {
        token,
        body: { version: 1, answers: { reason: 'Flu' } },
      }),
      200,
    )
    await must(harness.call('GET', `/v1/intake/drafts/${id}`, { token }), 200)
    await must(
      harness.call('POST', `/v1/intake/drafts/${id}/submit`, {
        token,
        body: { version: 1, answers: { reason: 'Flu' } },
      }),
      200,
    )
    await must(harness.call('GET', `/v1/intake/responses/${id}`, { token: clinic.sk }), 200)
    await must(harness.call('GET', `/v1/intake/responses/${id}/fhir`, { token: clinic.sk }), 200)

    const events = await harness.deps.system
      .selectFrom('events')
      .selectAll()
      .where('clinic_id', '=', clinic.clinicId)
      .execute()
    expect(
      events.map((event) => ({ type: event.type, objectId: event.object_id, data: event.data })),
    ).toEqual([
      { type: 'intake.submitted', objectId: id, data: { responseId: id, formId: form.id, bookingId: null } },
    ])
    const trail = await harness.deps.system
      .selectFrom('audit_events')
      .select(['action', 'actor_type', 'object_id'])
      .where('clinic_id', '=', clinic.clinicId)
      .where('object_type', '=', 'intake_response')
      .orderBy('id')
      .execute()
    expect(trail).toEqual(
      [
        ['intake.start', 'publishable'],
        ['intake.save', 'resume'],
        ['intake.read', 'resume'],
        ['intake.submit', 'resume'],
        ['intake.read', 'secret'],
        ['intake.export', 'secret'],
      ].map(([action, actor]) => ({ action, actor_type: actor, object_id: id })),
    )
  })
})

describe('drafts', () => {
  it('stay pinned to the version they started on when the clinic publishes a new one', async () => {
    const clinic = await createTestClinic(harness)
    const v1 = { title: 'V1', items: [{ id: 'reason', type: 'text', label: 'Why?', required: true }] }
    const form = await formOf(clinic, v1 as never)
    const started = await must(
      harness.call('POST', '/v1/intake/drafts', { token: clinic.pk, body: { formId: form.id } }),
      201,
    )
    await must(
      harness.call('POST', `/v1/intake/forms/${form.id}/versions`, {
        token: clinic.sk,
        body: {
          definition: {
            title: 'V2',
            items: [{ id: 'symptoms', type: 'text', label: 'Symptoms?', required: true }],
          },
        },
      }),
      201,
    )
    const token = started.resumeToken
    const { id } = started.draft
    const wrongVersion = await harness.call('POST', `/v1/intake/drafts/${id}/submit`, {
      token,
      body: { version: 2, answers: { symptoms: 'Cough' } },
    })
    expect(wrongVersion.status).toBe(422)
    expect(wrongVersion.body.error.issues).toEqual([{ path: 'version', message: expect.any(String) }])
    await must(
      harness.call('POST', `/v1/intake/drafts/${id}/submit`, {
        token,
        body: { version: 1, answers: { reason: 'Cough' } },
      }),
      200,
    )
    const read = await must(harness.call('GET', `/v1/intake/responses/${id}`, { token: clinic.sk }), 200)
    expect(read).toMatchObject({ version: 1, answers: { reason: 'Cough' } })
    const fhirResponse = await must(
      harness.call('GET', `/v1/intake/responses/${id}/fhir`, { token: clinic.sk }),
      200,
    )
    expect(fhirResponse.questionnaire).toBe(`urn:frontdesk:intake-form:${form.id}|1`)
    expect(fhir.fromQuestionnaireResponse(v1 as never, fhirResponse)).toEqual({ reason: 'Cough' })
  })

  it("expire after the clinic's idle days; each save moves the expiry, and the purge removes what expired", async () => {
    const clinic = await createTestClinic(harness)
    await must(
      harness.call('PATCH', '/v1/clinic', { token: clinic.sk, body: { policy: { intakeDraftIdleDays: 3 } } }),
      200,
    )
    const form = await formOf(clinic, {
      title: 'Short',
      items: [{ id: 'reason', type: 'text', label: 'Why?' }],
    } as never)
    const idle = await must(
      harness.call('POST', '/v1/intake/drafts', { token: clinic.pk, body: { formId: form.id } }),
      201,
    )
    const kept = await must(
      harness.call('POST', '/v1/intake/drafts', { token: clinic.pk, body: { formId: form.id } }),
      201,
    )
    expect(Date.parse(idle.draft.expiresAt) - DEFAULT_NOW).toBe(3 * DAY)
    try {
      harness.clock.now = DEFAULT_NOW + 2 * DAY
      const saved = await must(
        harness.call('PUT', `/v1/intake/drafts/${kept.draft.id}`, {
          token: kept.resumeToken,
          body: { version: 1, answers: { reason: 'Still typing' } },
        }),
        200,
      )
      expect(Date.parse(saved.expiresAt)).toBe(DEFAULT_NOW + 5 * DAY)
      harness.clock.now = DEFAULT_NOW + 3 * DAY + 1
      const expired = await harness.call('GET', `/v1/intake/drafts/${idle.draft.id}`, {
        token: idle.resumeToken,
      })
      expect(expired.status).toBe(401)
      await must(harness.call('GET', `/v1/intake/drafts/${kept.draft.id}`, { token: kept.resumeToken }), 200)

      expect(await purgeIdleDrafts(harness.deps.system, harness.clock.now)).toBeGreaterThanOrEqual(1)
      const left = await must(
        harness.call('GET', `/v1/intake/responses?formId=${form.id}`, { token: clinic.sk }),
        200,
      )
      expect(left.data.map((row: { id: string }) => row.id)).toEqual([kept.draft.id])
    } finally {
      harness.clock.now = DEFAULT_NOW
    }
  })
})

describe('uploads', () => {
  const cardForm = {
    title: 'Card',
    items: [{ id: 'card', type: 'file', label: 'Card', accept: ['image/png'], maxBytes: 200, maxFiles: 1 }],
  }
  async function draftFor(clinic: TestClinic) {
    const form = await formOf(clinic, cardForm as never)
    const started = await must(
      harness.call('POST', '/v1/intake/drafts', { token: clinic.pk, body: { formId: form.id } }),
      201,
    )
    return { id: started.draft.id as string, token: started.resumeToken as string }
  }
  const upload = (draft: { id: string; token: string }, body: Blob) =>
    harness.call('POST', `/v1/intake/drafts/${draft.id}/files?field=card`, { token: draft.token, body })

  it('refuses a file too large, of a type the question does not take, or whose content is not what it claims, storing none', async () => {
    const clinic = await createTestClinic(harness)
    const draft = await draftFor(clinic)
    const big = await upload(draft, new Blob([PNG, new Uint8Array(300)], { type: 'image/png' }))
    expect({ status: big.status, code: big.body.error.code }).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    })
    const pdf = await upload(draft, new Blob(['%PDF-1.4\n'], { type: 'application/pdf' }))
    expect({ status: pdf.status, code: pdf.body.error.code }).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    })
    const disguised = await upload(draft, new Blob(['<script>alert(1)</script>'], { type: 'image/png' }))
    expect({ status: disguised.status, code: disguised.body.error.code }).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    })
    const empty = await upload(draft, new Blob([], { type: 'image/png' }))
    expect(empty.status).toBe(422)
    const read = await must(harness.call('GET', `/v1/intake/drafts/${draft.id}`, { token: draft.token }), 200)
    expect(read.files).toEqual([])
  })

  it('refuses an answer naming a file uploaded to another draft, and drops files no answer names on submit', async () => {
    const clinic = await createTestClinic(harness)
    const mine = await draftFor(clinic)
    const other = await draftFor(clinic)
    const theirs = await must(upload(other, png()), 201)
    const kept = await must(upload(mine, png()), 201)
    const dropped = await must(upload(mine, png()), 201)
    const stolen = await harness.call('POST', `/v1/intake/drafts/${mine.id}/submit`, {
      token: mine.token,
      body: {
        version: 1,
        answers: { card: [{ fileId: theirs.id, contentType: 'image/png', bytes: PNG.length }] },
      },
    })
    expect(stolen.body.error.issues).toEqual([
      { path: 'answers.card', message: expect.any(String), code: 'invalidFile' },
    ])
    // The recorded size wins over what the browser claims.
    await must(
      harness.call('POST', `/v1/intake/drafts/${mine.id}/submit`, {
        token: mine.token,
        body: { version: 1, answers: { card: [{ fileId: kept.id, contentType: 'image/png', bytes: 1 }] } },
      }),
      200,
    )
    const read = await must(harness.call('GET', `/v1/intake/responses/${mine.id}`, { token: clinic.sk }), 200)
    expect(read.answers).toEqual({ card: [{ fileId: kept.id, contentType: 'image/png', bytes: PNG.length }] })
    expect(read.files.map((file: { id: string }) => file.id)).toEqual([kept.id])
    const gone = await harness.app.request(`/v1/intake/responses/${mine.id}/files/${dropped.id}`, {
      headers: { Authorization: `Bearer ${clinic.sk}` },
    })
    expect(gone.status).toBe(404)
  })
})
