// What a server concludes about a set of answers, shared by the API and the mocks: the validator's
// verdict in the API's words (`answers.<path>`, a message and the validator's code), then the check
// only a server can make, that every file an answer names was uploaded into this response for that
// very question. Keeps the recorded type and size of each file, not the ones the browser repeated.
import type { Answers, FileAnswer, FileField, FormDefinition, FormItem } from './types.js'
import { type IntakeIssueCode, validateIntake } from './validate.js'

/** The API's words for each validator code; a UI localizes by `code` instead. */
export const ISSUE_MESSAGES: Record<IntakeIssueCode, string> = {
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

export interface JudgedIssue {
  path: string
  message: string
  code: IntakeIssueCode
}

/** A file as the server recorded it on upload. */
export interface UploadedFile {
  id: string
  field: string
  contentType: string
  bytes: number
}

export interface JudgeIntakeInput {
  definition: FormDefinition
  answers: unknown
  files: UploadedFile[]
  /** The clinic's date, which `today` in date limits means. */
  today: string
  draft: boolean
}

export function judgeIntake(input: JudgeIntakeInput): { answers: Answers; issues: JudgedIssue[] } {
  const verdict = validateIntake(input.definition, input.answers, { today: input.today, draft: input.draft })
  const issues: JudgedIssue[] = verdict.issues.map((issue) => ({
    // `$` is the validator's name for the answers as a whole.
    path: issue.path === '$' ? 'answers' : `answers.${issue.path}`,
    message: ISSUE_MESSAGES[issue.code],
    code: issue.code,
  }))
  const uploaded = new Map(input.files.map((file) => [file.id, file]))
  for (const at of fileAnswers(input.definition.items, verdict.answers)) {
    const recorded: FileAnswer[] = []
    for (const answer of at.files) {
      const file = uploaded.get(answer.fileId)
      if (!file || file.field !== at.field) {
        issues.push({ path: `answers.${at.path}`, message: ISSUE_MESSAGES.invalidFile, code: 'invalidFile' })
        break
      }
      recorded.push({ fileId: file.id, contentType: file.contentType, bytes: file.bytes })
    }
    at.files.splice(0, at.files.length, ...recorded)
  }
  return { answers: verdict.answers, issues }
}

/** The file question at `a.b.c` (item ids through groups, repeats included, no index), or null. */
export function fileFieldAt(items: FormItem[], dotted: string): FileField | null {
  const [head, ...rest] = dotted.split('.')
  const item = items.find((candidate) => candidate.id === head)
  if (!item) return null
  if (item.type === 'group') return rest.length ? fileFieldAt(item.items, rest.join('.')) : null
  return item.type === 'file' && rest.length === 0 ? item : null
}

export interface FileAnswerAt {
  /** Where the answer sits, as the validator names paths: `insurance.card`, `medications[1].photo`. */
  path: string
  /** The question, as uploads name it: `insurance.card`, `medications.photo`. */
  field: string
  files: FileAnswer[]
}

/** Every file answer among answers the validator kept. */
export function fileAnswers(items: FormItem[], answers: Answers): FileAnswerAt[] {
  const found: FileAnswerAt[] = []
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

/** The file ids kept answers name: files no answer names are dropped when a response is submitted. */
export function namedFileIds(items: FormItem[], answers: Answers): Set<string> {
  return new Set(fileAnswers(items, answers).flatMap((at) => at.files.map((file) => file.fileId)))
}
