// VALIDATION_FAILED (422): the API refused the input; `issues` names each field at fault.
import { FrontdeskError } from './frontdesk-error.js'

export class ValidationError extends FrontdeskError {
  override name = 'ValidationError' as const
  declare readonly code: 'VALIDATION_FAILED'
}
