// What follows a booking in the same widget: the clinic's intake form (a minor's own, when the clinic has
// one), then once it is sent the consent documents, signed by a parent or guardian for a minor. Both
// act with the booking's visit token, so what they record belongs to this booking's patient.
import { html, nothing } from 'lit'
import { yearsOld } from '../dates.js'
import type { FrontdeskBooking } from './frontdesk-booking.js'

/** Under this age a parent or guardian signs; the clinic's today decides it, not the patient's clock. */
const ADULT_AGE = 18

/** The follow-up of a booking made in this widget, as the booking's facts decide it. */
export interface FollowUp {
  minor: boolean
  /** The intake form this patient is asked to fill, if any. */
  intakeForm: string | undefined
  intakeSent: boolean
}

export function followUpFor(host: FrontdeskBooking, dateOfBirth: string): FollowUp {
  const age = yearsOld(dateOfBirth, host.today)
  const minor = age !== undefined && age < ADULT_AGE
  return {
    minor,
    intakeForm: (minor && host.intakeFormMinor) || host.intakeForm || undefined,
    intakeSent: false,
  }
}

export function renderFollowUp(host: FrontdeskBooking) {
  const follow = host.followUp
  const visitToken = host.visitToken
  if (!follow || !visitToken) return nothing
  const intakeSent = () => {
    follow.intakeSent = true
    host.requestUpdate()
  }
  const consentShown = host.consentDocuments?.trim() && (!follow.intakeForm || follow.intakeSent)
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
          documents=${host.consentDocuments ?? ''}
          visit-token=${visitToken}
          signer=${follow.minor ? 'guardian' : 'self'}
          locale=${host.intlLocale}
          theme=${host.theme}
        ></frontdesk-consent>`
        : nothing
    }`
}
