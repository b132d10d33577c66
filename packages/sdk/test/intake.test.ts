// Intake forms through the SDK against the real API: the clinic creates and publishes, a page reads.
import { beforeAll, describe, expect, it } from 'vitest'
import { ValidationError } from '../src/index.js'
import { adminClient, publicClient } from './support/clients.js'
import { seedPractice } from './support/practice.js'

const admin = adminClient()
const frontdesk = publicClient()

const history = {
  title: 'New patient history',
  items: [
    { id: 'takesMedication', type: 'yesNo' as const, label: 'Do you take medicines?', required: true },
    {
      id: 'medications',
      type: 'group' as const,
      label: 'Medicines',
      repeat: { min: 1, max: 10 },
      showWhen: { field: 'takesMedication', equals: true },
      items: [{ id: 'name', type: 'text' as const, label: 'Medicine', required: true }],
    },
  ],
}

beforeAll(async () => {
  await seedPractice(admin, 'Intake')
})

describe('intake forms', () => {
  it('creates a form and publishes a version the browser client then renders, with the old one kept', async () => {
    const form = await admin.intake.forms.create({ name: 'History', definition: history })
    expect(form).toMatchObject({ currentVersion: 1, definition: history })
    const revised = { ...history, title: 'Your medical history' }
    const version = await admin.intake.forms.publish(form.id, revised)
    expect(version.version).toBe(2)
    expect((await frontdesk.intake.forms.get(form.id)).definition.title).toBe('Your medical history')
    expect((await frontdesk.intake.forms.version(form.id, 1)).definition).toEqual(history)
    expect((await frontdesk.intake.forms.list()).map((listed) => listed.id)).toContain(form.id)
  })

  it('exports a version as a FHIR Questionnaire with the repeat and its condition', async () => {
    const form = await admin.intake.forms.create({ name: 'History for the EHR', definition: history })
    const questionnaire = await admin.intake.forms.exportFhir(form.id, 1)
    expect(questionnaire.resourceType).toBe('Questionnaire')
    const group = questionnaire.item?.find((item) => item.linkId === 'medications')
    expect(group).toMatchObject({ type: 'group', repeats: true })
    expect(group?.enableWhen?.[0]).toMatchObject({
      question: 'takesMedication',
      operator: '=',
      answerBoolean: true,
    })
  })

  it('names the item at fault in a bad definition, and gives the browser client no way to write forms', async () => {
    const error = await admin.intake.forms
      .create({
        name: 'Broken',
        definition: {
          title: 'Broken',
          items: [{ id: 'a', type: 'text', label: 'A', showWhen: { field: 'zzz', answered: true } }],
        },
      })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(
      'definition.items.0.showWhen',
    )
    // A publishable client has no way to write forms at all (the API refuses it too: route matrix).
    expect('publish' in frontdesk.intake.forms).toBe(false)
    expect('create' in frontdesk.intake.forms).toBe(false)
  })
})

describe('intake responses', () => {
  const card = {
    title: 'Before your visit',
    items: [
      { id: 'reason', type: 'text' as const, label: 'Why?', required: true },
      {
        id: 'card',
        type: 'file' as const,
        label: 'Card',
        accept: ['image/png'],
        maxBytes: 4096,
        maxFiles: 1,
      },
    ],
  }
  // The smallest PNG: what the API's content check recognises as image/png.
  const png = Uint8Array.from(
    atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
    (char) => char.charCodeAt(0),
  )

  it('a patient starts, saves, uploads and submits; the clinic reads it decrypted, as FHIR, and the file', async () => {
    const form = await admin.intake.forms.create({ name: 'Visit', definition: card })
    const { draft, resumeToken } = await frontdesk.intake.drafts.start({ formId: form.id })
    const asPatient = { resumeToken }
    await frontdesk.intake.drafts.save(draft.id, { version: 1, answers: { reason: 'Rash' } }, asPatient)
    expect((await frontdesk.intake.drafts.get(draft.id, asPatient)).answers).toEqual({ reason: 'Rash' })
    const file = await frontdesk.intake.drafts.upload(
      draft.id,
      'card',
      new Blob([png], { type: 'image/png' }),
      asPatient,
    )
    const answers = {
      reason: 'Rash on both arms',
      card: [{ fileId: file.id, contentType: file.contentType, bytes: file.bytes }],
    }
    const sent = await frontdesk.intake.drafts.submit(draft.id, { version: 1, answers }, asPatient)
    expect(sent.status).toBe('submitted')

    const read = await admin.intake.responses.get(draft.id)
    expect(read).toMatchObject({ status: 'submitted', formId: form.id, version: 1, answers })
    const listed = await admin.intake.responses.list({ formId: form.id })
    expect(listed.data.map((row) => row.id)).toEqual([draft.id])
    expect(listed.data[0]).not.toHaveProperty('answers')
    const exported = await admin.intake.responses.exportFhir(draft.id)
    expect(exported).toMatchObject({ resourceType: 'QuestionnaireResponse', status: 'completed' })
    const blob = await admin.intake.responses.file(draft.id, file.id)
    expect(blob.type).toBe('image/png')
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(png)
  })

  it('names the field at fault when submitting, and refuses the spent token afterwards', async () => {
    const form = await admin.intake.forms.create({ name: 'Visit again', definition: card })
    const { draft, resumeToken } = await frontdesk.intake.drafts.start({ formId: form.id })
    const missing = await frontdesk.intake.drafts
      .submit(draft.id, { version: 1, answers: {} }, { resumeToken })
      .catch((error: unknown) => error)
    expect(missing).toBeInstanceOf(ValidationError)
    expect((missing as ValidationError).issues).toEqual([
      { path: 'answers.reason', message: expect.any(String), code: 'required' },
    ])
    await frontdesk.intake.drafts.submit(
      draft.id,
      { version: 1, answers: { reason: 'Cough' } },
      { resumeToken },
    )
    await expect(frontdesk.intake.drafts.get(draft.id, { resumeToken })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    })
  })
})
