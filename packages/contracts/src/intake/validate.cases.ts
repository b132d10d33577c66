// The intake validator's verdicts as data, for Node, the API and Chromium alike to judge and agree on:
// every field type × required/optional × shown/hidden, drafts, repeats, conditions and unknown fields.
// Every expectation is written out here; none is computed by the validator. No vitest: browsers load it.
import type { Answers, AnswerValue, FormDefinition, FormField } from './types.js'
import type { IntakeIssue, IntakeIssueCode } from './validate.js'

/** The date the cases are judged on: the API's test clock (2027-03-02T07:00Z) in Berlin. */
export const TODAY = '2027-03-02'

export interface IntakeCase {
  /** Unique across the table. */
  name: string
  form: FormDefinition
  /** What the patient sends: any JSON, and in a few cases not even that (`NaN`). */
  answers: unknown
  /** Saved as a draft: nothing is required yet. */
  draft?: boolean
  expected: {
    /** In the order the validator walks the form. */
    issues: IntakeIssue[]
    /** What may be stored. */
    answers: Answers
  }
}

const PNG = `data:image/png;base64,${'iVBORw0KGgo'.repeat(4)}=`
const BERLIN = { line1: 'Lindenstraße 12', postalCode: '10969', city: 'Berlin', country: 'DE' }
const ALLERGENS = ['pollen', 'nuts', 'latex'].map((value) => ({ value, label: value }))

/** Omit for each member of the union, so each field type keeps its own properties. */
type WithoutName<F> = F extends unknown ? Omit<F, 'id' | 'label' | 'required'> : never

interface FieldTypeRow {
  field: WithoutName<FormField>
  /** Answers it takes, each with what is kept of it. */
  good: [answer: unknown, kept: AnswerValue][]
  /** Answers it refuses, each with why. The first is also sent to the hidden field. */
  bad: [answer: unknown, code: IntakeIssueCode][]
  /** An answer that counts as none: blank text, an empty list, null. */
  empty: unknown
}

