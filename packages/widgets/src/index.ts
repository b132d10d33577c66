// @frontdesk/widgets: the booking, intake, consent and rights-request web components, defined as
// <frontdesk-booking>, <frontdesk-intake>, <frontdesk-consent> and <frontdesk-rights-request> on import.
import type { RightsRequestKind } from '@frontdesk/contracts'
import { FrontdeskBooking } from './booking/frontdesk-booking.js'
import { FrontdeskConsent } from './consent/frontdesk-consent.js'
import { FrontdeskIntake } from './intake/frontdesk-intake.js'
import { FrontdeskRightsRequest } from './rights/frontdesk-rights-request.js'

export { resolveLocale, SUPPORTED_LOCALES } from './i18n/index.js'
export { FrontdeskBooking, FrontdeskConsent, FrontdeskIntake, FrontdeskRightsRequest }

/** Detail of the events the element dispatches (they bubble and cross shadow roots): ids and step names only. */
export interface FrontdeskBookingEvents {
  'frontdesk-ready': CustomEvent<Record<string, never>>
  'frontdesk-step': CustomEvent<{ step: 'service' | 'practitioner' | 'time' | 'details' | 'confirmation' }>
  'frontdesk-booking-confirmed': CustomEvent<{ bookingId: string }>
}

/** Detail of the events <frontdesk-intake> dispatches (they bubble and cross shadow roots): ids only, never answers. */
export interface FrontdeskIntakeEvents {
  'frontdesk-ready': CustomEvent<Record<string, never>>
  /** The step's group id, or for a step of loose questions the first question's id. */
  'frontdesk-intake-step': CustomEvent<{ step: string }>
  'frontdesk-intake-saved': CustomEvent<{ responseId: string }>
  'frontdesk-intake-submitted': CustomEvent<{ responseId: string }>
}

/** Detail of the events <frontdesk-consent> dispatches (they bubble and cross shadow roots): ids only. */
export interface FrontdeskConsentEvents {
  'frontdesk-ready': CustomEvent<Record<string, never>>
  /** Every document's decision was recorded: the records' ids, in the order of `documents`. */
  'frontdesk-consent-recorded': CustomEvent<{ recordIds: string[] }>
}

/** Detail of the events <frontdesk-rights-request> dispatches (they bubble and cross shadow roots): ids only. */
export interface FrontdeskRightsRequestEvents {
  'frontdesk-ready': CustomEvent<Record<string, never>>
  /** The patient confirmed the code: the request is with the clinic. */
  'frontdesk-rights-request-sent': CustomEvent<{ requestId: string; kind: RightsRequestKind }>
}

if (!customElements.get('frontdesk-booking')) customElements.define('frontdesk-booking', FrontdeskBooking)
if (!customElements.get('frontdesk-intake')) customElements.define('frontdesk-intake', FrontdeskIntake)
if (!customElements.get('frontdesk-consent')) customElements.define('frontdesk-consent', FrontdeskConsent)
if (!customElements.get('frontdesk-rights-request'))
  customElements.define('frontdesk-rights-request', FrontdeskRightsRequest)

declare global {
  interface HTMLElementTagNameMap {
    'frontdesk-booking': FrontdeskBooking
    'frontdesk-intake': FrontdeskIntake
    'frontdesk-consent': FrontdeskConsent
    'frontdesk-rights-request': FrontdeskRightsRequest
  }
}
