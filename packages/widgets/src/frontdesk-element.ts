// What the four elements share: the API they talk to and with which key, their language and theme, and
// the design tokens a clinic themes them with. Written down once here, inherited in the manifest too.
import { LitElement, type PropertyDeclarations } from 'lit'
import type { FrameElement } from './isolated/bridge-messages.js'
import { type MountedFrame, mountFrame } from './isolated/frame-host.js'

/**
 * Every token has a light default (below) and a dark one for `theme="dark"`, or `"auto"` on a dark system.
 *
 * @cssproperty [--frontdesk-accent=#0b5cad] - Buttons, links, the chosen day and time, ticked choices.
 * @cssproperty [--frontdesk-accent-text=#ffffff] - Text on the accent colour.
 * @cssproperty [--frontdesk-background=#ffffff] - The element's background.
 * @cssproperty [--frontdesk-surface=#f3f6f9] - Choices, the document boxes and other raised areas.
 * @cssproperty [--frontdesk-text=#1d232b] - Text.
 * @cssproperty [--frontdesk-muted=#4f5b67] - Hints, the step list and other quiet text.
 * @cssproperty [--frontdesk-border=#8a96a3] - Borders of the container and the fields.
 * @cssproperty [--frontdesk-focus=#0b5cad] - The focus ring.
 * @cssproperty [--frontdesk-error=#b3261e] - Errors and the fields they belong to.
 * @cssproperty [--frontdesk-radius=0.5rem] - Corner radius of the container, fields and buttons.
 * @cssproperty [--frontdesk-font=inherit] - The `font` shorthand; the page's font unless set.
 * @cssproperty [--frontdesk-max-width=40rem] - The widest the element grows.
 */
export class FrontdeskElement extends LitElement {
  // Typed as the general map, so each element adds its own attributes to these.
  static override properties: PropertyDeclarations = {
    publishableKey: { attribute: 'publishable-key' },
    apiBase: { attribute: 'api-base' },
    locale: {},
    theme: { reflect: true },
    isolated: { type: Boolean },
  }

  /** The name of the element's frame page, `/v1/frames/{element}`. */
  static frameElement: FrameElement

  /** The clinic's publishable key (`pk_…`); it works only from the clinic's allowed origins. */
  declare publishableKey: string
  /** The API's origin, e.g. `https://api.example.com`. */
  declare apiBase: string
  /** `en` or `de`; else the page's `lang`, then the browser's. Dates follow the full tag (`en-GB`). */
  declare locale: string | undefined
  /** `light`, `dark`, or `auto` to follow the patient's system setting. */
  declare theme: 'light' | 'dark' | 'auto'
  /**
   * Isolated mode: the element shows an iframe the API serves and renders itself inside it, so no script
   * on this page can read what the patient types. Read when the element joins the page.
   */
  declare isolated: boolean
  /** The iframe an isolated element shows instead of rendering here; elements do not start themselves then. */
  frame: MountedFrame | undefined

  constructor() {
    super()
    this.publishableKey = ''
    this.apiBase = ''
    this.theme = 'light'
    this.isolated = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    // Before the first render, which then adds nothing: render() gives nothing until the element starts.
    if (this.hasAttribute('isolated') && !this.frame) {
      const element = (this.constructor as typeof FrontdeskElement).frameElement
      this.frame = mountFrame(this, this.renderRoot as ShadowRoot, element)
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.frame?.disconnect()
    this.frame = undefined
  }
}
