// The SDK's one base error: every failed call rejects with one, carrying the API's code, status and request id.
import type { ErrorCode, FieldIssue } from '@frontdesk/contracts'

/**
 * The API's stable codes, plus two of the SDK's own: `CONNECTION_FAILED` when no answer arrived and
 * `INVALID_RESPONSE` when the answer was not what the contracts describe. A newer API may send a code
 * this SDK does not know yet; it arrives unchanged.
 */
export type FrontdeskErrorCode = ErrorCode | 'CONNECTION_FAILED' | 'INVALID_RESPONSE' | (string & {})

export interface FrontdeskErrorInit {
  code: FrontdeskErrorCode
  /** The HTTP status; 0 when no response arrived. */
  status: number
  /** Quote it to the clinic's support: it finds the request in the API's logs. */
  requestId: string | null
  issues?: FieldIssue[] | undefined
  /** Seconds the API asked to wait before trying again (Retry-After), if it said. */
  retryAfter?: number | null | undefined
  cause?: unknown
}

export class FrontdeskError extends Error {
  override name: string = 'FrontdeskError'
  readonly code: FrontdeskErrorCode
  readonly status: number
  readonly requestId: string | null
  /** The fields at fault, as dotted paths such as `patient.email`; empty unless the input was refused. */
  readonly issues: FieldIssue[]

  constructor(message: string, init: FrontdeskErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause })
    this.code = init.code
    this.status = init.status
    this.requestId = init.requestId
    this.issues = init.issues ?? []
  }
}
