// Defines <frontdesk-intake> once, whichever scripts on the page (its own, the all-in-one, npm) load it.
import { FrontdeskIntake } from './frontdesk-intake.js'

if (!customElements.get('frontdesk-intake')) customElements.define('frontdesk-intake', FrontdeskIntake)

declare global {
  interface HTMLElementTagNameMap {
    'frontdesk-intake': FrontdeskIntake
  }
}
