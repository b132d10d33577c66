// The intake validator's table: every field type × required/optional × shown/hidden, good and bad
// answers, conditions inside repeating groups, drafts, and what is kept for storage.
import { describe, expect, it } from 'vitest'
import type { FormDefinition, FormField } from './types.js'
import { type IntakeIssueCode, validateIntake } from './validate.js'

const TODAY = '2027-03-02'
const PNG = `data:image/png;base64,${'iVBORw0KGgo'.repeat(4)}=`

/** Omit for each member of the union, so each field type keeps its own properties. */
type WithoutName<F> = F extends unknown ? Omit<F, 'id' | 'label' | 'required'> : never

/** One field per type, with an answer it accepts and answers it refuses (and why). */
const TYPES: {
  field: WithoutName<FormField>
  good: unknown
  bad: [unknown, IntakeIssueCode][]
}[] = [
  {
    field: { type: 'text', maxLength: 10 },
    good: '  Headache ',
    bad: [
      [42, 'wrongType'],
      ['x'.repeat(11), 'tooLong'],
    ],
  },
  {
    field: { type: 'longText' },
    good: 'Since Monday.\nWorse at night.',
    bad: [['x'.repeat(5001), 'tooLong']],
  },
  {
    field: { type: 'number', min: 0, max: 300, integer: true },
    good: 72,
    bad: [
      ['72', 'wrongType'],
      [72.5, 'notInteger'],
      [-1, 'tooSmall'],
      [301, 'tooLarge'],
      [Number.NaN, 'wrongType'],
    ],
  },
  {
    field: { type: 'date', min: '1900-01-01', max: 'today' },
    good: '1985-04-12',
    bad: [
      ['1985-02-30', 'invalidDate'],
      ['12.04.1985', 'invalidDate'],
      ['1899-12-31', 'tooEarly'],
      ['2027-03-03', 'tooLate'],
    ],
  },
  {
    field: {
      type: 'choice',
      options: [
        { value: 'public', label: 'Public' },
        { value: 'private', label: 'Private' },
      ],
    },
    good: 'private',
    bad: [
      ['other', 'notAnOption'],
      [['private'], 'wrongType'],
    ],
  },
  {
    field: {
      type: 'multiChoice',
      options: ['pollen', 'nuts', 'latex'].map((value) => ({ value, label: value })),
      maxSelected: 2,
    },
    good: ['nuts', 'latex'],
    bad: [
      [['nuts', 'eggs'], 'notAnOption'],
      [['pollen', 'nuts', 'latex'], 'tooManySelected'],
      ['nuts', 'wrongType'],
    ],
  },
  { field: { type: 'yesNo' }, good: false, bad: [['no', 'wrongType']] },
  { field: { type: 'email' }, good: 'a.b@example.org', bad: [['a@b', 'invalidEmail']] },
  {
    field: { type: 'phone' },
    good: '+49 30 1234567',
    bad: [
      ['call me', 'invalidPhone'],
      ['12', 'invalidPhone'],
    ],
  },
  {
    field: { type: 'address' },
    good: { line1: 'Lindenstraße 12', postalCode: '10969', city: 'Berlin', country: 'DE' },
    bad: [
      [
        { line1: 'Lindenstraße 12', postalCode: '10969', city: 'Berlin', country: 'Germany' },
        'invalidAddress',
      ],
      [{ line1: '', postalCode: '10969', city: 'Berlin', country: 'DE' }, 'invalidAddress'],
      [{ line1: 'x', postalCode: '1', city: 'y', country: 'DE', floor: 3 }, 'invalidAddress'],
    ],
  },
  {
    field: { type: 'signature' },
    good: { image: PNG },
    bad: [
      [{ image: 'data:image/svg+xml;base64,PHN2Zz4=' }, 'invalidSignature'],
      [{ image: `${PNG}<script>` }, 'invalidSignature'],
      ['signed', 'wrongType'],
    ],
  },
  {
    field: { type: 'file', accept: ['image/*', 'application/pdf'], maxBytes: 5_000_000, maxFiles: 2 },
    good: [{ fileId: 'file_frontSide01', contentType: 'image/jpeg', bytes: 812_000 }],
    bad: [
      [[{ fileId: 'file_frontSide01', contentType: 'text/html', bytes: 10 }], 'fileTypeNotAccepted'],
      [[{ fileId: 'file_frontSide01', contentType: 'image/png', bytes: 5_000_001 }], 'fileTooLarge'],
      [[{ fileId: '../etc/passwd', contentType: 'image/png', bytes: 10 }], 'invalidFile'],
      [
        Array.from({ length: 3 }, (_, i) => ({
          fileId: `file_side000${i}`,
          contentType: 'image/png',
          bytes: 10,
        })),
        'tooManyFiles',
      ],
    ],
  },
]

/** A form asking `reason` first; the field under test is shown only when reason is "yes". */
function formWith(field: FormField): FormDefinition {
  return {
    title: 'Test',
    items: [
      { id: 'reason', type: 'yesNo', label: 'Show it?' },
      { ...field, showWhen: { field: 'reason', equals: true } } as FormField,
    ],
  }
}

