// NOT_FOUND (404): no such object in this clinic, or one this key or token may not see.
import { FrontdeskError } from './frontdesk-error.js'

export class NotFoundError extends FrontdeskError {
  override name = 'NotFoundError' as const
  declare readonly code: 'NOT_FOUND'
}
