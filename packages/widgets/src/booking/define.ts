// Defines <frontdesk-booking> once, whichever scripts on the page (its own, the all-in-one, npm) load it.
import { FrontdeskBooking } from './frontdesk-booking.js'

if (!customElements.get('frontdesk-booking')) customElements.define('frontdesk-booking', FrontdeskBooking)

declare global {
  interface HTMLElementTagNameMap {
    'frontdesk-booking': FrontdeskBooking
  }
}
