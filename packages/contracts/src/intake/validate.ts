// The one intake validator: built from a form definition, it judges a response the same way in the
// browser (as the patient types) and on the server (which never trusts the browser's verdict). It also
// returns the answers worth keeping: hidden fields' answers and anything the form does not ask are dropped.
import { EMAIL_MAX, EMAIL_PATTERN, isCalendarDate, PHONE_MAX, PHONE_MIN, PHONE_PATTERN } from '../rules.js'
import type {
  Answers,
  AnswerValue,
  Condition,
  FormDefinition,
  FormField,
  FormItem,
  GroupItem,
} from './types.js'

export type IntakeIssueCode =
  | 'required'
  | 'wrongType'
  | 'unknownField'
  | 'tooShort'
  | 'tooLong'
  | 'notInteger'
  | 'tooSmall'
  | 'tooLarge'
  | 'invalidDate'
  | 'tooEarly'
  | 'tooLate'
  | 'notAnOption'
  | 'tooFewSelected'
  | 'tooManySelected'
  | 'invalidEmail'
  | 'invalidPhone'
  | 'invalidAddress'
  | 'invalidSignature'
  | 'invalidFile'
  | 'fileTooLarge'
  | 'fileTypeNotAccepted'
  | 'tooManyFiles'
  | 'tooFewEntries'
  | 'tooManyEntries'

export interface IntakeIssue {
  /** Where, e.g. `medications[1].dose`. */
  path: string
  code: IntakeIssueCode
}

export interface IntakeVerdict {
  issues: IntakeIssue[]
  /** What may be stored: visible, known, well-formed answers only. */
  answers: Answers
}

export interface ValidateOptions {
  /** The patient's local date, `YYYY-MM-DD`, for `today` in date limits. */
  today: string
  /** A draft: nothing is required yet, but what is there must be well-formed. */
  draft?: boolean
}

export const TEXT_MAX = 500
export const LONG_TEXT_MAX = 5000
export const SIGNATURE_MAX_CHARS = 300_000
const SIGNATURE_PREFIX = 'data:image/png;base64,'
const FILE_ID = /^file_[A-Za-z0-9]{8,64}$/
const COUNTRY = /^[A-Z]{2}$/

/** Answerable items of one scope: fields and groups, with their answers under their ids. */
interface Scope {
  items: FormItem[]
  answers: Answers
}

export function validateIntake(
  form: FormDefinition,
  input: unknown,
  options: ValidateOptions,
): IntakeVerdict {
  const issues: IntakeIssue[] = []
  const answers = walk(form.items, input, '', [], options, issues)
  return { issues, answers }
}

/**
 * The paths (`medications[1].dose`) of the items a patient is shown with these answers: read by the
 * validator's own walk, so a form displays exactly what validation asks. Display items are included.
 */
export function shownPaths(form: FormDefinition, input: unknown, today: string): Set<string> {
  const shown = new Set<string>()
  walk(form.items, input, '', [], { today, draft: true, shown }, [])
  return shown
}

/** The walk's options; `shown`, when given, collects the paths of the items whose conditions hold. */
interface WalkOptions extends ValidateOptions {
  shown?: Set<string>
}

function walk(
  items: FormItem[],
  input: unknown,
  prefix: string,
  outer: Scope[],
  options: WalkOptions,
  issues: IntakeIssue[],
): Answers {
  const kept: Answers = {}
  if (input === undefined || input === null) input = {}
  if (!isPlainObject(input)) {
    issues.push({ path: prefix || '$', code: 'wrongType' })
    return kept
  }
  const known = new Set(items.filter((item) => item.type !== 'display').map((item) => item.id))
  for (const key of Object.keys(input)) {
    if (!known.has(key)) issues.push({ path: join(prefix, key), code: 'unknownField' })
  }
  // Conditions read answers kept so far, so a hidden field counts as unanswered for those after it.
  const scopes: Scope[] = [{ items, answers: kept }, ...outer]
  for (const item of items) {
    if (item.type === 'display') {
      if (options.shown && (!item.showWhen || holds(item.showWhen, scopes)))
        options.shown.add(join(prefix, item.id))
      continue
    }
    if (item.showWhen && !holds(item.showWhen, scopes)) continue
    const path = join(prefix, item.id)
    options.shown?.add(path)
    const value = input[item.id]
    if (item.type === 'group') {
      const group = walkGroup(item, value, path, scopes, options, issues)
      if (group !== undefined) kept[item.id] = group
      continue
    }
    if (isEmpty(value)) {
      if (item.required && !options.draft) issues.push({ path, code: 'required' })
      continue
    }
    const checked = checkField(item, value, options)
    if (typeof checked === 'string') issues.push({ path, code: checked })
    else kept[item.id] = checked.value
  }
  return kept
}

