// @frontdesk/widgets: the booking web component, defined as <frontdesk-booking> on import.
import { FrontdeskBooking } from './booking/frontdesk-booking.js'

export { resolveLocale, SUPPORTED_LOCALES } from './i18n/index.js'
export { FrontdeskBooking }

/** Detail of the events the element dispatches (they bubble and cross shadow roots): ids and step names only. */
export interface FrontdeskBookingEvents {
  'frontdesk-ready': CustomEvent<Record<string, never>>
  'frontdesk-step': CustomEvent<{ step: 'service' | 'practitioner' | 'time' | 'details' | 'confirmation' }>
  'frontdesk-booking-confirmed': CustomEvent<{ bookingId: string }>
}

if (!customElements.get('frontdesk-booking')) customElements.define('frontdesk-booking', FrontdeskBooking)

declare global {
  interface HTMLElementTagNameMap {
    'frontdesk-booking': FrontdeskBooking
  }
}
