// frontdesk-consent-recorded: <frontdesk-consent> recorded a decision for every document.
import { FrontdeskEvent } from './frontdesk-event.js'

/** Every document's decision is recorded: the records' ids in the order of `documents`, never the evidence. */
export class FrontdeskConsentRecordedEvent extends FrontdeskEvent<{ recordIds: string[] }> {
  constructor(detail: FrontdeskConsentRecordedEvent['detail']) {
    super('frontdesk-consent-recorded', detail)
  }
}

declare global {
  interface HTMLElementEventMap {
    'frontdesk-consent-recorded': FrontdeskConsentRecordedEvent
  }
}
