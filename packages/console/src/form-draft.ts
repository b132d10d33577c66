// The intake form editor's model: a draft definition changed by small pure operations (add, move,
// remove, change, condition, repeat), and the draft judged by the contracts' own IntakeFormDefinition,
// its problems keyed by the item they belong to. No markup here: views/form-editor.ts renders it.
import { IntakeFormDefinition } from '@frontdesk/contracts'
import type { Condition, FormDefinition, FormItem, GroupItem } from '@frontdesk/contracts/intake'
import type * as z from 'zod'

/** Where an item sits: its index among the form's items, then among each enclosing group's. */
export type ItemPath = readonly number[]

/** Every kind of item the contracts' form schema knows, in the order the editor offers them. */
export const ITEM_KINDS = [
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
  'display',
  'group',
] as const
export type ItemKind = (typeof ITEM_KINDS)[number]

/** The key of an item's path, as problems and element ids use it: `2.0`. */
export function pathKey(path: ItemPath): string {
  return path.join('.')
}

/** A new item of a kind, complete enough to pass the schema once its id is unique. */
export function newItem(kind: ItemKind, id: string, label: string): FormItem {
  switch (kind) {
    case 'choice':
    case 'multiChoice':
      return { id, label, type: kind, options: [{ value: 'yes', label: 'Yes' }] }
    case 'file':
      return {
        id,
        label,
        type: 'file',
        accept: ['image/*', 'application/pdf'],
        maxBytes: 10_485_760,
        maxFiles: 1,
      }
    case 'group':
      return { id, label, type: 'group', items: [{ id: `${id}_1`, label, type: 'text' }] }
    default:
      return { id, label, type: kind } as FormItem
  }
}

/** An id no item of the draft has yet: `question3`. */
export function freshId(form: FormDefinition, stem = 'question'): string {
  const taken = new Set(allItems(form.items).map((item) => item.id))
  let n = 1
  while (taken.has(`${stem}${n}`)) n++
  return `${stem}${n}`
}

function allItems(items: FormItem[]): FormItem[] {
  return items.flatMap((item) => (item.type === 'group' ? [item, ...allItems(item.items)] : [item]))
}

export function itemAt(form: FormDefinition, path: ItemPath): FormItem | undefined {
  let items: FormItem[] | undefined = form.items
  let item: FormItem | undefined
  for (const index of path) {
    item = items?.[index]
    items = item?.type === 'group' ? item.items : undefined
  }
  return item
}

/** A copy of the draft with the list that holds `parent`'s children replaced by `change` of it. */
function withItems(
  form: FormDefinition,
  parent: ItemPath,
  change: (items: FormItem[]) => FormItem[],
): FormDefinition {
  const rebuild = (items: FormItem[], rest: ItemPath): FormItem[] => {
    if (rest.length === 0) return change([...items])
    const [index, ...deeper] = rest as [number, ...number[]]
    return items.map((item, at) =>
      at === index && item.type === 'group' ? { ...item, items: rebuild(item.items, deeper) } : item,
    )
  }
  return { ...form, items: rebuild(form.items, parent) }
}

/** Adds `item` at the end of the form (`parent` empty) or of the group at `parent`. */
export function addItem(form: FormDefinition, parent: ItemPath, item: FormItem): FormDefinition {
  return withItems(form, parent, (items) => [...items, item])
}

export function removeItem(form: FormDefinition, path: ItemPath): FormDefinition {
  const index = path.at(-1)
  if (index === undefined) return form
  return withItems(form, path.slice(0, -1), (items) => items.filter((_, at) => at !== index))
}

/** Moves an item up (-1) or down (+1) among its siblings; answers the draft and where the item is now. */
export function moveItem(
  form: FormDefinition,
  path: ItemPath,
  delta: -1 | 1,
): { form: FormDefinition; path: ItemPath } {
  const index = path.at(-1)
  const parent = path.slice(0, -1)
  const siblings = parent.length ? (itemAt(form, parent) as GroupItem | undefined)?.items : form.items
  if (index === undefined || !siblings) return { form, path }
  const target = index + delta
  if (target < 0 || target >= siblings.length) return { form, path }
  const moved = withItems(form, parent, (items) => {
    const [item] = items.splice(index, 1)
    if (item) items.splice(target, 0, item)
    return items
  })
  return { form: moved, path: [...parent, target] }
}

