// frontdesk-intake-step: <frontdesk-intake> moved to another step of the form.
import { FrontdeskEvent } from './frontdesk-event.js'

/** A step of the form opened: the group's id, or for a run of loose questions the first question's. */
export class FrontdeskIntakeStepEvent extends FrontdeskEvent<{ step: string }> {
  constructor(detail: FrontdeskIntakeStepEvent['detail']) {
    super('frontdesk-intake-step', detail)
  }
}

declare global {
  interface HTMLElementEventMap {
    'frontdesk-intake-step': FrontdeskIntakeStepEvent
  }
}
