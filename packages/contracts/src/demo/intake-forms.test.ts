// The demo clinic's intake forms are valid definitions, and believable answers to them pass the validator.

import { describe, expect, it } from 'vitest'
import { IntakeFormDefinition } from '../intake/definition.js'
import { validateIntake } from '../intake/validate.js'
import { CHILD_FORM, NEW_PATIENT_HISTORY } from './intake-forms.js'

const PNG = `data:image/png;base64,${'iVBORw0KGgo'.repeat(8)}=`
const TODAY = '2027-03-02'

describe('demo intake forms', () => {
  it.each([
    ['new patient history', NEW_PATIENT_HISTORY],
    ["child's first visit", CHILD_FORM],
  ])('%s passes the definition rules', (_, form) => {
    const result = IntakeFormDefinition.safeParse(form)
    expect(result.success ? [] : result.error.issues).toEqual([])
  })

  it('accepts a complete history with two medicines and an insurance card, and asks for what is missing', () => {
    const answers = {
      reason: 'Recurring headaches for three weeks.',
      contact: { address: { line1: 'Oranienstraße 5', postalCode: '10997', city: 'Berlin', country: 'DE' } },
      insurance: {
        kind: 'statutory',
        insurer: 'AOK Nordost',
        card: [{ fileId: 'file_cardFront01', contentType: 'image/jpeg', bytes: 900_000 }],
      },
      takesMedication: true,
      medications: [
        { name: 'Ibuprofen 400', regular: false },
        { name: 'L-Thyroxin', regular: true, dose: '50 µg' },
      ],
      allergies: ['penicillin'],
      chronicConditions: false,
      signature: { image: PNG },
    }
    expect(validateIntake(NEW_PATIENT_HISTORY, answers, { today: TODAY }).issues).toEqual([])
    const { signature: _, ...unsigned } = answers
    expect(
      validateIntake(NEW_PATIENT_HISTORY, { ...unsigned, allergies: ['other'] }, { today: TODAY }).issues,
    ).toEqual([
      { path: 'otherAllergy', code: 'required' },
      { path: 'signature', code: 'required' },
    ])
  })

  it("asks a guardian, and only a guardian, for proof, and refuses a child's birth date in the future", () => {
    const base = {
      child: { name: 'Lea Weber', dateOfBirth: '2019-06-01' },
      relation: 'guardian',
      vaccinationsUpToDate: true,
      allergies: false,
      reason: 'Check-up',
      signature: { image: PNG },
    }
    expect(validateIntake(CHILD_FORM, base, { today: TODAY }).issues).toEqual([
      { path: 'guardianProof', code: 'required' },
    ])
    expect(validateIntake(CHILD_FORM, { ...base, relation: 'mother' }, { today: TODAY }).issues).toEqual([])
    expect(
      validateIntake(
        CHILD_FORM,
        { ...base, relation: 'mother', child: { name: 'Lea', dateOfBirth: '2027-04-01' } },
        { today: TODAY },
      ).issues,
    ).toEqual([{ path: 'child.dateOfBirth', code: 'tooLate' }])
  })
})
