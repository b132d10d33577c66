// better-auth's refusals in the one error shape. It answers `{ code, message }`; the staff console and
// everyone else get `{ error: { code, message, requestId, reason } }` like every other answer: the code is
// ours, by status, and better-auth's own (INVALID_EMAIL_OR_PASSWORD, INVALID_TOKEN, …) stays as `reason`,
// which is how the console tells a wrong password from an expired link. Its headers (cookies) are kept.
import type { ErrorCode } from '@frontdesk/contracts'
import { ApiError, errorBody } from '../errors.js'
import type { Logger } from '../logger.js'

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
}

/** A better-auth answer, unchanged when it is not an error, else in the one shape with the request's id. */
export async function inOneShape(response: Response, requestId: string, logger: Logger): Promise<Response> {
  if (response.status < 400) return response
  const said = await refusalOf(response)
  let error: ApiError
  if (response.status >= 500) {
    // Its message may quote what it failed on; the log keeps its code, the answer says only ours.
    logger.error('staff auth error', { requestId, status: response.status, reason: said.code ?? null })
    error = new ApiError('INTERNAL', 'Something went wrong on our side; the request id helps us find it')
  } else {
    // A status with no code of its own (better-auth's 409, 417) is a request to change, as 400.
    const code = CODE_BY_STATUS[response.status] ?? 'BAD_REQUEST'
    error = new ApiError(code, said.message || response.statusText || 'The request was refused', {
      ...(said.code && { reason: said.code }),
    })
  }
  const headers = new Headers(response.headers)
  headers.delete('Content-Length')
  headers.set('Content-Type', 'application/json')
  return new Response(JSON.stringify(errorBody(error, requestId)), { status: error.status, headers })
}

async function refusalOf(response: Response): Promise<{ code?: string; message?: string }> {
  const text = await response.text()
  try {
    const parsed = JSON.parse(text) as { code?: unknown; message?: unknown } | null
    return {
      ...(typeof parsed?.code === 'string' && parsed.code && { code: parsed.code }),
      ...(typeof parsed?.message === 'string' && parsed.message && { message: parsed.message }),
    }
  } catch {
    return {}
  }
}
