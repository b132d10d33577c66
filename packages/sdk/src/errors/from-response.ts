// Turns an API error response into the matching FrontdeskError, whether or not it carries the error body.
import { FieldIssue } from '@frontdesk/contracts'
import * as z from 'zod'
import { retryAfterSeconds } from '../utils/retry-after.js'
import { createFrontdeskError } from './error-classes.js'
import type { FrontdeskError, FrontdeskErrorCode } from './frontdesk-error.js'

// Looser than the contracts' ErrorBody on purpose: a code newer than this SDK must not hide the message.
const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    issues: z.array(FieldIssue).optional(),
  }),
})

// For answers without the error body (a proxy's 502 page, say): only what the status alone makes true.
function codeForStatus(status: number): FrontdeskErrorCode {
  if (status >= 500) return 'INTERNAL'
  const known: Record<number, FrontdeskErrorCode> = {
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    429: 'RATE_LIMITED',
  }
  return known[status] ?? 'INVALID_RESPONSE'
}

export async function errorFromResponse(response: Response): Promise<FrontdeskError> {
  const status = response.status
  const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'))
  const headerRequestId = response.headers.get('X-Request-Id')
  const text = await response.text().catch(() => '')
  let json: unknown = null
  try {
    json = JSON.parse(text)
  } catch {}
  const parsed = ErrorBody.safeParse(json)
  if (parsed.success) {
    const { code, message, requestId, issues } = parsed.data.error
    return createFrontdeskError(message, { code, status, requestId, issues, retryAfter })
  }
  return createFrontdeskError(`The Frontdesk API answered ${status} ${response.statusText}`.trim(), {
    code: codeForStatus(status),
    status,
    requestId: headerRequestId,
    retryAfter,
  })
}