/** Changes an item's own settings; a key set to undefined is removed (an empty optional input). */
export function updateItem(
  form: FormDefinition,
  path: ItemPath,
  patch: Record<string, unknown>,
): FormDefinition {
  const index = path.at(-1)
  if (index === undefined) return form
  return withItems(form, path.slice(0, -1), (items) =>
    items.map((item, at) => {
      if (at !== index) return item
      const next: Record<string, unknown> = { ...item, ...patch }
      for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key]
      return next as unknown as FormItem
    }),
  )
}

/** Shows the item only when `condition` holds; undefined shows it always. */
export function setCondition(
  form: FormDefinition,
  path: ItemPath,
  condition: Condition | undefined,
): FormDefinition {
  return updateItem(form, path, { showWhen: condition })
}

/** Makes the group at `path` repeat between `min` and `max` times, or stop repeating (undefined). */
export function setRepeat(
  form: FormDefinition,
  path: ItemPath,
  repeat: { min?: number; max?: number } | undefined,
): FormDefinition {
  const item = itemAt(form, path)
  if (item?.type !== 'group') return form
  const clean =
    repeat && Object.fromEntries(Object.entries(repeat).filter(([, value]) => value !== undefined))
  return updateItem(form, path, { repeat: clean })
}

/**
 * The fields a condition on the item at `path` may name, by the schema's rule: fields asked before it, in
 * its own list or an enclosing one; a plain group's fields stay in reach after it, a repeat's do not.
 */
export function fieldsInReach(form: FormDefinition, path: ItemPath): FormItem[] {
  const reach: FormItem[] = []
  let items = form.items
  path.forEach((index, depth) => {
    for (const item of items.slice(0, index)) reach.push(...answerable(item))
    const here = items[index]
    if (depth < path.length - 1 && here?.type === 'group') items = here.items
  })
  return reach
}

function answerable(item: FormItem): FormItem[] {
  if (item.type === 'display') return []
  if (item.type === 'group') return item.repeat ? [] : item.items.flatMap(answerable)
  return [item]
}

export interface DraftProblem {
  /** The item's path key (see pathKey), '' for the form itself. */
  item: string
  /** The setting at fault (`label`, `showWhen`, `options`), '' for the item as a whole. */
  setting: string
  message: string
}

export type DraftVerdict =
  | { ok: true; definition: FormDefinition; problems: [] }
  | { ok: false; problems: DraftProblem[] }

/** Judges the draft exactly as the API will when it is published. */
export function checkDraft(form: FormDefinition): DraftVerdict {
  const result = IntakeFormDefinition.safeParse(form)
  if (result.success) return { ok: true, definition: result.data, problems: [] }
  const problems = result.error.issues
    .flatMap((issue) => leaves(issue, []))
    .map(({ path, message }) => {
      const indexes: number[] = []
      let at = 0
      while (path[at] === 'items' && typeof path[at + 1] === 'number') {
        indexes.push(path[at + 1] as number)
        at += 2
      }
      const setting = path[at]
      return { item: pathKey(indexes), setting: typeof setting === 'string' ? setting : '', message }
    })
  return { ok: false, problems }
}

type Issue = z.core.$ZodIssue

/**
 * An item is a union of one shape per type, so zod says "invalid input" for the item as a whole; the
 * branch of the item's own type (the one not refusing `type`) says what is really wrong, and where.
 */
function leaves(issue: Issue, base: PropertyKey[]): { path: PropertyKey[]; message: string }[] {
  const path = [...base, ...issue.path]
  if (issue.code === 'invalid_union' && issue.errors.length) {
    const branches = issue.errors.filter((branch) => !branch.some((inner) => inner.path[0] === 'type'))
    const best = [...(branches.length ? branches : issue.errors)].sort((a, b) => a.length - b.length)[0]
    if (best?.length) return best.flatMap((inner) => leaves(inner, path))
  }
  return [{ path, message: issue.message }]
}
