// The mocks' verdict on intake answers, as the API gives it: the real validator against the pinned version,
// then the check only a server can make (each file named was uploaded into this draft, for that question).
import type { FieldIssue, IntakeFile } from '@frontdesk/contracts'
import {
  type Answers,
  type FileAnswer,
  type FileField,
  type FormDefinition,
  type FormItem,
  type IntakeIssueCode,
  validateIntake,
} from '@frontdesk/contracts/intake'
import { MockApiError } from './responses.js'

/** The API's messages, so a UI that shows them reads the same against the mocks. */
const MESSAGES: Record<IntakeIssueCode, string> = {
  required: 'An answer is required',
  wrongType: 'This answer has the wrong shape for the question',
  unknownField: 'The form asks no such question',
  tooShort: 'Too short',
  tooLong: 'Too long',
  notInteger: 'A whole number is needed',
  tooSmall: 'Below the smallest allowed',
  tooLarge: 'Above the largest allowed',
  invalidDate: 'Not a date (YYYY-MM-DD)',
  tooEarly: 'Earlier than allowed',
  tooLate: 'Later than allowed',
  notAnOption: 'Not one of the options',
  tooFewSelected: 'Too few options chosen',
  tooManySelected: 'Too many options chosen',
  invalidEmail: 'Not an email address',
  invalidPhone: 'Not a phone number',
  invalidAddress: 'An address needs line 1, postal code, city and a two-letter country',
  invalidSignature: 'A signature is a PNG image as a data URL',
  invalidFile: 'Name a file uploaded to this response for this question',
  fileTooLarge: 'The file is larger than this question allows',
  fileTypeNotAccepted: 'This question does not take this type of file',
  tooManyFiles: 'More files than this question allows',
  tooFewEntries: 'More entries are needed',
  tooManyEntries: 'More entries than allowed',
}

export interface JudgeInput {
  definition: FormDefinition
  pinnedVersion: number
  version: number
  answers: unknown
  files: IntakeFile[]
  /** The clinic's date, which `today` in date limits means. */
  today: string
  draft: boolean
}

/** The answers worth keeping, file answers as recorded on upload; else 422 naming every field at fault. */
export function judgeAnswers(input: JudgeInput): Answers {
  if (input.version !== input.pinnedVersion) {
    const message = `This response answers version ${input.pinnedVersion}`
    throw new MockApiError('VALIDATION_FAILED', `version: ${message} of the form`, [
      { path: 'version', message },
    ])
  }
  const verdict = validateIntake(input.definition, input.answers, { today: input.today, draft: input.draft })
  const issues: FieldIssue[] = verdict.issues.map((issue) => ({
    // `$` is the validator's name for the answers as a whole.
    path: issue.path === '$' ? 'answers' : `answers.${issue.path}`,
    message: MESSAGES[issue.code],
    code: issue.code,
  }))
  const uploaded = new Map(input.files.map((file) => [file.id, file]))
  for (const at of fileAnswers(input.definition.items, verdict.answers)) {
    const recorded: FileAnswer[] = []
    for (const answer of at.files) {
      const file = uploaded.get(answer.fileId)
      if (!file || file.field !== at.field) {
        issues.push({ path: `answers.${at.path}`, message: MESSAGES.invalidFile, code: 'invalidFile' })
        break
      }
      recorded.push({ fileId: file.id, contentType: file.contentType, bytes: file.bytes })
    }
    // The recorded type and size, not the ones the browser repeated back.
    at.files.splice(0, at.files.length, ...recorded)
  }
  const first = issues[0]
  if (first) throw new MockApiError('VALIDATION_FAILED', `${first.path}: ${first.message}`, issues)
  return verdict.answers
}

/** The file question at `a.b.c` (item ids through groups, repeats too, no index), or null. */
export function fileFieldAt(items: FormItem[], dotted: string): FileField | null {
  const [head, ...rest] = dotted.split('.')
  const item = items.find((candidate) => candidate.id === head)
  if (!item) return null
  if (item.type === 'group') return rest.length ? fileFieldAt(item.items, rest.join('.')) : null
  return item.type === 'file' && rest.length === 0 ? item : null
}

/** Every file answer among kept answers: where it sits (`meds[1].photo`) and its question (`meds.photo`). */
function fileAnswers(items: FormItem[], answers: Answers) {
  const found: { path: string; field: string; files: FileAnswer[] }[] = []
  const visit = (scope: FormItem[], values: Answers, path: string, field: string) => {
    for (const item of scope) {
      const value = values[item.id]
      if (value === undefined) continue
      const at = path ? `${path}.${item.id}` : item.id
      const name = field ? `${field}.${item.id}` : item.id
      if (item.type === 'file') found.push({ path: at, field: name, files: value as FileAnswer[] })
      else if (item.type === 'group' && item.repeat) {
        for (const [index, entry] of (value as Answers[]).entries())
          visit(item.items, entry, `${at}[${index}]`, name)
      } else if (item.type === 'group') visit(item.items, value as Answers, at, name)
    }
  }
  visit(items, answers, '', '')
  return found
}

/** The file ids kept answers name: files no answer names are dropped on submit. */
export function namedFileIds(items: FormItem[], answers: Answers): Set<string> {
  return new Set(fileAnswers(items, answers).flatMap((at) => at.files.map((file) => file.fileId)))
}
