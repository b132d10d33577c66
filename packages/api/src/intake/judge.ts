// The server's verdict on a set of answers: the shared judge (the one validator against the pinned
// version, then the uploaded-files check) in the clinic's today, refused with 422 naming every fault.
// Never trusts what the browser concluded.
import { type Answers, type IntakeFile, judgeIntake } from '@frontdesk/contracts'
import type { FormDefinition } from '@frontdesk/contracts/intake'
import { localLabel, offsetAt } from '../availability/local-time.js'
import { ApiError } from '../errors.js'

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
  const { answers, issues } = judgeIntake({
    definition: input.definition,
    answers: input.answers,
    files: input.files,
    today: clinicToday(input.timeZone, input.at),
    draft: input.draft,
  })
  const first = issues[0]
  if (first) throw new ApiError('VALIDATION_FAILED', `${first.path}: ${first.message}`, { issues })
  return answers
}
