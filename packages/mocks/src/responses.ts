// The API's one error shape and its validation answers, so the mocks fail exactly the way the API does.
import { type ErrorBody, type ErrorCode, errorCodes, type FieldIssue } from '@frontdesk/contracts'
import { HttpResponse } from 'msw'
import type * as z from 'zod'

/** Thrown inside a handler; the route turns it into the error body with the code's status. */
export class MockApiError extends Error {
  override name = 'MockApiError'
  readonly code: ErrorCode
  readonly issues: FieldIssue[] | undefined

  constructor(code: ErrorCode, message: string, issues?: FieldIssue[]) {
    super(message)
    this.code = code
    this.issues = issues
  }
}

export const notFound = (what: string) => new MockApiError('NOT_FOUND', `No such ${what}`)

export function errorResponse(error: MockApiError, requestId: string): Response {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      requestId,
      ...(error.issues ? { issues: error.issues } : {}),
    },
  }
  return HttpResponse.json(body, { status: errorCodes[error.code], headers: { 'X-Request-Id': requestId } })
}

/** Like the API: each issue as a dotted path and a message, and the first one in the message. */
export function validationError(error: z.ZodError): MockApiError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }))
  const first = issues[0]
  const message = first ? `${first.path || 'request'}: ${first.message}` : 'The request is not valid'
  return new MockApiError('VALIDATION_FAILED', message, issues)
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw validationError(result.error)
  return result.data
}

export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text()
  try {
    return JSON.parse(text)
  } catch {
    throw new MockApiError('BAD_REQUEST', 'Malformed JSON in request body')
  }
}
