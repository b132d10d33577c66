// How <frontdesk-intake> opens, once it has its strings: a new draft of the page's form, a saved draft
// resumed from its token or the page's continue-later link, or, for the console's form editor, a preview.
import type { FormDefinition } from '@frontdesk/contracts/intake'
import { FrontdeskReadyEvent } from '../events/ready.js'
import { splitSteps } from './form-model.js'
import type { FrontdeskIntake } from './frontdesk-intake.js'
import { createIntakeClient, openDraft } from './intake-client.js'
import { takeResumeFromPage } from './resume-link.js'

export async function startIntake(host: FrontdeskIntake): Promise<void> {
  if (host.preview) return showPreview(host, host.preview)
  const { messages } = host
  if (!host.apiBase) return showUnavailable(host, messages.errors.setup)
  host.client = createIntakeClient(host.apiBase)
  const given = host.resumeToken && host.draft && { draftId: host.draft, resumeToken: host.resumeToken }
  const target = given || (host.resumeToken ? 'broken' : takeResumeFromPage())
  if (target === 'broken') return showUnavailable(host, messages.intake.brokenLink)
  const key = host.visitToken || host.publishableKey
  if (!target && (!key || !host.form)) return showUnavailable(host, messages.errors.setup)
  try {
    // Known before the first request, so a resume token that no longer works is explained as such.
    host.target = target ?? undefined
    const opened = await openDraft(host.client, host.target, { key, formId: host.form ?? '' })
    const { draft } = opened
    host.target = opened.target
    host.version = draft.version
    host.today = draft.today
    host.expiresAt = draft.expiresAt
    host.definition = opened.definition
    host.steps = splitSteps(opened.definition)
    host.answers = structuredClone(draft.answers)
    host.saver.holds(host.answers)
    host.refresh()
  } catch (error) {
    return showUnavailable(host, host.explain(error))
  }
  host._view = 'form'
  host.dispatchEvent(new FrontdeskReadyEvent())
  host.go(host.visibleSteps[0]?.id ?? '', false)
}

/** The definition as a patient would see it today; answers given so far stay where their ids still are. */
export function showPreview(host: FrontdeskIntake, definition: FormDefinition): void {
  host.definition = definition
  host.steps = splitSteps(definition)
  host.today ||= new Date().toLocaleDateString('sv')
  host.refresh()
  host._view = 'form'
  if (!host.visibleSteps.some((step) => step.id === host._stepId))
    host.go(host.visibleSteps[0]?.id ?? '', false)
}

/** The form cannot be shown (or go on): the alert says why, in place of the form. */
export function showUnavailable(host: FrontdeskIntake, text: string): void {
  host._view = 'unavailable'
  host._alert = text
}
