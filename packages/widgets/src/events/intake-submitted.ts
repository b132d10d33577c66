// frontdesk-intake-submitted: <frontdesk-intake> sent the answers to the clinic.
import { FrontdeskEvent } from './frontdesk-event.js'

/** The answers were sent: the response's id, never an answer. */
export class FrontdeskIntakeSubmittedEvent extends FrontdeskEvent<{ responseId: string }> {
  constructor(detail: FrontdeskIntakeSubmittedEvent['detail']) {
    super('frontdesk-intake-submitted', detail)
  }
}

declare global {
  interface HTMLElementEventMap {
    'frontdesk-intake-submitted': FrontdeskIntakeSubmittedEvent
  }
}
