// FORBIDDEN or ORIGIN_NOT_ALLOWED (403): a valid key or token that may not do this, or from this origin.
import { FrontdeskError } from './frontdesk-error.js'

export class PermissionError extends FrontdeskError {
  override name = 'PermissionError' as const
  declare readonly code: 'FORBIDDEN' | 'ORIGIN_NOT_ALLOWED'
}