function walkGroup(
  group: GroupItem,
  value: unknown,
  path: string,
  scopes: Scope[],
  options: WalkOptions,
  issues: IntakeIssue[],
): AnswerValue | undefined {
  if (!group.repeat) {
    const inner = walk(group.items, value, path, scopes, options, issues)
    return Object.keys(inner).length ? inner : undefined
  }
  const entries = value === undefined || value === null ? [] : value
  if (!Array.isArray(entries)) {
    issues.push({ path, code: 'wrongType' })
    return undefined
  }
  const min = group.repeat.min ?? 0
  const max = group.repeat.max ?? 50
  if (!options.draft && entries.length < min) issues.push({ path, code: 'tooFewEntries' })
  if (entries.length > max) {
    issues.push({ path, code: 'tooManyEntries' })
    return undefined
  }
  // Each repeat is its own scope: a condition inside reads the answers of the same repeat first.
  const kept = entries.map((entry, index) =>
    walk(group.items, entry, `${path}[${index}]`, scopes, options, issues),
  )
  return kept.length ? kept : undefined
}

type Checked = { value: AnswerValue } | IntakeIssueCode

function checkField(field: FormField, value: unknown, options: ValidateOptions): Checked {
  switch (field.type) {
    case 'text':
    case 'longText': {
      if (typeof value !== 'string') return 'wrongType'
      const text = value.trim()
      if (text.length < (field.minLength ?? 0)) return 'tooShort'
      if (text.length > (field.maxLength ?? (field.type === 'text' ? TEXT_MAX : LONG_TEXT_MAX)))
        return 'tooLong'
      return { value: text }
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'wrongType'
      if (field.integer && !Number.isInteger(value)) return 'notInteger'
      if (field.min !== undefined && value < field.min) return 'tooSmall'
      if (field.max !== undefined && value > field.max) return 'tooLarge'
      return { value }
    case 'date': {
      if (typeof value !== 'string') return 'wrongType'
      if (!isCalendarDate(value)) return 'invalidDate'
      const limit = (bound: string | undefined) => (bound === 'today' ? options.today : bound)
      const min = limit(field.min)
      const max = limit(field.max)
      if (min && value < min) return 'tooEarly'
      if (max && value > max) return 'tooLate'
      return { value }
    }
    case 'choice':
      if (typeof value !== 'string') return 'wrongType'
      return field.options.some((option) => option.value === value) ? { value } : 'notAnOption'
    case 'multiChoice': {
      if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) return 'wrongType'
      const chosen = [...new Set(value as string[])]
      if (chosen.some((entry) => !field.options.some((option) => option.value === entry)))
        return 'notAnOption'
      if (chosen.length < (field.minSelected ?? 0)) return 'tooFewSelected'
      if (field.maxSelected !== undefined && chosen.length > field.maxSelected) return 'tooManySelected'
      return { value: chosen }
    }
    case 'yesNo':
      return typeof value === 'boolean' ? { value } : 'wrongType'
    case 'email': {
      if (typeof value !== 'string') return 'wrongType'
      const email = value.trim()
      return email.length <= EMAIL_MAX && EMAIL_PATTERN.test(email) ? { value: email } : 'invalidEmail'
    }
    case 'phone': {
      if (typeof value !== 'string') return 'wrongType'
      const phone = value.trim()
      const ok = phone.length >= PHONE_MIN && phone.length <= PHONE_MAX && PHONE_PATTERN.test(phone)
      return ok ? { value: phone } : 'invalidPhone'
    }
    case 'address':
      return checkAddress(value)
    case 'signature': {
      if (!isPlainObject(value) || Object.keys(value).some((key) => key !== 'image')) return 'wrongType'
      const image = value.image
      const ok =
        typeof image === 'string' && image.startsWith(SIGNATURE_PREFIX) && image.length <= SIGNATURE_MAX_CHARS
      return ok && /^[A-Za-z0-9+/]+=*$/.test(image.slice(SIGNATURE_PREFIX.length))
        ? { value: { image } }
        : 'invalidSignature'
    }
    case 'file':
      return checkFiles(field, value)
  }
}

