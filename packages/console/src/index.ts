// @frontdesk/console: the staff console, defined as <frontdesk-console> on import. The API serves it at
// /admin as dist/console.js, beside a page that holds nothing but this element.
import './zod-config.js'
import { FrontdeskConsole } from './app.js'
import { pageStyles } from './styles.js'

if (!customElements.get('frontdesk-console')) customElements.define('frontdesk-console', FrontdeskConsole)

// A constructed sheet, not a <style>: the page's CSP allows styles from its own origin only.
if (pageStyles.styleSheet)
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageStyles.styleSheet]

export { FrontdeskConsole }

declare global {
  interface HTMLElementTagNameMap {
    'frontdesk-console': FrontdeskConsole
  }
}