describe('validateIntake: every field type', () => {
  for (const { field, good, bad } of TYPES) {
    for (const required of [true, false]) {
      const form = formWith({ ...field, id: 'answer', label: 'Answer', required } as FormField)
      const name = `${field.type}, ${required ? 'required' : 'optional'}`

      it(`${name}, shown: keeps a good answer and names each bad one`, () => {
        const verdict = validateIntake(form, { reason: true, answer: good }, { today: TODAY })
        expect(verdict.issues).toEqual([])
        expect(verdict.answers).toHaveProperty('answer')
        for (const [value, code] of bad) {
          const refused = validateIntake(form, { reason: true, answer: value }, { today: TODAY })
          expect(refused.issues, JSON.stringify(value).slice(0, 80)).toEqual([{ path: 'answer', code }])
          expect(refused.answers).not.toHaveProperty('answer')
        }
      })

      it(`${name}, shown and left empty: ${required ? 'required' : 'fine'}, and a draft may leave it`, () => {
        const empty = validateIntake(form, { reason: true }, { today: TODAY })
        expect(empty.issues).toEqual(required ? [{ path: 'answer', code: 'required' }] : [])
        expect(validateIntake(form, { reason: true }, { today: TODAY, draft: true }).issues).toEqual([])
      })

      it(`${name}, hidden: never required, and an answer sent anyway is not kept`, () => {
        const hidden = validateIntake(form, { reason: false, answer: bad[0]![0] }, { today: TODAY })
        expect(hidden.issues).toEqual([])
        expect(hidden.answers).toEqual({ reason: false })
      })
    }
  }
})

describe('validateIntake: forms as a whole', () => {
  const medications: FormDefinition = {
    title: 'History',
    items: [
      { id: 'intro', type: 'display', label: 'About your medicines' },
      { id: 'takesMedication', type: 'yesNo', label: 'Do you take medicines?', required: true },
      {
        id: 'medications',
        type: 'group',
        label: 'Medicines',
        repeat: { min: 1, max: 3 },
        showWhen: { field: 'takesMedication', equals: true },
        items: [
          { id: 'name', type: 'text', label: 'Name', required: true },
          { id: 'regular', type: 'yesNo', label: 'Every day?', required: true },
          // Reads `regular` of the same repeat, not of another one.
          {
            id: 'dose',
            type: 'text',
            label: 'Daily dose',
            required: true,
            showWhen: { field: 'regular', equals: true },
          },
          {
            id: 'insurer',
            type: 'text',
            label: 'Paid by',
            showWhen: { field: 'takesMedication', answered: true },
          },
        ],
      },
    ],
  }

  it('reads conditions inside a repeating group from the same repeat', () => {
    const verdict = validateIntake(
      medications,
      {
        takesMedication: true,
        medications: [
          { name: 'Ibuprofen', regular: false, dose: 'ignored because hidden' },
          { name: 'Metformin', regular: true },
        ],
      },
      { today: TODAY },
    )
    expect(verdict.issues).toEqual([{ path: 'medications[1].dose', code: 'required' }])
    expect(verdict.answers.medications).toEqual([
      { name: 'Ibuprofen', regular: false },
      { name: 'Metformin', regular: true },
    ])
  })

  it('counts repeats, and drops a hidden repeating group entirely', () => {
    expect(
      validateIntake(medications, { takesMedication: true, medications: [] }, { today: TODAY }).issues,
    ).toEqual([{ path: 'medications', code: 'tooFewEntries' }])
    const four = Array.from({ length: 4 }, () => ({ name: 'A', regular: false }))
    expect(
      validateIntake(medications, { takesMedication: true, medications: four }, { today: TODAY }).issues,
    ).toEqual([{ path: 'medications', code: 'tooManyEntries' }])
    const hidden = validateIntake(
      medications,
      { takesMedication: false, medications: [{ name: 'Secret' }] },
      { today: TODAY },
    )
    expect(hidden).toEqual({ issues: [], answers: { takesMedication: false } })
  })

  it('refuses answers to questions the form does not ask, and a response that is not an object', () => {
    const verdict = validateIntake(
      medications,
      { takesMedication: false, intro: 'x', smoker: true, medications: [{ name: 'A', colour: 'red' }] },
      { today: TODAY },
    )
    expect(verdict.issues).toEqual([
      { path: 'intro', code: 'unknownField' },
      { path: 'smoker', code: 'unknownField' },
    ])
    expect(validateIntake(medications, ['takesMedication'], { today: TODAY }).issues).toEqual([
      { path: '$', code: 'wrongType' },
    ])
  })

  it('combines conditions with all/any, and treats a hidden field as unanswered for later ones', () => {
    const form: FormDefinition = {
      title: 'Minor',
      items: [
        { id: 'age', type: 'number', label: 'Age', required: true },
        {
          id: 'isParent',
          type: 'yesNo',
          label: 'Are you the parent?',
          showWhen: { any: [{ field: 'age', in: [0, 1, 2] }] },
        },
        {
          id: 'guardian',
          type: 'text',
          label: 'Guardian',
          required: true,
          showWhen: { all: [{ field: 'isParent', equals: false }] },
        },
      ],
    }
    expect(validateIntake(form, { age: 1, isParent: false }, { today: TODAY }).issues).toEqual([
      { path: 'guardian', code: 'required' },
    ])
    // isParent is hidden for a 30-year-old, so guardian's condition cannot hold on a stale answer.
    expect(validateIntake(form, { age: 30, isParent: false }, { today: TODAY })).toEqual({
      issues: [],
      answers: { age: 30 },
    })
  })
})
