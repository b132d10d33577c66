// @frontdesk/widgets: the booking and intake web components, defined as <frontdesk-booking> and
// <frontdesk-intake> on import.
import { FrontdeskBooking } from './booking/frontdesk-booking.js'
import { FrontdeskIntake } from './intake/frontdesk-intake.js'

export { resolveLocale, SUPPORTED_LOCALES } from './i18n/index.js'
export { FrontdeskBooking, FrontdeskIntake }

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

if (!customElements.get('frontdesk-booking')) customElements.define('frontdesk-booking', FrontdeskBooking)
if (!customElements.get('frontdesk-intake')) customElements.define('frontdesk-intake', FrontdeskIntake)

declare global {
  interface HTMLElementTagNameMap {
    'frontdesk-booking': FrontdeskBooking
    'frontdesk-intake': FrontdeskIntake
  }
}