function checkAddress(value: unknown): Checked {
  if (!isPlainObject(value)) return 'wrongType'
  const allowed = ['line1', 'line2', 'postalCode', 'city', 'country']
  if (Object.keys(value).some((key) => !allowed.includes(key))) return 'invalidAddress'
  const text = (key: string, max: number, optional = false) => {
    const raw = value[key]
    if (raw === undefined && optional) return ''
    return typeof raw === 'string' && raw.trim().length <= max && (optional || raw.trim()) ? raw.trim() : null
  }
  const line1 = text('line1', 200)
  const line2 = text('line2', 200, true)
  const postalCode = text('postalCode', 16)
  const city = text('city', 100)
  const country = text('country', 2)
  if (line1 === null || line2 === null || postalCode === null || city === null || !country)
    return 'invalidAddress'
  if (!COUNTRY.test(country)) return 'invalidAddress'
  return { value: { line1, ...(line2 && { line2 }), postalCode, city, country } }
}

function checkFiles(field: Extract<FormField, { type: 'file' }>, value: unknown): Checked {
  if (!Array.isArray(value)) return 'wrongType'
  if (value.length > field.maxFiles) return 'tooManyFiles'
  const files = []
  for (const file of value) {
    if (!isPlainObject(file)) return 'invalidFile'
    const { fileId, contentType, bytes } = file
    if (typeof fileId !== 'string' || !FILE_ID.test(fileId)) return 'invalidFile'
    if (
      typeof contentType !== 'string' ||
      typeof bytes !== 'number' ||
      !Number.isInteger(bytes) ||
      bytes < 1
    ) {
      return 'invalidFile'
    }
    if (!acceptsType(field.accept, contentType)) return 'fileTypeNotAccepted'
    if (bytes > field.maxBytes) return 'fileTooLarge'
    files.push({ fileId, contentType, bytes })
  }
  return { value: files }
}

/** `image/*` accepts any image; otherwise the type must be listed exactly. */
export function acceptsType(accept: string[], contentType: string): boolean {
  const type = contentType.toLowerCase()
  return accept.some((pattern) =>
    pattern.endsWith('/*')
      ? type.startsWith(pattern.slice(0, -1).toLowerCase())
      : pattern.toLowerCase() === type,
  )
}

/** Evaluates a condition against answers kept so far, the innermost scope (the same repeat) first. */
function holds(condition: Condition, scopes: Scope[]): boolean {
  if ('all' in condition) return condition.all.every((part) => holds(part, scopes))
  if ('any' in condition) return condition.any.some((part) => holds(part, scopes))
  const value = lookup(condition.field, scopes)
  if ('equals' in condition) return value === condition.equals
  if ('notEquals' in condition) return value !== condition.notEquals
  if ('in' in condition) return condition.in.some((option) => option === value)
  if ('includes' in condition) return Array.isArray(value) && value.includes(condition.includes)
  return (value !== undefined) === condition.answered
}

/** A field's kept answer, found by id in the nearest scope that asks it (through plain groups, not repeats). */
function lookup(id: string, scopes: Scope[]): unknown {
  for (const scope of scopes) {
    const found = findField(id, scope.items)
    if (!found) continue
    let value: unknown = scope.answers
    for (const key of found.path) value = isPlainObject(value) ? value[key] : undefined
    return value
  }
  return undefined
}

/**
 * The field a condition names within one scope's items, with its id path: looked for through plain
 * groups (whose answers nest under the group's id) but never into a repeat. The FHIR mapping resolves
 * enableWhen targets with it too, so both read conditions alike.
 */
export function findField(id: string, items: FormItem[]): { path: string[]; field: FormField } | null {
  for (const item of items) {
    if (item.type === 'display') continue
    if (item.type !== 'group') {
      if (item.id === id) return { path: [id], field: item }
    } else if (!item.repeat) {
      const inner = findField(id, item.items)
      if (inner) return { path: [item.id, ...inner.path], field: inner.field }
    }
  }
  return null
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  )
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key
}
