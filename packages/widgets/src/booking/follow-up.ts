// What follows a booking in the same widget: the clinic's intake form (a minor's own, when the clinic has
// one), then once it is sent the consent documents, signed by a parent or guardian for a minor. Both
// act with the booking's visit token, so what they record belongs to this booking's patient. On a page
// with booking.js alone, the two elements are fetched from the API when first needed (./load-element.ts).
import { html, nothing } from 'lit'
import { yearsOld } from '../dates.js'
import type { FrontdeskBooking } from './frontdesk-booking.js'
import { type FollowUpElement, loadElement } from './load-element.js'

/** Under this age a parent or guardian signs; the clinic's today decides it, not the patient's clock. */
const ADULT_AGE = 18

/** The follow-up of a booking made in this widget, as the booking's facts decide it. */
export interface FollowUp {
  minor: boolean
  /** The intake form this patient is asked to fill, if any. */
  intakeForm: string | undefined
  intakeSent: boolean
  /** What the booked service asks for; the filled form's documents join once it is sent. */
  serviceDocuments: string[]
  formDocuments: string[]
  /** The page's own `consent-documents`, asked last. */
  pageDocuments: string[]
}

/** The consent documents asked for: the service's, then the form's, then the page's, each once. */
export function consentDocumentsOf(follow: FollowUp): string[] {
  return [...new Set([...follow.serviceDocuments, ...follow.formDocuments, ...follow.pageDocuments])]
}

export function followUpFor(host: FrontdeskBooking, dateOfBirth: string, serviceId: string): FollowUp {
  const age = yearsOld(dateOfBirth, host.today)
  const minor = age !== undefined && age < ADULT_AGE
  const service = host.services.find((candidate) => candidate.id === serviceId)
  return {
    minor,
    intakeForm: (minor && host.intakeFormMinor) || host.intakeForm || undefined,
    intakeSent: false,
    serviceDocuments: service?.consentDocumentIds ?? [],
    formDocuments: [],
    pageDocuments: host.consentDocuments?.split(/\s+/).filter(Boolean) ?? [],
  }
}

export function renderFollowUp(host: FrontdeskBooking) {
  const follow = host.followUp
  const visitToken = host.visitToken
  if (!follow || !visitToken) return nothing
  const intakeSent = async () => {
    const form = follow.intakeForm
    // The form's own documents join the service's; if they cannot be read, the others still follow.
    const asked = form ? await host.client.formConsent(form, visitToken).catch(() => []) : []
    follow.formDocuments = asked
    follow.intakeSent = true
    host.requestUpdate()
  }
  const documents = consentDocumentsOf(follow)
  const consentShown = documents.length > 0 && (!follow.intakeForm || follow.intakeSent)
  if (follow.intakeForm) need(host, 'intake')
  if (consentShown) need(host, 'consent')
  return html`${
    follow.intakeForm
      ? html`<frontdesk-intake
          part="intake"
          api-base=${host.apiBase}
          publishable-key=${host.publishableKey}
          form=${follow.intakeForm}
          visit-token=${visitToken}
          resume-url=${host.intakeResumeUrl ?? nothing}
          locale=${host.intlLocale}
          theme=${host.theme}
          @frontdesk-intake-submitted=${intakeSent}
        ></frontdesk-intake>`
      : nothing
  }
    ${
      consentShown
        ? html`<frontdesk-consent
          part="consent"
          api-base=${host.apiBase}
          publishable-key=${host.publishableKey}
          documents=${documents.join(' ')}
          visit-token=${visitToken}
          signer=${follow.minor ? 'guardian' : 'self'}
          locale=${host.intlLocale}
          theme=${host.theme}
        ></frontdesk-consent>`
        : nothing
    }`
}

/** Loads an element the follow-up shows; if its script cannot be had, the patient is told, not left waiting. */
function need(host: FrontdeskBooking, name: FollowUpElement): void {
  loadElement(host.apiBase, name).catch(() => {
    host._alert = host.messages.errors.network
  })
}
