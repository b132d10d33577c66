// What a clinic may store as an intake form: shapes, unique ids, conditions that name an earlier field in reach.
import { describe, expect, it } from 'vitest'
import { IntakeFormDefinition } from './definition.js'
import type { FormDefinition, FormItem } from './types.js'

const history: FormDefinition = {
  title: 'New patient history',
  items: [
    { id: 'welcome', type: 'display', label: 'This takes about five minutes.' },
    { id: 'takesMedication', type: 'yesNo', label: 'Do you take medicines?', required: true },
    {
      id: 'medications',
      type: 'group',
      label: 'Medicines',
      repeat: { min: 1, max: 20 },
      showWhen: { field: 'takesMedication', equals: true },
      items: [
        { id: 'name', type: 'text', label: 'Name', required: true, maxLength: 100 },
        { id: 'regular', type: 'yesNo', label: 'Every day?' },
        { id: 'dose', type: 'text', label: 'Dose', showWhen: { all: [{ field: 'regular', equals: true }] } },
      ],
    },
    {
      id: 'insurance',
      type: 'group',
      label: 'Insurance',
      items: [
        {
          id: 'kind',
          type: 'choice',
          label: 'Insurance',
          options: [
            { value: 'public', label: 'Public' },
            { value: 'private', label: 'Private' },
          ],
        },
        {
          id: 'card',
          type: 'file',
          label: 'Both sides of your card',
          accept: ['image/*', 'application/pdf'],
          maxBytes: 5_000_000,
          maxFiles: 2,
        },
      ],
    },
    {
      id: 'privateNote',
      type: 'longText',
      label: 'Anything else?',
      showWhen: { field: 'kind', equals: 'private' },
    },
  ],
}

const withItems = (items: FormItem[]): FormDefinition => ({ title: 'Form', items })
const problems = (form: unknown) => {
  const result = IntakeFormDefinition.safeParse(form)
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

describe('IntakeFormDefinition', () => {
  it('accepts a realistic history form with repeats, plain groups, files and conditions', () => {
    expect(problems(history)).toEqual([])
  })

  it('wants ids unique among siblings, and lets groups reuse a name', () => {
    const twice = withItems([
      { id: 'a', type: 'text', label: 'A' },
      { id: 'a', type: 'yesNo', label: 'A again' },
      { id: 'g', type: 'group', label: 'G', items: [{ id: 'a', type: 'text', label: 'Inner a' }] },
    ])
    expect(problems(twice)).toEqual(['items.1.id: Another item here is also "a"'])
  })

  it('lets a condition name only a field asked earlier and within reach', () => {
    const later = withItems([
      { id: 'first', type: 'text', label: 'First', showWhen: { field: 'second', answered: true } },
      { id: 'second', type: 'text', label: 'Second' },
    ])
    expect(problems(later)).toEqual([
      'items.0.showWhen: "second" is not a field asked before this one, here or in an enclosing group',
    ])
    const intoRepeat = withItems([
      {
        id: 'meds',
        type: 'group',
        label: 'Meds',
        repeat: {},
        items: [{ id: 'name', type: 'text', label: 'Name' }],
      },
      { id: 'note', type: 'text', label: 'Note', showWhen: { field: 'name', answered: true } },
    ])
    expect(problems(intoRepeat)).toHaveLength(1)
    const onGroup = withItems([
      { id: 'g', type: 'group', label: 'G', items: [{ id: 'x', type: 'text', label: 'X' }] },
      { id: 'y', type: 'text', label: 'Y', showWhen: { any: [{ field: 'g', answered: true }] } },
    ])
    expect(problems(onGroup)).toHaveLength(1)
  })

  it('refuses impossible limits and duplicate options', () => {
    expect(
      problems(
        withItems([
          { id: 'n', type: 'number', label: 'N', min: 5, max: 1 },
          { id: 'm', type: 'multiChoice', label: 'M', options: [{ value: 'a', label: 'A' }], minSelected: 2 },
          {
            id: 'c',
            type: 'choice',
            label: 'C',
            options: [
              { value: 'a', label: 'A' },
              { value: 'a', label: 'B' },
            ],
          },
          {
            id: 'r',
            type: 'group',
            label: 'R',
            repeat: { min: 5, max: 2 },
            items: [{ id: 'x', type: 'text', label: 'X' }],
          },
        ]),
      ),
    ).toEqual([
      'items.2.options: Option values must differ',
      'items.0: min is above max',
      'items.1: minSelected and maxSelected must fit the options',
      'items.3: repeat.min is above repeat.max',
    ])
  })

  it('refuses unknown types and properties, oversized files and groups nested too deep', () => {
    expect(problems(withItems([{ id: 'x', type: 'slider', label: 'X' } as never]))).not.toEqual([])
    expect(problems(withItems([{ id: 'x', type: 'text', label: 'X', pattern: '.*' } as never]))).not.toEqual(
      [],
    )
    expect(
      problems(
        withItems([
          { id: 'f', type: 'file', label: 'F', accept: ['image/*'], maxBytes: 50_000_000, maxFiles: 1 },
        ]),
      ),
    ).not.toEqual([])
    const nest = (depth: number): FormItem =>
      depth === 0
        ? { id: 'leaf', type: 'text', label: 'Leaf' }
        : { id: `g${depth}`, type: 'group', label: 'G', items: [nest(depth - 1)] }
    expect(problems(withItems([nest(3)]))).toEqual([])
    expect(problems(withItems([nest(4)]))).toEqual([
      'items.0.items.0.items.0.items.0: Groups nest at most 3 deep',
    ])
  })
})
