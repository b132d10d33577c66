// frontdesk-ready: an element has loaded what it shows (every element sends it).
import { FrontdeskEvent } from './frontdesk-event.js'

/** The element has loaded from the API and shows its first step; `detail` is `{}`. */
export class FrontdeskReadyEvent extends FrontdeskEvent<Record<string, never>> {
  constructor() {
    super('frontdesk-ready', {})
  }
}

declare global {
  interface HTMLElementEventMap {
    'frontdesk-ready': FrontdeskReadyEvent
  }
}
