// The four tags as frame hosts only, for a page that uses isolated mode alone: no Lit, nothing rendered
// on this page but the iframe. The full elements with `isolated` mount the same frame (../frontdesk-element.ts).
import type { FrameElement } from './bridge-messages.js'
import { type MountedFrame, mountFrame } from './frame-host.js'

export const FRAME_TAGS: Record<string, FrameElement> = {
  'frontdesk-booking': 'booking',
  'frontdesk-intake': 'intake',
  'frontdesk-consent': 'consent',
  'frontdesk-rights-request': 'rights-request',
}

/** A class for one tag: attributes are read when it joins the page; changing them later does nothing. */
export function frameHostClass(element: FrameElement): CustomElementConstructor {
  return class FrontdeskFrameHost extends HTMLElement {
    #frame: MountedFrame | undefined

    connectedCallback(): void {
      this.#frame ??= mountFrame(this, this.shadowRoot ?? this.attachShadow({ mode: 'open' }), element)
    }

    disconnectedCallback(): void {
      this.#frame?.disconnect()
      this.#frame = undefined
    }
  }
}
