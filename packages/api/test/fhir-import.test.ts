// Importing a FHIR R4 Questionnaire over the API as a form's next version: HL7's own example and our own
// export come in, what cannot be carried over is named, anything else is refused, and only the clinic's
// secret key or staff who manage forms may do it, on the clinic's own forms.
import { NEW_PATIENT_HISTORY } from '@frontdesk/contracts/demo'
import { LIFELINES_QUESTIONNAIRE } from '@frontdesk/contracts/testing'
import { describe, expect, it } from 'vitest'
import { createTestClinic, STAFF_ORIGIN, type TestClinic, useHarness } from './harness.js'
import { staffMember } from './staff-session.js'

const harness = useHarness()
const fhirJson = (resource: unknown) =>
  new Blob([JSON.stringify(resource)], { type: 'application/fhir+json' })

async function newForm(clinic: TestClinic, definition: unknown = NEW_PATIENT_HISTORY) {
  const created = await harness.call('POST', '/v1/intake/forms', {
    token: clinic.sk,
    body: { name: 'Imported', definition },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body.id as string
}

const importInto = (formId: string, body: unknown, auth: { token?: string; cookie?: string }) =>
  harness.call('POST', `/v1/intake/forms/${formId}/versions/fhir`, {
    ...auth,
    ...(auth.cookie && { origin: STAFF_ORIGIN }),
    body,
  })

describe('importing a FHIR Questionnaire', () => {
  it("publishes HL7's Lifelines example as the next version, every question asked", async () => {
    const clinic = await createTestClinic(harness)
    const formId = await newForm(clinic)
    const imported = await importInto(formId, fhirJson(LIFELINES_QUESTIONNAIRE), { token: clinic.sk })
    expect(imported.status, JSON.stringify(imported.body)).toBe(201)
    expect(imported.body).toMatchObject({ formId, version: 2 })
    // R4 asks for no title, and HL7's example has none: the code's display stands in, and says so.
    expect(imported.body.unmapped).toEqual([
      {
        linkId: 'Questionnaire',
        reason: 'has neither title nor name; titled "Lifelines Questionnaire 1 part 1"',
      },
    ])
    const current = await harness.call('GET', `/v1/intake/forms/${formId}`, { token: clinic.pk })
    expect(current.body.currentVersion).toBe(2)
    const labels = JSON.stringify(current.body.definition)
    for (const question of [
      'Do you have allergies?',
      'What is your date of birth?',
      'Do you drink alchohol?',
    ])
      expect(labels).toContain(question)
    expect(current.body.definition.items.map((item: { type: string }) => item.type)).toEqual([
      'yesNo',
      'group',
      'group',
    ])
  })

  it('takes back its own export exactly', async () => {
    const clinic = await createTestClinic(harness)
    const formId = await newForm(clinic)
    const exported = await harness.call('GET', `/v1/intake/forms/${formId}/versions/1/fhir`, {
      token: clinic.sk,
    })
    const imported = await importInto(formId, fhirJson(exported.body), { token: clinic.sk })
    expect(imported.status, JSON.stringify(imported.body)).toBe(201)
    expect(imported.body).toMatchObject({ version: 2, definition: NEW_PATIENT_HISTORY, unmapped: [] })
  })

  it('names what it cannot carry over instead of dropping it', async () => {
    const clinic = await createTestClinic(harness)
    const formId = await newForm(clinic)
    const imported = await importInto(
      formId,
      fhirJson({
        resourceType: 'Questionnaire',
        status: 'active',
        title: 'Weight check',
        item: [
          { linkId: 'weight', text: 'Your weight', type: 'quantity' },
          {
            linkId: 'why',
            text: 'Why did it change?',
            type: 'text',
            enableWhen: [{ question: 'weight', operator: '>', answerQuantity: { value: 90, unit: 'kg' } }],
          },
          { linkId: 'when', text: 'Since when?', type: 'date', readOnly: true },
        ],
      }),
      { token: clinic.sk },
    )
    expect(imported.status, JSON.stringify(imported.body)).toBe(201)
    expect(imported.body.unmapped).toEqual([
      { linkId: 'weight', reason: 'Frontdesk has no item for FHIR type "quantity"' },
      { linkId: 'why', reason: 'enableWhen names "weight", which is not a question; the item always shows' },
      { linkId: 'when', reason: 'read-only questions are not imported as such; the patient may answer it' },
    ])
    expect(imported.body.definition.items).toEqual([
      { id: 'why', label: 'Why did it change?', type: 'longText' },
      { id: 'when', label: 'Since when?', type: 'date' },
    ])
  })

  it('refuses what is no R4 Questionnaire, or asks nothing Frontdesk can, saying why', async () => {
    const clinic = await createTestClinic(harness)
    const formId = await newForm(clinic)
    const before = await harness.call('GET', `/v1/intake/forms/${formId}`, { token: clinic.sk })
    const refusals = [
      [{ resourceType: 'Patient', id: 'p1' }, 'resourceType', /resourceType must be "Questionnaire"/],
      [{ resourceType: 'Questionnaire', title: 'No status' }, 'status', /./],
      [
        { ...LIFELINES_QUESTIONNAIRE, item: [{ linkId: 'w', text: 'Weight', type: 'quantity' }] },
        'item',
        /Nothing in this Questionnaire can be asked \(.*w: Frontdesk has no item for FHIR type "quantity"\)/,
      ],
    ] as const
    for (const [body, path, message] of refusals) {
      const refused = await importInto(formId, fhirJson(body), { token: clinic.sk })
      expect(refused.status, JSON.stringify(refused.body)).toBe(422)
      expect(refused.body.error.code).toBe('VALIDATION_FAILED')
      expect(refused.body.error.issues[0].path).toBe(path)
      expect(refused.body.error.message).toMatch(message)
    }
    const xml = await importInto(formId, new Blob(['<Questionnaire/>'], { type: 'application/fhir+xml' }), {
      token: clinic.sk,
    })
    expect({ status: xml.status, code: xml.body.error.code }).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    })
    const after = await harness.call('GET', `/v1/intake/forms/${formId}`, { token: clinic.sk })
    expect(after.body.currentVersion).toBe(before.body.currentVersion)
  })

  it('is for the clinic that owns the form, by secret key or staff who manage forms', async () => {
    const a = await createTestClinic(harness)
    const b = await createTestClinic(harness)
    const formId = await newForm(a)
    const body = fhirJson(LIFELINES_QUESTIONNAIRE)
    const foreign = await importInto(formId, body, { token: b.sk })
    expect(foreign.status).toBe(404)
    expect((await importInto(formId, body, {})).status).toBe(401)
    expect((await importInto(formId, body, { token: a.pk })).status).toBe(403)
    const practitioner = await staffMember(harness, a.clinicId, 'practitioner')
    expect((await importInto(formId, body, { cookie: practitioner.cookie })).status).toBe(403)
    const admin = await staffMember(harness, a.clinicId, 'admin')
    const byAdmin = await importInto(formId, body, { cookie: admin.cookie })
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(201)
    const current = await harness.call('GET', `/v1/intake/forms/${formId}`, { token: a.sk })
    expect(current.body.currentVersion).toBe(2)
  })
})
