// frontdesk-intake-saved: <frontdesk-intake> saved the draft on the server.
import { FrontdeskEvent } from './frontdesk-event.js'

/** The draft was saved: the response's id, never an answer. */
export class FrontdeskIntakeSavedEvent extends FrontdeskEvent<{ responseId: string }> {
  constructor(detail: FrontdeskIntakeSavedEvent['detail']) {
    super('frontdesk-intake-saved', detail)
  }
}

declare global {
  interface HTMLElementEventMap {
    'frontdesk-intake-saved': FrontdeskIntakeSavedEvent
  }
}
