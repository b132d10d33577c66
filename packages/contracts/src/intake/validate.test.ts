// The intake validator against its case table (./validate.cases.ts), which the API and Chromium judge
// too: every field type × required/optional × shown/hidden, drafts, repeats, conditions, what is kept.
import { describe, expect, it } from 'vitest'
import type { FormField, FormItem } from './types.js'
import { INTAKE_CASES, TODAY } from './validate.cases.js'
import { validateIntake } from './validate.js'

const FIELD_TYPES: FormField['type'][] = [
  'text',
  'longText',
  'number',
  'date',
  'choice',
  'multiChoice',
  'yesNo',
  'email',
  'phone',
  'address',
  'signature',
  'file',
]

function fieldsOf(items: FormItem[]): FormField[] {
  return items.flatMap((item) =>
    item.type === 'group' ? fieldsOf(item.items) : item.type === 'display' ? [] : [item],
  )
}

describe('validateIntake: the case table', () => {
  it('names every case once, so a verdict elsewhere can be traced back to its row', () => {
    const names = INTAKE_CASES.map((entry) => entry.name)
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([])
  })

  it('asks every field type, required and optional, shown and hidden', () => {
    const seen = new Set<string>()
    for (const entry of INTAKE_CASES) {
      // The field-type cases: a yesNo `reason` whose yes shows the field under test, `answer`.
      const [reason, field] = entry.form.items
      if (reason?.id !== 'reason' || field?.id !== 'answer' || !('required' in field)) continue
      const shown = (entry.answers as { reason?: unknown }).reason === true ? 'shown' : 'hidden'
      seen.add(`${field.type} ${field.required ? 'required' : 'optional'} ${shown}`)
    }
    const wanted = FIELD_TYPES.flatMap((type) =>
      ['required', 'optional'].flatMap((required) =>
        ['shown', 'hidden'].map((shown) => `${type} ${required} ${shown}`),
      ),
    )
    expect([...seen].sort()).toEqual(wanted.sort())
    expect(new Set(INTAKE_CASES.flatMap((entry) => fieldsOf(entry.form.items)).map((f) => f.type))).toEqual(
      new Set(FIELD_TYPES),
    )
  })

  for (const { name, form, answers, draft, expected } of INTAKE_CASES) {
    it(name, () => {
      expect(validateIntake(form, answers, { today: TODAY, draft })).toEqual(expected)
    })
  }
})
