// Which error a question shows, and when. What is wrong with an answer given shows once the patient
// leaves the question; what is missing shows once they press Next on its step; what the server refused
// shows until that answer changes. The verdicts are the one validator's, in full and as a draft.
import { type Answers, type FormDefinition, validateIntake } from '@frontdesk/contracts/intake'
import { shiftPath } from './form-model.js'

export class IntakeChecks {
  /** Questions the patient has left. */
  touched = new Set<string>()
  /** Steps whose Next (or the final Send) was pressed. */
  attempted = new Set<string>()
  /** Issue codes the server answered a submission with, by path. */
  server = new Map<string, string>()
  /** A chosen file refused, in words: checked before uploading, or said by the upload's answer. */
  files = new Map<string, string>()
  #full = new Map<string, string>()
  #draft = new Map<string, string>()

  judge(form: FormDefinition, answers: Answers, today: string): void {
    this.#full = byPath(validateIntake(form, answers, { today }).issues)
    this.#draft = byPath(validateIntake(form, answers, { today, draft: true }).issues)
  }

  /** An answer changed: what was refused of it no longer stands. */
  changed(path: string): void {
    this.server.delete(path)
    this.files.delete(path)
  }

  /** The issue code to show at a question of the step `stepId`, if any. */
  codeAt(path: string, stepId: string | undefined): string | undefined {
    return (
      this.server.get(path) ??
      (stepId !== undefined && this.attempted.has(stepId) ? this.#full.get(path) : undefined) ??
      (this.touched.has(path) ? this.#draft.get(path) : undefined)
    )
  }

  /** Every path with something to fix before sending: the validator's, the server's, the files'. */
  paths(): Set<string> {
    return new Set([...this.#full.keys(), ...this.server.keys(), ...this.files.keys()])
  }

  /** Entry `index` of the repeat at `groupPath` was removed: its paths go, later entries' move up one. */
  shift(groupPath: string, index: number): void {
    const shift = <T>(entries: Iterable<[string, T]>) =>
      new Map(
        [...entries].flatMap(([path, value]) => {
          const moved = shiftPath(path, groupPath, index)
          return moved === null ? [] : [[moved, value] as const]
        }),
      )
    this.touched = new Set(shift([...this.touched].map((path) => [path, true])).keys())
    this.server = shift(this.server)
    this.files = shift(this.files)
  }
}

/** The first issue at each path. */
function byPath(issues: { path: string; code: string }[]): Map<string, string> {
  return new Map(issues.toReversed().map((issue) => [issue.path, issue.code]))
}
