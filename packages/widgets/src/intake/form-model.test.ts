// How the demo clinic's new-patient form walks: its steps, the questions that appear as it is answered,
// where an issue lands, and entries added and removed in its list of medicines.

import { CHILD_FORM, NEW_PATIENT_HISTORY } from '@frontdesk/contracts/demo'
import { type Answers, shownPaths, validateIntake } from '@frontdesk/contracts/intake'
import { describe, expect, it } from 'vitest'
import {
  domId,
  fileField,
  fillRepeats,
  getAt,
  setAt,
  shiftPath,
  splitSteps,
  stepOf,
  stepShown,
} from './form-model.js'

const TODAY = '2026-03-02'

/** What the widget does after each change: read what is shown, then give new lists their first entry. */
function show(answers: Answers, form = NEW_PATIENT_HISTORY): Set<string> {
  let shown = shownPaths(form, answers, TODAY)
  if (fillRepeats(form.items, answers, shown)) shown = shownPaths(form, answers, TODAY)
  return shown
}

describe('steps', () => {
  const steps = splitSteps(NEW_PATIENT_HISTORY)

  it('makes each top-level group a step and gathers the questions between groups into one', () => {
    expect(steps.map((step) => step.id)).toEqual([
      'reason',
      'contact',
      'insurance',
      'takesMedication',
      'medications',
      'allergies',
    ])
    expect(steps[5]?.items.map((item) => item.id)).toEqual([
      'allergies',
      'otherAllergy',
      'chronicConditions',
      'chronicConditionsDetails',
      'smoking',
      'heightCm',
      'weightKg',
      'consentToContact',
      'signature',
    ])
    expect(splitSteps(CHILD_FORM).map((step) => step.id)).toEqual(['child', 'relation'])
  })

  it('leaves out the medicines step until the patient says they take some, and counts steps accordingly', () => {
    const answers: Answers = {}
    expect(steps.filter((step) => stepShown(step, show(answers)))).toHaveLength(5)
    answers.takesMedication = true
    expect(steps.filter((step) => stepShown(step, show(answers)))).toHaveLength(6)
    answers.takesMedication = false
    expect(stepShown(steps[4]!, show(answers))).toBe(false)
  })

  it('finds the step of an issue by its path, inside groups and repeats alike', () => {
    expect(stepOf(steps, 'medications[1].dose')).toBe(4)
    expect(stepOf(steps, 'contact.address')).toBe(1)
    expect(stepOf(steps, 'signature')).toBe(5)
    expect(stepOf(steps, 'nothingLikeThis')).toBe(-1)
  })
})

describe('questions shown as the form is answered', () => {
  it('opens the medicines list with its one required entry, and asks the dose only of a daily medicine', () => {
    const answers: Answers = { takesMedication: true }
    let shown = show(answers)
    expect(answers.medications).toEqual([{}])
    expect(shown.has('medications[0].name')).toBe(true)
    expect(shown.has('medications[0].dose')).toBe(false)

    setAt(answers, 'medications[0].regular', true)
    shown = show(answers)
    expect(shown.has('medications[0].dose')).toBe(true)

    // The condition reads the same entry: a second, non-daily medicine gets no dose question.
    ;(answers.medications as Answers[]).push({ regular: false })
    shown = show(answers)
    expect(shown.has('medications[1].dose')).toBe(false)
    expect(shown.has('medications[0].dose')).toBe(true)
  })

  it('shows what the validator would keep, so a half-typed answer does not open its follow-up', () => {
    const answers: Answers = { contact: { emergencyName: '   ' } }
    expect(show(answers).has('contact.emergencyPhone')).toBe(false)
    setAt(answers, 'contact.emergencyName', 'Jan Kowalski')
    expect(show(answers).has('contact.emergencyPhone')).toBe(true)
  })

  it('drops a hidden answer from what is saved, and keeps it on the page in case the patient changes back', () => {
    const answers: Answers = { insurance: { kind: 'private', insurer: 'Allianz' } }
    setAt(answers, 'insurance.kind', 'self')
    const kept = validateIntake(NEW_PATIENT_HISTORY, answers, { today: TODAY, draft: true }).answers
    expect(kept).toEqual({ insurance: { kind: 'self' } })
    expect(getAt(answers, 'insurance.insurer')).toBe('Allianz')
  })

  it('includes display texts whose conditions hold', () => {
    expect(show({}).has('consentToContact')).toBe(true)
  })
})

describe('answers by path', () => {
  it('writes into groups and lists it has to make, and removes an answer set to undefined', () => {
    const answers: Answers = {}
    setAt(answers, 'medications[1].name', 'Ibuprofen')
    expect(answers).toEqual({ medications: [undefined, { name: 'Ibuprofen' }] })
    setAt(answers, 'contact.address', { line1: 'Hauptstr. 1' })
    setAt(answers, 'contact.address', undefined)
    expect(answers.contact).toEqual({})
    expect(getAt(answers, 'medications[1].name')).toBe('Ibuprofen')
    expect(getAt(answers, 'medications[4].name')).toBeUndefined()
  })

  it('names upload fields without repeat indexes, and makes distinct element ids', () => {
    expect(fileField('insurance.card')).toBe('insurance.card')
    expect(fileField('medications[3].photo')).toBe('medications.photo')
    expect(domId('medications[1].dose')).toBe('q-medications-1-dose')
    expect(domId('medications[1].dose', 'issue')).toBe('q-medications-1-dose-issue')
    expect(domId('medications[11]')).not.toBe(domId('medications[1].x1'))
  })
})

describe('removing an entry', () => {
  it('forgets what belonged to the removed entry and moves later entries up one', () => {
    expect(shiftPath('medications[1].dose', 'medications', 1)).toBeNull()
    expect(shiftPath('medications[2].dose', 'medications', 1)).toBe('medications[1].dose')
    expect(shiftPath('medications[0].name', 'medications', 1)).toBe('medications[0].name')
    expect(shiftPath('medications[12].name', 'medications', 1)).toBe('medications[11].name')
    expect(shiftPath('reason', 'medications', 0)).toBe('reason')
    // Another list whose name starts the same is not this one.
    expect(shiftPath('medicationsOld[2].name', 'medications', 0)).toBe('medicationsOld[2].name')
  })
})
