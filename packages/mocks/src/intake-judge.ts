// The mocks' verdict on intake answers, as the API gives it: the real validator against the pinned version,
// then the check only a server can make (each file named was uploaded into this draft, for that question).
import type { IntakeFile } from '@frontdesk/contracts'
import { type Answers, type FormDefinition, judgeIntake } from '@frontdesk/contracts/intake'
import { MockApiError } from './responses.js'

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
  const { answers, issues } = judgeIntake({
    definition: input.definition,
    answers: input.answers,
    files: input.files,
    today: input.today,
    draft: input.draft,
  })
  const first = issues[0]
  if (first) throw new MockApiError('VALIDATION_FAILED', `${first.path}: ${first.message}`, issues)
  return answers
}

export { fileFieldAt, namedFileIds } from '@frontdesk/contracts/intake'
