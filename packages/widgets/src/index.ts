// @frontdesk/widgets: the booking, intake, consent and rights-request web components, defined as
// <frontdesk-booking>, <frontdesk-intake>, <frontdesk-consent> and <frontdesk-rights-request> on import.
import './booking/define.js'
import './consent/define.js'
import './intake/define.js'
import './rights/define.js'

export { FrontdeskBooking } from './booking/frontdesk-booking.js'
export { FrontdeskConsent } from './consent/frontdesk-consent.js'
export * from './events/index.js'
export { FrontdeskElement } from './frontdesk-element.js'
export { resolveLocale, SUPPORTED_LOCALES } from './i18n/index.js'
export { FrontdeskIntake } from './intake/frontdesk-intake.js'
export type { FrontdeskElements } from './jsx.js'
export { FrontdeskRightsRequest } from './rights/frontdesk-rights-request.js'
