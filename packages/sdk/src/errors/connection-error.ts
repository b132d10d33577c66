// CONNECTION_FAILED: no answer arrived (network down, timeout, DNS, or a browser blocking the request).
import { FrontdeskError } from './frontdesk-error.js'

export class ConnectionError extends FrontdeskError {
  override name = 'ConnectionError' as const
  declare readonly code: 'CONNECTION_FAILED'
}