/** One field per type, with what it takes and what it refuses. */
const FIELD_TYPES: FieldTypeRow[] = [
  {
    field: { type: 'text', minLength: 2, maxLength: 10 },
    good: [
      ['  Headache ', 'Headache'],
      [`${'x'.repeat(10)}   `, 'x'.repeat(10)],
    ],
    bad: [
      [42, 'wrongType'],
      ['x'.repeat(11), 'tooLong'],
      [' x ', 'tooShort'],
    ],
    empty: '   ',
  },
  {
    field: { type: 'longText' },
    good: [['Since Monday.\nWorse at night.', 'Since Monday.\nWorse at night.']],
    bad: [
      ['x'.repeat(5001), 'tooLong'],
      [['Since Monday.'], 'wrongType'],
    ],
    empty: '',
  },
  {
    field: { type: 'number', min: 0, max: 300, integer: true },
    good: [
      [72, 72],
      [0, 0],
      [300, 300],
    ],
    bad: [
      ['72', 'wrongType'],
      [72.5, 'notInteger'],
      [-1, 'tooSmall'],
      [301, 'tooLarge'],
      // JSON has no NaN: only the browser and Node meet this one.
      [Number.NaN, 'wrongType'],
    ],
    empty: null,
  },
  {
    field: { type: 'date', min: '1900-01-01', max: 'today' },
    good: [
      ['1985-04-12', '1985-04-12'],
      [TODAY, TODAY],
      ['1900-01-01', '1900-01-01'],
    ],
    bad: [
      ['1985-02-30', 'invalidDate'],
      ['12.04.1985', 'invalidDate'],
      ['1899-12-31', 'tooEarly'],
      ['2027-03-03', 'tooLate'],
      [19850412, 'wrongType'],
    ],
    empty: '',
  },
  {
    field: {
      type: 'choice',
      options: [
        { value: 'public', label: 'Public' },
        { value: 'private', label: 'Private' },
      ],
    },
    good: [['private', 'private']],
    bad: [
      ['other', 'notAnOption'],
      [['private'], 'wrongType'],
    ],
    empty: ' ',
  },
  {
    field: { type: 'multiChoice', options: ALLERGENS, minSelected: 2, maxSelected: 2 },
    good: [
      [
        ['nuts', 'latex'],
        ['nuts', 'latex'],
      ],
      [
        ['latex', 'nuts', 'latex'],
        ['latex', 'nuts'],
      ],
    ],
    bad: [
      [['nuts', 'eggs'], 'notAnOption'],
      [['pollen', 'nuts', 'latex'], 'tooManySelected'],
      [['nuts', 'nuts'], 'tooFewSelected'],
      ['nuts', 'wrongType'],
      [['nuts', 1], 'wrongType'],
    ],
    empty: [],
  },
  {
    field: { type: 'yesNo' },
    good: [
      [false, false],
      [true, true],
    ],
    bad: [
      ['no', 'wrongType'],
      [0, 'wrongType'],
    ],
    empty: null,
  },
  {
    field: { type: 'email' },
    good: [
      ['a.b@example.org', 'a.b@example.org'],
      [' maria@example.org ', 'maria@example.org'],
    ],
    bad: [
      ['a@b', 'invalidEmail'],
      [42, 'wrongType'],
    ],
    empty: ' ',
  },
  {
    field: { type: 'phone' },
    good: [
      ['+49 30 1234567', '+49 30 1234567'],
      [' (030) 123-45 ', '(030) 123-45'],
    ],
    bad: [
      ['call me', 'invalidPhone'],
      ['12', 'invalidPhone'],
      [4930123456, 'wrongType'],
    ],
    empty: '',
  },
  {
    field: { type: 'address' },
    good: [
      [BERLIN, BERLIN],
      [
        { ...BERLIN, line1: ' Lindenstraße 12 ', line2: '' },
        { ...BERLIN, line1: 'Lindenstraße 12' },
      ],
      [
        { ...BERLIN, line2: 'Hinterhaus' },
        { line1: 'Lindenstraße 12', line2: 'Hinterhaus', postalCode: '10969', city: 'Berlin', country: 'DE' },
      ],
    ],
    bad: [
      [{ ...BERLIN, country: 'Germany' }, 'invalidAddress'],
      [{ ...BERLIN, line1: '' }, 'invalidAddress'],
      [{ line1: 'x', postalCode: '1', city: 'y', country: 'DE', floor: 3 }, 'invalidAddress'],
      [{ ...BERLIN, country: 'de' }, 'invalidAddress'],
      ['Lindenstraße 12, Berlin', 'wrongType'],
    ],
    empty: null,
  },
  {
    field: { type: 'signature' },
    good: [[{ image: PNG }, { image: PNG }]],
    bad: [
      [{ image: 'data:image/svg+xml;base64,PHN2Zz4=' }, 'invalidSignature'],
      [{ image: `${PNG}<script>` }, 'invalidSignature'],
      ['signed', 'wrongType'],
      [{ image: PNG, name: 'Maria' }, 'wrongType'],
    ],
    empty: null,
  },
  {
    field: { type: 'file', accept: ['image/*', 'application/pdf'], maxBytes: 5_000_000, maxFiles: 2 },
    // The server also checks that the file was uploaded to this response: its test uploads it first.
    good: [
      [
        [{ fileId: 'file_frontSide01', contentType: 'image/jpeg', bytes: 812_000 }],
        [{ fileId: 'file_frontSide01', contentType: 'image/jpeg', bytes: 812_000 }],
      ],
    ],
    bad: [
      [[{ fileId: 'file_frontSide01', contentType: 'text/html', bytes: 10 }], 'fileTypeNotAccepted'],
      [[{ fileId: 'file_frontSide01', contentType: 'image/png', bytes: 5_000_001 }], 'fileTooLarge'],
      [[{ fileId: '../etc/passwd', contentType: 'image/png', bytes: 10 }], 'invalidFile'],
      [[{ fileId: 'file_frontSide01', contentType: 'image/png', bytes: 0 }], 'invalidFile'],
      [
        Array.from({ length: 3 }, (_, i) => ({
          fileId: `file_side000${i}`,
          contentType: 'image/png',
          bytes: 10,
        })),
        'tooManyFiles',
      ],
      [{ fileId: 'file_frontSide01', contentType: 'image/png', bytes: 10 }, 'wrongType'],
    ],
    empty: [],
  },
]

