// The draft on the server: saved as the patient goes (./draft-saver.ts decides when), kept for later behind
// a link, and sent as the answers the validator keeps; a resume token that no longer works ends the form.
import { type Answers, validateIntake } from '@frontdesk/contracts/intake'
import { WidgetApiError } from '../client.js'
import { FrontdeskIntakeSavedEvent } from '../events/intake-saved.js'
import { FrontdeskIntakeSubmittedEvent } from '../events/intake-submitted.js'
import { DraftSaver } from './draft-saver.js'
import type { FrontdeskIntake } from './frontdesk-intake.js'
import { showUnavailable } from './start-up.js'
import { invalidIn, showInvalid } from './step-flow.js'

/** What the validator keeps of the answers: of a draft, what is worth saving; else what is sent. */
function verdict(host: FrontdeskIntake, draft: boolean) {
  return validateIntake(host.definition, host.answers, { today: host.today, draft })
}

/** The saver of this element's draft, which says how each save went. */
export function draftSaverFor(host: FrontdeskIntake): DraftSaver {
  return new DraftSaver(
    (answers) => save(host, answers),
    () => verdict(host, true).answers,
    (error) => saveFailed(host, error),
  )
}

async function save(host: FrontdeskIntake, answers: Answers): Promise<void> {
  host._saving = 'saving'
  const saved = await host.client.save(host.draftId, host.resumeKey, host.version, answers)
  host.expiresAt = saved.expiresAt
  host._saving = 'saved'
  if (host._alert === host.messages.intake.saveFailed) host._alert = ''
  host.dispatchEvent(new FrontdeskIntakeSavedEvent({ responseId: saved.id }))
}

function saveFailed(host: FrontdeskIntake, error: unknown): void {
  host._saving = 'idle'
  if (resumeGone(host, error)) failed(host, error)
  else host._alert = host.messages.intake.saveFailed
}

/** Saves, then shows the link to carry on with and until when it works. */
export async function saveForLater(host: FrontdeskIntake): Promise<void> {
  if (host._busy) return
  host._busy = true
  const saved = await host.saver.flush()
  host._busy = false
  if (!saved) return
  host._note = ''
  host._view = 'later'
  host.focusLater(() => host.renderRoot.querySelector('h3'))
}

export async function submitIntake(host: FrontdeskIntake): Promise<void> {
  if (host._busy || !(host.target || host.preview)) return
  for (const step of host.visibleSteps) host.checks.attempted.add(step.id)
  const first = host.visibleSteps.find((step) => invalidIn(host, step).length)
  if (first) {
    showInvalid(host, first)
    return
  }
  if (host.preview) {
    host._note = host.messages.intake.previewPassed
    return
  }
  host._busy = true
  host._alert = ''
  host.saver.cancel()
  try {
    await host.saver.settled()
    const answers = verdict(host, false).answers
    const sent = await host.client.submit(host.draftId, host.resumeKey, host.version, answers)
    host._view = 'thanks'
    host.previews.clear()
    host.focusLater(() => host.renderRoot.querySelector('h2'))
    host.dispatchEvent(new FrontdeskIntakeSubmittedEvent({ responseId: sent.id }))
  } catch (error) {
    if (error instanceof WidgetApiError && error.code === 'VALIDATION_FAILED' && error.issues.length) {
      for (const issue of error.issues) {
        host.checks.server.set(issue.path.replace(/^answers\.?/, ''), issue.code ?? 'wrongType')
      }
      const step = host.visibleSteps.find((candidate) => invalidIn(host, candidate).length)
      if (step) showInvalid(host, step)
      host._alert = host.messages.errors.invalid
    } else failed(host, error)
  } finally {
    host._busy = false
  }
}

/** A request failed: a dead resume token ends the form, anything else is said in the alert. */
function failed(host: FrontdeskIntake, error: unknown): void {
  if (resumeGone(host, error)) showUnavailable(host, host.messages.intake.expired)
  else host._alert = host.explain(error)
}

/** A resume token that no longer opens its draft: it expired, or the form was sent with it. */
export function resumeGone(host: FrontdeskIntake, error: unknown): boolean {
  return (
    host.target !== undefined &&
    error instanceof WidgetApiError &&
    (error.code === 'UNAUTHENTICATED' || error.code === 'NOT_FOUND')
  )
}
