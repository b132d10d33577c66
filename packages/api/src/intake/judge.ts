// The server's verdict on a set of answers: the one validator against the pinned version, then the
// checks only the server can make (the files named were uploaded here, for that field). Never trusts
// what the browser concluded.
import {
  type Answers,
  type FieldIssue,
  type FileAnswer,
  type FormDefinition,
  type IntakeFile,
  type IntakeIssueCode,
  validateIntake,
} from '@frontdesk/contracts'
import { localLabel, offsetAt } from '../availability/local-time.js'
import { ApiError } from '../errors.js'
import { fileAnswers } from './file-answers.js'

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
  answers: Answers
  files: IntakeFile[]
  timeZone: string
  at: number
  draft: boolean
}

/** The clinic's date at `at`: what `today` means in date limits, for browser and server alike. */
export function clinicToday(timeZone: string, at: number): string {
  return localLabel(at, offsetAt(timeZone, at)).date
}

/** The answers worth storing, with file answers as the server recorded them; 422 naming every fault. */
export function judgeAnswers(input: JudgeInput): Answers {
  if (input.version !== input.pinnedVersion) {
    throw new ApiError(
      'VALIDATION_FAILED',
      `version: this response answers version ${input.pinnedVersion} of the form`,
      { issues: [{ path: 'version', message: `This response answers version ${input.pinnedVersion}` }] },
    )
  }
  const verdict = validateIntake(input.definition, input.answers, {
    today: clinicToday(input.timeZone, input.at),
    draft: input.draft,
  })
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
  if (issues.length) {
    const first = issues[0]!
    throw new ApiError('VALIDATION_FAILED', `${first.path}: ${first.message}`, { issues })
  }
  return verdict.answers
}
