// UNAUTHENTICATED (401): no key or token, or one that is unknown, revoked or expired.
import { FrontdeskError } from './frontdesk-error.js'

export class AuthenticationError extends FrontdeskError {
  override name = 'AuthenticationError' as const
  declare readonly code: 'UNAUTHENTICATED'
}
