// frontdesk-step: <frontdesk-booking> moved to another step.
import type { StepName } from '../i18n/index.js'
import { FrontdeskEvent } from './frontdesk-event.js'

/** A booking step opened: `service`, `practitioner`, `time`, `details` or `confirmation`. */
export class FrontdeskStepEvent extends FrontdeskEvent<{ step: StepName }> {
  constructor(detail: FrontdeskStepEvent['detail']) {
    super('frontdesk-step', detail)
  }
}

declare global {
  interface HTMLElementEventMap {
    'frontdesk-step': FrontdeskStepEvent
  }
}
