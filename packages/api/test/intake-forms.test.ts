// Intake forms: versions pile up and never change, the current one is what a widget renders, FHIR export.
import { fhir } from '@frontdesk/contracts'
import { CHILD_FORM, NEW_PATIENT_HISTORY } from '@frontdesk/contracts/demo'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createTestClinic, useHarness } from './harness.js'

const harness = useHarness()

async function formIn(sk: string) {
  const created = await harness.call('POST', '/v1/intake/forms', {
    token: sk,
    body: { name: 'New patients', definition: NEW_PATIENT_HISTORY },
  })
  expect(created.status).toBe(201)
  return created.body
}

describe('intake forms', () => {
  it('publishes changes as new versions and keeps every earlier version exactly as it was', async () => {
    const clinic = await createTestClinic(harness)
    const form = await formIn(clinic.sk)
    expect(form).toMatchObject({ name: 'New patients', currentVersion: 1, definition: NEW_PATIENT_HISTORY })

    const published = await harness.call('POST', `/v1/intake/forms/${form.id}/versions`, {
      token: clinic.sk,
      body: { definition: CHILD_FORM },
    })
    expect(published.status).toBe(201)
    expect(published.body).toMatchObject({ formId: form.id, version: 2, definition: CHILD_FORM })

    const current = await harness.call('GET', `/v1/intake/forms/${form.id}`, { token: clinic.pk })
    expect(current.body).toMatchObject({ currentVersion: 2, definition: CHILD_FORM })
    const first = await harness.call('GET', `/v1/intake/forms/${form.id}/versions/1`, { token: clinic.pk })
    expect(first.body.definition).toEqual(NEW_PATIENT_HISTORY)
    const missing = await harness.call('GET', `/v1/intake/forms/${form.id}/versions/3`, { token: clinic.pk })
    expect(missing.status).toBe(404)
  })

  it('numbers concurrent publishes one after another, never twice the same', async () => {
    const clinic = await createTestClinic(harness)
    const form = await formIn(clinic.sk)
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        harness.call('POST', `/v1/intake/forms/${form.id}/versions`, {
          token: clinic.sk,
          body: { definition: { ...NEW_PATIENT_HISTORY, title: `Revision ${n}` } },
        }),
      ),
    )
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(201))
    expect(answers.map((answer) => answer.body.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7])
  })

  it('refuses to rewrite or delete a published version, even from inside the database', async () => {
    const clinic = await createTestClinic(harness)
    const form = await formIn(clinic.sk)
    const db = harness.deps.system
    await expect(
      sql`UPDATE intake_form_versions SET definition = '{}' WHERE form_id = ${form.id}`.execute(db),
    ).rejects.toThrow(/append-only/)
    await expect(
      sql`DELETE FROM intake_form_versions WHERE form_id = ${form.id}`.execute(db),
    ).rejects.toThrow(/append-only/)
  })

  it('exports a version as a FHIR R4 Questionnaire that imports back to the same form', async () => {
    const clinic = await createTestClinic(harness)
    const form = await formIn(clinic.sk)
    const exported = await harness.call('GET', `/v1/intake/forms/${form.id}/versions/1/fhir`, {
      token: clinic.sk,
    })
    expect(exported.status).toBe(200)
    expect(exported.headers.get('Content-Type')).toMatch(/^application\/fhir\+json/)
    const questionnaire = fhir.FhirQuestionnaire.parse(exported.body)
    expect(questionnaire).toMatchObject({ resourceType: 'Questionnaire', version: '1', status: 'active' })
    expect(fhir.fromQuestionnaire(questionnaire)).toEqual(NEW_PATIENT_HISTORY)
  })
})
