import { IntakeFormDefinition } from '@frontdesk/contracts'
import { type FormDefinition, validateIntake } from '@frontdesk/contracts/intake'
import { describe, expect, it } from 'vitest'
import {
  addItem,
  checkDraft,
  fieldsInReach,
  freshId,
  ITEM_KINDS,
  itemAt,
  moveItem,
  newItem,
  removeItem,
  setCondition,
  setRepeat,
  updateItem,
} from './form-draft.js'

const empty: FormDefinition = { title: 'New patients', items: [] }

/** What the owner builds in the browser test: a required field, a group, a repeat and a condition. */
function built(): FormDefinition {
  let form = addItem(empty, [], newItem('text', 'fullName', 'Full name'))
  form = updateItem(form, [0], { required: true })
  form = addItem(form, [], newItem('yesNo', 'allergic', 'Any allergies?'))
  form = addItem(form, [], newItem('text', 'allergies', 'Which allergies?'))
  form = setCondition(form, [2], { field: 'allergic', equals: true })
  form = addItem(form, [], newItem('group', 'medications', 'Medications'))
  form = setRepeat(form, [3], { min: 0, max: 5 })
  return form
}

describe('the form editor model', () => {
  it('builds, from nothing, a definition the contracts accept', () => {
    expect(checkDraft(empty).ok).toBe(false)
    const verdict = checkDraft(built())
    expect(verdict.problems).toEqual([])
    expect(IntakeFormDefinition.safeParse(built()).success).toBe(true)
    // The condition works as the widget and API will run it.
    const shown = validateIntake(built(), { fullName: 'Ada', allergic: false }, { today: '2026-12-07' })
    expect(shown.issues).toEqual([])
    const missing = validateIntake(built(), { allergic: true }, { today: '2026-12-07' })
    expect(missing.issues.map((issue) => issue.path)).toContain('fullName')
  })

  it('makes a new item of every kind the schema knows, each accepted once its id is unique', () => {
    for (const kind of ITEM_KINDS) {
      const form = addItem(empty, [], newItem(kind, freshId(empty), 'Question'))
      expect(checkDraft(form).problems, kind).toEqual([])
    }
  })

  it('gives fresh ids that no item, nested ones included, has', () => {
    expect(freshId(built())).toBe('question1')
    const form = addItem(built(), [3], newItem('text', 'question1', 'Dose'))
    expect(freshId(form)).toBe('question2')
  })

  it('moves items among their siblings and stops at either end', () => {
    const form = built()
    const down = moveItem(form, [0], 1)
    expect(down.form.items.map((item) => item.id)).toEqual([
      'allergic',
      'fullName',
      'allergies',
      'medications',
    ])
    expect(down.path).toEqual([1])
    expect(moveItem(form, [0], -1).form).toBe(form)
    expect(moveItem(form, [3], 1).form).toBe(form)
  })

  it('adds, moves and removes inside a group without touching the rest', () => {
    let form = addItem(built(), [3], newItem('number', 'dose', 'Dose in mg'))
    expect((itemAt(form, [3]) as { items: unknown[] }).items).toHaveLength(2)
    const moved = moveItem(form, [3, 1], -1)
    expect(itemAt(moved.form, [3, 0])?.id).toBe('dose')
    expect(moved.path).toEqual([3, 0])
    form = removeItem(moved.form, [3, 1])
    expect(itemAt(form, [3, 0])?.id).toBe('dose')
    expect(form.items.slice(0, 3)).toEqual(built().items.slice(0, 3))
  })

  it('turns a repeat and a condition off again', () => {
    let form = setRepeat(built(), [3], undefined)
    expect(itemAt(form, [3])).not.toHaveProperty('repeat')
    form = setCondition(form, [2], undefined)
    expect(itemAt(form, [2])).not.toHaveProperty('showWhen')
    expect(setRepeat(form, [0], { max: 2 })).toBe(form)
  })

  it('offers a condition only the fields asked before it, not those inside a repeat', () => {
    const form = addItem(built(), [], newItem('text', 'notes', 'Notes'))
    expect(fieldsInReach(form, [0]).map((item) => item.id)).toEqual([])
    expect(fieldsInReach(form, [2]).map((item) => item.id)).toEqual(['fullName', 'allergic'])
    expect(fieldsInReach(form, [4]).map((item) => item.id)).toEqual(['fullName', 'allergic', 'allergies'])
    expect(fieldsInReach(form, [3, 0]).map((item) => item.id)).toEqual(['fullName', 'allergic', 'allergies'])
  })

  it('names the item and the setting the contracts refuse', () => {
    let form = updateItem(built(), [1], { label: '  ' })
    form = addItem(form, [3], newItem('text', 'medications_1', 'Again'))
    form = setCondition(form, [0], { field: 'allergic', equals: true })
    const verdict = checkDraft(form)
    expect(verdict.ok).toBe(false)
    expect(verdict.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ item: '1', setting: 'label' }),
        expect.objectContaining({ item: '3.1', setting: 'id' }),
        expect.objectContaining({ item: '0', setting: 'showWhen' }),
      ]),
    )
  })

  it('drops an optional setting left empty', () => {
    const form = updateItem(built(), [0], { help: undefined, maxLength: 80 })
    expect(itemAt(form, [0])).toEqual({
      id: 'fullName',
      label: 'Full name',
      type: 'text',
      required: true,
      maxLength: 80,
    })
    expect(itemAt(updateItem(form, [0], { maxLength: undefined }), [0])).not.toHaveProperty('maxLength')
  })
})