/** A form asking `reason` first; the field under test, `answer`, is shown only when reason is yes. */
function formWith(field: FormField): FormDefinition {
  return {
    title: 'Test',
    items: [
      { id: 'reason', type: 'yesNo', label: 'Show it?' },
      { ...field, showWhen: { field: 'reason', equals: true } } as FormField,
    ],
  }
}

/** A short, readable rendering of an answer for a case's name. */
function show(value: unknown): string {
  if (typeof value === 'number') return String(value)
  const json = JSON.stringify(value) ?? String(value)
  return json.length > 100 ? `${json.slice(0, 60)}…` : json
}

function fieldTypeCases({ field, good, bad, empty }: FieldTypeRow): IntakeCase[] {
  const cases: IntakeCase[] = []
  for (const required of [true, false]) {
    const form = formWith({ ...field, id: 'answer', label: 'Answer', required } as FormField)
    const add = (name: string, answers: unknown, expected: IntakeCase['expected'], draft?: boolean) =>
      cases.push({
        name: `${field.type}, ${required ? 'required' : 'optional'}, ${name}`,
        form,
        answers,
        ...(draft && { draft }),
        expected,
      })
    const unanswered = { issues: required ? [{ path: 'answer', code: 'required' as const }] : [] }
    for (const [answer, kept] of good) {
      add(
        `shown: keeps ${show(answer)}`,
        { reason: true, answer },
        {
          issues: [],
          answers: { reason: true, answer: kept },
        },
      )
    }
    add(
      `shown, in a draft: keeps ${show(good[0]![0])}`,
      { reason: true, answer: good[0]![0] },
      { issues: [], answers: { reason: true, answer: good[0]![1] } },
      true,
    )
    for (const [answer, code] of bad) {
      add(
        `shown: refuses ${show(answer)} as ${code}`,
        { reason: true, answer },
        {
          issues: [{ path: 'answer', code }],
          answers: { reason: true },
        },
      )
    }
    const [firstBad, firstCode] = bad[0]!
    add(
      `shown, in a draft: still refuses ${show(firstBad)} as ${firstCode}`,
      { reason: true, answer: firstBad },
      { issues: [{ path: 'answer', code: firstCode }], answers: { reason: true } },
      true,
    )
    add('shown, not answered', { reason: true }, { ...unanswered, answers: { reason: true } })
    add(
      `shown, answered empty ${show(empty)}`,
      { reason: true, answer: empty },
      {
        ...unanswered,
        answers: { reason: true },
      },
    )
    add('shown, not answered, in a draft', { reason: true }, { issues: [], answers: { reason: true } }, true)
    add(
      `hidden: drops the bad answer ${show(firstBad)} sent anyway`,
      { reason: false, answer: firstBad },
      {
        issues: [],
        answers: { reason: false },
      },
    )
    add(
      `hidden: drops the good answer ${show(good[0]![0])} sent anyway`,
      { reason: false, answer: good[0]![0] },
      {
        issues: [],
        answers: { reason: false },
      },
    )
    add('hidden while reason is unanswered: nothing required', {}, { issues: [], answers: {} })
  }
  return cases
}

