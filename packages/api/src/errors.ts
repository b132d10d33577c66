// ApiError carries a stable contracts code; the app's onError turns it into the one error shape.
import { type ErrorBody, type ErrorCode, errorCodes, type FieldIssue } from '@frontdesk/contracts'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'

export class ApiError extends HTTPException {
  readonly code: ErrorCode
  readonly issues: FieldIssue[] | undefined
  readonly reason: string | undefined
  readonly headers: Record<string, string> | undefined

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: FieldIssue[]; reason?: string; headers?: Record<string, string> } = {},
  ) {
    super(errorCodes[code] as ContentfulStatusCode, { message })
    this.code = code
    this.issues = options.issues
    this.reason = options.reason
    this.headers = options.headers
  }
}

/** The one error shape, as every error answer carries it. */
export function errorBody(error: ApiError, requestId: string): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      requestId,
      ...(error.issues && { issues: error.issues }),
      ...(error.reason && { reason: error.reason }),
    },
  }
}

export function notFound(what: string): ApiError {
  return new ApiError('NOT_FOUND', `No such ${what}`)
}

/** Zod issues as field paths and messages; the rejected values themselves are never echoed. */
export function validationError(error: z.ZodError): ApiError {
  const issues = error.issues.flatMap((issue) => {
    const path = issue.path.map(String)
    // An unknown field is reported at its parent by zod; name the field itself.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'Unknown field' }))
    }
    return [{ path: path.join('.'), message: issue.message }]
  })
  const first = issues[0]
  const message = first ? `${first.path || 'request'}: ${first.message}` : 'The request is not valid'
  return new ApiError('VALIDATION_FAILED', message, { issues })
}
