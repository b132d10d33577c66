// @frontdesk/widgets: the booking, intake, consent and rights-request web components, defined as
// <frontdesk-booking>, <frontdesk-intake>, <frontdesk-consent> and <frontdesk-rights-request> on import.
import { FrontdeskBooking } from './booking/frontdesk-booking.js'
import { FrontdeskConsent } from './consent/frontdesk-consent.js'
import { FrontdeskIntake } from './intake/frontdesk-intake.js'
import { FrontdeskRightsRequest } from './rights/frontdesk-rights-request.js'

export * from './events/index.js'
export { FrontdeskElement } from './frontdesk-element.js'
export { resolveLocale, SUPPORTED_LOCALES } from './i18n/index.js'
export type { FrontdeskElements } from './jsx.js'
export { FrontdeskBooking, FrontdeskConsent, FrontdeskIntake, FrontdeskRightsRequest }

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
