// frontdesk-rights-request-sent: <frontdesk-rights-request> handed the patient's request to the clinic.
import type { RightsRequestKind } from '@frontdesk/contracts'
import { FrontdeskEvent } from './frontdesk-event.js'

/** The code was confirmed and the request is with the clinic: never the contact, date of birth or details. */
export class FrontdeskRightsRequestSentEvent extends FrontdeskEvent<{
  requestId: string
  kind: RightsRequestKind
}> {
  constructor(detail: FrontdeskRightsRequestSentEvent['detail']) {
    super('frontdesk-rights-request-sent', detail)
  }
}

declare global {
  interface HTMLElementEventMap {
    'frontdesk-rights-request-sent': FrontdeskRightsRequestSentEvent
  }
}
