// Moving through the form a step at a time: a step is checked before it is left, its problems counted and
// the first one focused; the draft is saved on the way, and the whole form sent from the last step.
import { type FormStep, stepOf } from './form-model.js'
import type { FrontdeskIntake } from './frontdesk-intake.js'

export function stepBack(host: FrontdeskIntake): void {
  const previous = host.visibleSteps[host.stepIndex - 1]
  if (!previous) return
  host._note = ''
  void host.saver.flush()
  host.go(previous.id)
}

/** Checks this step only; on, or the whole form sent from the last step. */
export async function stepOn(host: FrontdeskIntake): Promise<void> {
  const steps = host.visibleSteps
  const step = steps[host.stepIndex]
  if (!step || host._busy || host.uploading.size) return
  host.checks.attempted.add(step.id)
  if (showInvalid(host, step)) return
  const following = steps[host.stepIndex + 1]
  if (!following) return host.submit()
  void host.saver.flush()
  host.go(following.id)
}

/** Shown questions of a step with something to fix once Next is pressed there. */
export function invalidIn(host: FrontdeskIntake, step: FormStep): string[] {
  const paths = [...host.checks.paths()]
  return paths.filter((path) => host.shown.has(path) && host.steps[stepOf(host.steps, path)] === step)
}

/** Says how many questions need attention and takes the patient to the first; false when none does. */
export function showInvalid(host: FrontdeskIntake, step: FormStep): boolean {
  const invalid = invalidIn(host, step)
  host._note = invalid.length ? host.messages.fixFields(invalid.length) : ''
  if (!invalid.length) return false
  if (step.id !== host._stepId) host.go(step.id, false)
  host.focusLater(() => {
    const field = host.renderRoot.querySelector('[data-invalid]')
    return field?.querySelector('input:not(:disabled), select, textarea, button') ?? field
  })
  host.requestUpdate()
  return true
}