/** Medicines, a repeating group whose conditions read the same repeat, or the form outside it. */
const MEDICATIONS: FormDefinition = {
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
        // Reads the form outside the repeat.
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

/** A repeat asking the same id as the form around it: the repeat's own answer wins. */
const COMPLAINTS: FormDefinition = {
  title: 'Complaints',
  items: [
    { id: 'urgent', type: 'yesNo', label: 'Is anything urgent?' },
    {
      id: 'complaints',
      type: 'group',
      label: 'Complaints',
      repeat: { max: 3 },
      items: [
        { id: 'urgent', type: 'yesNo', label: 'Is this one urgent?', required: true },
        {
          id: 'since',
          type: 'date',
          label: 'Since when?',
          required: true,
          max: 'today',
          showWhen: { field: 'urgent', equals: true },
        },
      ],
    },
  ],
}

const MINOR: FormDefinition = {
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

/** all/any with several parts, nested, and a chain of fields each shown by the one before. */
const ADVICE: FormDefinition = {
  title: 'Advice',
  items: [
    { id: 'smoker', type: 'yesNo', label: 'Do you smoke?', required: true },
    { id: 'pregnant', type: 'yesNo', label: 'Are you pregnant?' },
    {
      id: 'advice',
      type: 'yesNo',
      label: 'Would you like advice?',
      required: true,
      showWhen: {
        any: [
          { field: 'smoker', equals: true },
          { field: 'pregnant', equals: true },
        ],
      },
    },
    {
      id: 'leaflet',
      type: 'email',
      label: 'Where shall we send the leaflet?',
      required: true,
      showWhen: {
        all: [
          { field: 'advice', equals: true },
          {
            any: [
              { field: 'smoker', equals: true },
              { field: 'pregnant', answered: true },
            ],
          },
        ],
      },
    },
  ],
}

/** A plain group whose fields later conditions reach into; in, includes, notEquals, answered: false. */
const CONTACT: FormDefinition = {
  title: 'Contact',
  items: [
    {
      id: 'contact',
      type: 'group',
      label: 'Contact',
      items: [
        {
          id: 'channel',
          type: 'choice',
          label: 'How shall we reach you?',
          required: true,
          options: ['email', 'phone', 'post'].map((value) => ({ value, label: value })),
        },
        {
          id: 'email',
          type: 'email',
          label: 'Email',
          required: true,
          showWhen: { field: 'channel', equals: 'email' },
        },
        {
          id: 'phone',
          type: 'phone',
          label: 'Phone',
          required: true,
          showWhen: { field: 'channel', in: ['phone'] },
        },
      ],
    },
    { id: 'allergies', type: 'multiChoice', label: 'Allergies', options: ALLERGENS },
    {
      id: 'nutReaction',
      type: 'longText',
      label: 'What happens with nuts?',
      required: true,
      showWhen: { field: 'allergies', includes: 'nuts' },
    },
    {
      id: 'noAllergies',
      type: 'yesNo',
      label: 'No allergies at all?',
      required: true,
      showWhen: { field: 'allergies', answered: false },
    },
    {
      id: 'followUp',
      type: 'yesNo',
      label: 'May we call to follow up?',
      showWhen: { field: 'channel', notEquals: 'post' },
    },
  ],
}

const medicine = (name: string) => ({ name, regular: false })

/** Whole forms: repeats, their counts and scopes, hidden groups, all/any, unknown fields. */
const FORM_CASES: IntakeCase[] = [
  {
    name: 'repeat: a condition reads the same repeat (dose asked of the daily medicine only)',
    form: MEDICATIONS,
    answers: {
      takesMedication: true,
      medications: [
        { name: 'Ibuprofen', regular: false, dose: 'ignored because hidden' },
        { name: 'Metformin', regular: true },
      ],
    },
    expected: {
      issues: [{ path: 'medications[1].dose', code: 'required' }],
      answers: {
        takesMedication: true,
        medications: [
          { name: 'Ibuprofen', regular: false },
          { name: 'Metformin', regular: true },
        ],
      },
    },
  },
  {
    name: 'repeat: each repeat answered as its own conditions ask, the outer form read too',
    form: MEDICATIONS,
    answers: {
      takesMedication: true,
      medications: [
        { name: ' Ibuprofen ', regular: false, insurer: '' },
        { name: 'Metformin', regular: true, dose: '500 mg', insurer: ' AOK ' },
      ],
    },
    expected: {
      issues: [],
      answers: {
        takesMedication: true,
        medications: [
          { name: 'Ibuprofen', regular: false },
          { name: 'Metformin', regular: true, dose: '500 mg', insurer: 'AOK' },
        ],
      },
    },
  },
  {
    name: 'repeat: issues in several repeats each name their repeat',
    form: MEDICATIONS,
    answers: {
      takesMedication: true,
      medications: [{ regular: true, dose: '1' }, { name: 'x'.repeat(501), regular: 'yes' }, {}],
    },
    expected: {
      issues: [
        { path: 'medications[0].name', code: 'required' },
        { path: 'medications[1].name', code: 'tooLong' },
        { path: 'medications[1].regular', code: 'wrongType' },
        { path: 'medications[2].name', code: 'required' },
        { path: 'medications[2].regular', code: 'required' },
      ],
      answers: { takesMedication: true, medications: [{ regular: true, dose: '1' }, {}, {}] },
    },
  },
  {
    name: 'repeat: fewer entries than min',
    form: MEDICATIONS,
    answers: { takesMedication: true, medications: [] },
    expected: {
      issues: [{ path: 'medications', code: 'tooFewEntries' }],
      answers: { takesMedication: true },
    },
  },
  {
    name: 'repeat: no list at all counts as none',
    form: MEDICATIONS,
    answers: { takesMedication: true },
    expected: {
      issues: [{ path: 'medications', code: 'tooFewEntries' }],
      answers: { takesMedication: true },
    },
  },
  {
    name: 'repeat: a draft may have fewer entries than min',
    form: MEDICATIONS,
    draft: true,
    answers: { takesMedication: true, medications: [] },
    expected: { issues: [], answers: { takesMedication: true } },
  },
  {
    name: 'repeat: exactly max entries',
    form: MEDICATIONS,
    answers: { takesMedication: true, medications: ['A', 'B', 'C'].map(medicine) },
    expected: {
      issues: [],
      answers: { takesMedication: true, medications: ['A', 'B', 'C'].map(medicine) },
    },
  },
  {
    name: 'repeat: more entries than max, and none of them kept',
    form: MEDICATIONS,
    answers: { takesMedication: true, medications: ['A', 'B', 'C', 'D'].map(medicine) },
    expected: {
      issues: [{ path: 'medications', code: 'tooManyEntries' }],
      answers: { takesMedication: true },
    },
  },
  {
    name: 'repeat: more entries than max, in a draft too',
    form: MEDICATIONS,
    draft: true,
    answers: { takesMedication: true, medications: ['A', 'B', 'C', 'D'].map(medicine) },
    expected: {
      issues: [{ path: 'medications', code: 'tooManyEntries' }],
      answers: { takesMedication: true },
    },
  },
  {
    name: 'repeat: not a list',
    form: MEDICATIONS,
    answers: { takesMedication: true, medications: { name: 'Ibuprofen', regular: false } },
    expected: {
      issues: [{ path: 'medications', code: 'wrongType' }],
      answers: { takesMedication: true },
    },
  },
  {
    name: 'repeat: an entry that is not an object',
    form: MEDICATIONS,
    answers: { takesMedication: true, medications: ['Ibuprofen'] },
    expected: {
      issues: [{ path: 'medications[0]', code: 'wrongType' }],
      answers: { takesMedication: true, medications: [{}] },
    },
  },
  {
    name: 'repeat: an answer the repeat does not ask',
    form: MEDICATIONS,
    answers: { takesMedication: true, medications: [{ name: 'A', regular: false, colour: 'red' }] },
    expected: {
      issues: [{ path: 'medications[0].colour', code: 'unknownField' }],
      answers: { takesMedication: true, medications: [{ name: 'A', regular: false }] },
    },
  },
  {
    name: 'repeat: a hidden repeating group is dropped entirely, its entries unread',
    form: MEDICATIONS,
    answers: { takesMedication: false, medications: [{ name: 'Secret' }] },
    expected: { issues: [], answers: { takesMedication: false } },
  },
  {
    name: 'repeat: hidden while its condition field is unanswered, which is itself required',
    form: MEDICATIONS,
    answers: { medications: [medicine('A')] },
    expected: { issues: [{ path: 'takesMedication', code: 'required' }], answers: {} },
  },
  {
    name: 'repeat: the repeat’s own field shadows the same id outside it',
    form: COMPLAINTS,
    answers: { urgent: false, complaints: [{ urgent: true }, { urgent: false, since: '2027-03-01' }] },
    expected: {
      issues: [{ path: 'complaints[0].since', code: 'required' }],
      answers: { urgent: false, complaints: [{ urgent: true }, { urgent: false }] },
    },
  },
  {
    name: 'repeat: the shadowing field decides, and date limits apply inside repeats',
    form: COMPLAINTS,
    answers: {
      urgent: true,
      complaints: [
        { urgent: false, since: '2027-01-01' },
        { urgent: true, since: TODAY },
        { urgent: true, since: '2027-03-03' },
      ],
    },
    expected: {
      issues: [{ path: 'complaints[2].since', code: 'tooLate' }],
      answers: {
        urgent: true,
        complaints: [{ urgent: false }, { urgent: true, since: TODAY }, { urgent: true }],
      },
    },
  },
  {
    name: 'repeat: no min means none is fine',
    form: COMPLAINTS,
    answers: { urgent: false, complaints: [] },
    expected: { issues: [], answers: { urgent: false } },
  },
  {
    name: 'unknown: answers to a display item and to questions the form does not ask',
    form: MEDICATIONS,
    answers: {
      takesMedication: false,
      intro: 'x',
      smoker: true,
      medications: [{ name: 'A', colour: 'red' }],
    },
    expected: {
      issues: [
        { path: 'intro', code: 'unknownField' },
        { path: 'smoker', code: 'unknownField' },
      ],
      answers: { takesMedication: false },
    },
  },
  {
    name: 'unknown: refused in a draft too',
    form: MEDICATIONS,
    draft: true,
    answers: { takesMedication: false, smoker: true },
    expected: { issues: [{ path: 'smoker', code: 'unknownField' }], answers: { takesMedication: false } },
  },
  {
    name: 'unknown: a response that is not an object',
    form: MEDICATIONS,
    answers: ['takesMedication'],
    expected: { issues: [{ path: '$', code: 'wrongType' }], answers: {} },
  },
  {
    name: 'empty: no answers at all',
    form: MEDICATIONS,
    answers: {},
    expected: { issues: [{ path: 'takesMedication', code: 'required' }], answers: {} },
  },
  {
    name: 'empty: no answers at all, in a draft',
    form: MEDICATIONS,
    draft: true,
    answers: {},
    expected: { issues: [], answers: {} },
  },
  {
    name: 'all/any: the guardian of a toddler whose parent is not filling in',
    form: MINOR,
    answers: { age: 1, isParent: false },
    expected: { issues: [{ path: 'guardian', code: 'required' }], answers: { age: 1, isParent: false } },
  },
  {
    name: 'all/any: a toddler’s parent needs no guardian',
    form: MINOR,
    answers: { age: 2, isParent: true, guardian: 'Someone' },
    expected: { issues: [], answers: { age: 2, isParent: true } },
  },
  {
    name: 'all/any: a hidden field counts as unanswered for the fields after it',
    form: MINOR,
    answers: { age: 30, isParent: false },
    expected: { issues: [], answers: { age: 30 } },
  },
  {
    name: 'all/any: any part of any shows a field',
    form: ADVICE,
    answers: { smoker: false, pregnant: true },
    expected: { issues: [{ path: 'advice', code: 'required' }], answers: { smoker: false, pregnant: true } },
  },
  {
    name: 'all/any: no part of any holds',
    form: ADVICE,
    answers: { smoker: false, pregnant: false, advice: true, leaflet: 'not an address' },
    expected: { issues: [], answers: { smoker: false, pregnant: false } },
  },
  {
    name: 'all/any: every part of all, with a nested any',
    form: ADVICE,
    answers: { smoker: true, advice: true },
    expected: { issues: [{ path: 'leaflet', code: 'required' }], answers: { smoker: true, advice: true } },
  },
  {
    name: 'all/any: one part of all failing hides the field',
    form: ADVICE,
    answers: { smoker: true, advice: false, leaflet: 'maria@example.org' },
    expected: { issues: [], answers: { smoker: true, advice: false } },
  },
  {
    name: 'all/any: the whole chain answered',
    form: ADVICE,
    answers: { smoker: false, pregnant: true, advice: true, leaflet: ' maria@example.org' },
    expected: {
      issues: [],
      answers: { smoker: false, pregnant: true, advice: true, leaflet: 'maria@example.org' },
    },
  },
  {
    name: 'conditions: equals, through a plain group; hidden answers dropped',
    form: CONTACT,
    answers: {
      contact: { channel: 'email', email: ' jo@example.org ', phone: '+49 30 1' },
      allergies: ['nuts'],
      nutReaction: 'Hives',
      followUp: true,
    },
    expected: {
      issues: [],
      answers: {
        contact: { channel: 'email', email: 'jo@example.org' },
        allergies: ['nuts'],
        nutReaction: 'Hives',
        followUp: true,
      },
    },
  },
  {
    name: 'conditions: in and includes',
    form: CONTACT,
    answers: { contact: { channel: 'phone' }, allergies: ['pollen', 'nuts'] },
    expected: {
      issues: [
        { path: 'contact.phone', code: 'required' },
        { path: 'nutReaction', code: 'required' },
      ],
      answers: { contact: { channel: 'phone' }, allergies: ['pollen', 'nuts'] },
    },
  },
  {
    name: 'conditions: answered false and notEquals',
    form: CONTACT,
    answers: { contact: { channel: 'post' }, followUp: true },
    expected: {
      issues: [{ path: 'noAllergies', code: 'required' }],
      answers: { contact: { channel: 'post' } },
    },
  },
  {
    name: 'conditions: an empty answer counts as unanswered',
    form: CONTACT,
    answers: { contact: { channel: 'post' }, allergies: [], noAllergies: true },
    expected: { issues: [], answers: { contact: { channel: 'post' }, noAllergies: true } },
  },
  {
    name: 'groups: a plain group that is not an object',
    form: CONTACT,
    answers: { contact: 'email' },
    expected: {
      issues: [
        { path: 'contact', code: 'wrongType' },
        { path: 'noAllergies', code: 'required' },
      ],
      answers: {},
    },
  },
  {
    name: 'groups: a plain group left out still asks its required fields',
    form: CONTACT,
    answers: { allergies: ['latex'] },
    expected: {
      issues: [{ path: 'contact.channel', code: 'required' }],
      answers: { allergies: ['latex'] },
    },
  },
  {
    name: 'groups: an answer a plain group does not ask',
    form: CONTACT,
    answers: { contact: { channel: 'post', fax: '030 1' }, noAllergies: true },
    expected: {
      issues: [{ path: 'contact.fax', code: 'unknownField' }],
      answers: { contact: { channel: 'post' }, noAllergies: true },
    },
  },
]

/** The whole table: every field type's cases, then whole forms. */
export const INTAKE_CASES: IntakeCase[] = [...FIELD_TYPES.flatMap(fieldTypeCases), ...FORM_CASES]
