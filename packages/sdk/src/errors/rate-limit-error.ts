// RATE_LIMITED (429), after the SDK's own retries: `retryAfter` says how many seconds the API asked to wait.
import { FrontdeskError, type FrontdeskErrorInit } from './frontdesk-error.js'

export class RateLimitError extends FrontdeskError {
  override name = 'RateLimitError' as const
  declare readonly code: 'RATE_LIMITED'
  readonly retryAfter: number | null

  constructor(message: string, init: FrontdeskErrorInit) {
    super(message, init)
    this.retryAfter = init.retryAfter ?? null
  }
}
