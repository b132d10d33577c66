// Defines <frontdesk-rights-request> once, whichever scripts on the page (its own, the all-in-one, npm) load it.
import { FrontdeskRightsRequest } from './frontdesk-rights-request.js'

if (!customElements.get('frontdesk-rights-request'))
  customElements.define('frontdesk-rights-request', FrontdeskRightsRequest)

declare global {
  interface HTMLElementTagNameMap {
    'frontdesk-rights-request': FrontdeskRightsRequest
  }
}
