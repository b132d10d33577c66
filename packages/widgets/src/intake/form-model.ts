// A form definition as the widget walks it: steps, answers read and written by their validator path
// (`medications[1].dose`), and the bookkeeping of repeating groups. No markup here.
import type { Answers, FormDefinition, FormItem, GroupItem } from '@frontdesk/contracts/intake'

export interface FormStep {
  /** The group's id, or for loose top-level questions the first one's: what `frontdesk-intake-step` carries. */
  id: string
  /** Set when the step is one top-level group. */
  group?: GroupItem
  items: FormItem[]
}

/** Each top-level group is a step; top-level questions in a row share one. */
export function splitSteps(form: FormDefinition): FormStep[] {
  const steps: FormStep[] = []
  let run: FormStep | undefined
  for (const item of form.items) {
    if (item.type === 'group') {
      steps.push({ id: item.id, group: item, items: [item] })
      run = undefined
    } else if (run) {
      run.items.push(item)
    } else {
      run = { id: item.id, items: [item] }
      steps.push(run)
    }
  }
  return steps
}

/** A step is there when any of its items is shown; its questions may all hang on earlier answers. */
export function stepShown(step: FormStep, shown: Set<string>): boolean {
  return step.items.some((item) => shown.has(item.id))
}

/** The step that asks the question at `path`, by its top-level item; -1 when no step does. */
export function stepOf(steps: FormStep[], path: string): number {
  const top = pathKeys(path)[0]
  return steps.findIndex((step) => step.items.some((item) => item.id === top))
}

/** `medications[1].dose` → `['medications', 1, 'dose']`; item ids start with a letter, so digits are indexes. */
export function pathKeys(path: string): (string | number)[] {
  return (path.match(/[^.[\]]+/g) ?? []).map((key) => (/^\d+$/.test(key) ? Number(key) : key))
}

export function childPath(prefix: string, id: string): string {
  return prefix ? `${prefix}.${id}` : id
}

/** An element id for a path; item ids have no hyphens, so this never makes two paths alike. */
export function domId(path: string, suffix = ''): string {
  return `q-${path.replace(/\[(\d+)\]/g, '-$1').replaceAll('.', '-')}${suffix && `-${suffix}`}`
}

/** The file question a path names, as the upload endpoint takes it: item ids without repeat indexes. */
export function fileField(path: string): string {
  return path.replace(/\[\d+\]/g, '')
}

type Node = Record<string | number, unknown>

export function getAt(answers: Answers, path: string): unknown {
  let node: unknown = answers
  for (const key of pathKeys(path)) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Node)[key]
  }
  return node
}

/** Writes an answer in place, making the groups and lists on the way; `undefined` removes it. */
export function setAt(answers: Answers, path: string, value: unknown): void {
  const keys = pathKeys(path)
  const last = keys.pop()
  if (last === undefined) return
  let node = answers as Node
  for (const [index, key] of keys.entries()) {
    const next = keys[index + 1] ?? last
    node[key] ??= typeof next === 'number' ? [] : {}
    node = node[key] as Node
  }
  if (value === undefined) delete node[last]
  else node[last] = value
}

/** The entries of the repeating group at `path`, as a list that is part of the answers. */
export function entriesAt(answers: Answers, path: string): Answers[] {
  const entries = getAt(answers, path)
  if (Array.isArray(entries)) return entries as Answers[]
  const created: Answers[] = []
  setAt(answers, path, created)
  return created
}

/**
 * Gives every shown repeating group at least its minimum of entries, so a patient who says they take
 * medicines finds the first one ready to fill in. True when an entry was added.
 */
export function fillRepeats(items: FormItem[], answers: Answers, shown: Set<string>, prefix = ''): boolean {
  let added = false
  for (const item of items) {
    const path = childPath(prefix, item.id)
    if (item.type !== 'group' || !shown.has(path)) continue
    if (!item.repeat) {
      added = fillRepeats(item.items, answers, shown, path) || added
      continue
    }
    const entries = entriesAt(answers, path)
    while (entries.length < (item.repeat.min ?? 0)) {
      entries.push({})
      added = true
    }
    for (const index of entries.keys()) {
      added = fillRepeats(item.items, answers, shown, `${path}[${index}]`) || added
    }
  }
  return added
}

/**
 * Where a path kept on an entry goes when entry `removed` of the group at `groupPath` is taken out:
 * that entry's own paths go (null), later entries' move up one, so what was touched stays with its answer.
 */
export function shiftPath(path: string, groupPath: string, removed: number): string | null {
  const prefix = `${groupPath}[`
  if (!path.startsWith(prefix)) return path
  const close = path.indexOf(']', prefix.length)
  const index = Number(path.slice(prefix.length, close))
  if (index === removed) return null
  return index > removed ? `${prefix}${index - 1}${path.slice(close)}` : path
}
