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
