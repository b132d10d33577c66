// HOLD_EXPIRED (410): the hold ran out or was released; pick the time again (holds.move renews it if still free).
import { FrontdeskError } from './frontdesk-error.js'

export class HoldExpiredError extends FrontdeskError {
  override name = 'HoldExpiredError' as const
  declare readonly code: 'HOLD_EXPIRED'
}
