// Defines <frontdesk-consent> once, whichever scripts on the page (its own, the all-in-one, npm) load it.
import { FrontdeskConsent } from './frontdesk-consent.js'

if (!customElements.get('frontdesk-consent')) customElements.define('frontdesk-consent', FrontdeskConsent)

declare global {
  interface HTMLElementTagNameMap {
    'frontdesk-consent': FrontdeskConsent
  }
}
