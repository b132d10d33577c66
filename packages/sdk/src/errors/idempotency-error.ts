// IDEMPOTENCY_KEY_REUSED (422): this Idempotency-Key already went with a different request.
import { FrontdeskError } from './frontdesk-error.js'

export class IdempotencyError extends FrontdeskError {
  override name = 'IdempotencyError' as const
  declare readonly code: 'IDEMPOTENCY_KEY_REUSED'
}
