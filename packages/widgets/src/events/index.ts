// The events the elements send, one class each, and which element sends which: the maps type listeners
// and the `on…` props of ../jsx.ts. Each event's own file adds it to HTMLElementEventMap.
import type { FrontdeskBookingConfirmedEvent } from './booking-confirmed.js'
import type { FrontdeskConsentRecordedEvent } from './consent-recorded.js'
import type { FrontdeskIntakeSavedEvent } from './intake-saved.js'
import type { FrontdeskIntakeStepEvent } from './intake-step.js'
import type { FrontdeskIntakeSubmittedEvent } from './intake-submitted.js'
import type { FrontdeskReadyEvent } from './ready.js'
import type { FrontdeskRightsRequestSentEvent } from './rights-request-sent.js'
import type { FrontdeskStepEvent } from './step.js'

export { FrontdeskBookingConfirmedEvent } from './booking-confirmed.js'
export { FrontdeskConsentRecordedEvent } from './consent-recorded.js'
export { FrontdeskEvent } from './frontdesk-event.js'
export { FrontdeskIntakeSavedEvent } from './intake-saved.js'
export { FrontdeskIntakeStepEvent } from './intake-step.js'
export { FrontdeskIntakeSubmittedEvent } from './intake-submitted.js'
export { FrontdeskReadyEvent } from './ready.js'
export { FrontdeskRightsRequestSentEvent } from './rights-request-sent.js'
export { FrontdeskStepEvent } from './step.js'

/** The events <frontdesk-booking> sends. */
export interface FrontdeskBookingEvents {
  'frontdesk-ready': FrontdeskReadyEvent
  'frontdesk-step': FrontdeskStepEvent
  'frontdesk-booking-confirmed': FrontdeskBookingConfirmedEvent
}

/** The events <frontdesk-intake> sends. */
export interface FrontdeskIntakeEvents {
  'frontdesk-ready': FrontdeskReadyEvent
  'frontdesk-intake-step': FrontdeskIntakeStepEvent
  'frontdesk-intake-saved': FrontdeskIntakeSavedEvent
  'frontdesk-intake-submitted': FrontdeskIntakeSubmittedEvent
}

/** The events <frontdesk-consent> sends. */
export interface FrontdeskConsentEvents {
  'frontdesk-ready': FrontdeskReadyEvent
  'frontdesk-consent-recorded': FrontdeskConsentRecordedEvent
}

/** The events <frontdesk-rights-request> sends. */
export interface FrontdeskRightsRequestEvents {
  'frontdesk-ready': FrontdeskReadyEvent
  'frontdesk-rights-request-sent': FrontdeskRightsRequestSentEvent
}
