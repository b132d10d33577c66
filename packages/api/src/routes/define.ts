// Declares a route from its row of the endpoint table (@frontdesk/contracts/endpoints): who may call it,
// what it takes and answers, and the errors it can give all come from the table, so the server, the spec,
// the SDK and the mocks cannot drift apart.

import {
  BODY_LIMITS,
  bodyKindOf,
  colonPath,
  type Endpoint,
  ErrorBody,
  type ErrorCode,
  errorCodes,
  type PrincipalKind,
} from '@frontdesk/contracts'
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import type { Context, Handler, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'
import { compression } from '../middleware/compression/index.js'
import { allow } from '../middleware/principal/index.js'

/** The OpenAPI security scheme each principal is written as (defined in routes/docs.ts). */
export const securityScheme: Record<PrincipalKind, string> = {
  publishable: 'publishableKey',
  secret: 'secretKey',
  visit: 'visitToken',
  manage: 'manageToken',
  resume: 'resumeToken',
  receipt: 'receiptToken',
  staff: 'staffSession',
}

export const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
})

/** Errors every route with a principal can answer, whatever it does. */
const SHARED_ERRORS: readonly ErrorCode[] = [
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'ORIGIN_NOT_ALLOWED',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'RATE_LIMITED',
]
/** What a public route can answer: no principal, so no 401 or 403. */
const PUBLIC_ERRORS: readonly ErrorCode[] = ['BAD_REQUEST', 'NOT_FOUND', 'VALIDATION_FAILED', 'RATE_LIMITED']

const ERROR_TITLES: Partial<Record<number, string>> = {
  400: 'Malformed request',
  401: 'No valid key or token',
  403: 'This key or token may not do this, or the origin is not allowed',
  404: 'No such object in this clinic',
  413: 'The body is larger than this operation takes (`x-frontdesk-body-limit` bytes)',
  422: 'A field is not valid; `issues` names it',
  429: 'Too many requests; `Retry-After` says when to try again',
}

/** The error answers of one operation, by status, each naming the codes it may carry. */
export function errorResponses(entry: Pick<Endpoint, 'principals' | 'errors' | 'request'>) {
  const codes = [
    ...(entry.principals.length ? SHARED_ERRORS : PUBLIC_ERRORS),
    // Any body may be larger than its kind allows (middleware/body-limits).
    ...(entry.request?.body ? (['PAYLOAD_TOO_LARGE'] as const) : []),
    ...(entry.errors ?? []),
  ]
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of codes) {
    const status = errorCodes[code]
    byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), code])])
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => {
      const title = ERROR_TITLES[status]
      const named = list.map((code) => `\`${code}\``).join(', ')
      return [status, error(title ? `${title} (${named})` : named)]
    }),
  ) as Record<number, ReturnType<typeof error>>
}

/**
 * The Hono route for one table entry. Routes a secret key or staff alone may call that change something
 * are the ones that can change the clinic's settings, keys or catalogue: the principal middleware then
 * drops what this process remembers about the clinic.
 */
export function route<const E extends Endpoint>(entry: E) {
  const { principals, permission } = entry
  const middleware: MiddlewareHandler<AppEnv>[] = []
  if (principals.length) middleware.push(allow([...principals], permission))
  // An allowlist: only answers the table marks, which carry no secret an attacker's input could sit beside.
  if (entry.compressed) middleware.push(compressAnswer)
  const clinicWrite =
    principals.length > 0 &&
    entry.method !== 'get' &&
    principals.every((kind) => kind === 'secret' || kind === 'staff')
  if (clinicWrite) middleware.push(markClinicChanged)
  return createRoute({
    operationId: entry.operationId,
    method: entry.method,
    path: entry.path as E['path'],
    tags: [...entry.tags],
    summary: entry.summary,
    ...(entry.description && { description: entry.description }),
    ...(entry.permission && { 'x-frontdesk-permission': entry.permission }),
    ...(entry.sdk && { 'x-frontdesk-sdk': entry.sdk }),
    ...(entry.request?.body && { 'x-frontdesk-body-limit': BODY_LIMITS[bodyKindOf(entry)] }),
    ...(entry.compressed && { 'x-frontdesk-compressed': true }),
    middleware: middleware as [MiddlewareHandler<AppEnv>],
    security: security(entry),
    request: entry.request as E['request'] & {},
    // Typed as the entry's own answers: handlers return those; errors are thrown and shaped by onError.
    responses: { ...errorResponses(entry), ...entry.responses } as E['responses'],
  })
}

const compressAnswer = compression()

const markClinicChanged: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('clinicChanged', true)
  await next()
}

/** How the spec says a caller proves itself: its principals, or for a public route what signs it. */
function security(entry: Endpoint) {
  if (entry.principals.length) return entry.principals.map((kind) => ({ [securityScheme[kind]]: [] }))
  if (entry.signedBy) return [{ [entry.signedBy === 'twilio' ? 'twilioSignature' : entry.signedBy]: [] }]
  return []
}

/**
 * A public route whose handler reads the raw request itself (a provider's signed form, a download token,
 * a page or a script): the table documents it in the spec, and nothing is validated before the handler
 * has checked what proves the caller.
 */
export function serve(app: OpenAPIHono<AppEnv>, entry: Endpoint, handler: Handler<AppEnv>) {
  if (entry.principals.length)
    throw new Error(`${entry.operationId}: only a public route is served without the principal check`)
  const { middleware: _, ...documented } = route(entry)
  app.openAPIRegistry.registerPath(documented)
  if (entry.compressed) app.on(entry.method.toUpperCase(), colonPath(entry.path), compressAnswer, handler)
  else app.on(entry.method.toUpperCase(), colonPath(entry.path), handler)
}

/** The body of a write's outcome; an idempotent replay of an earlier answer says so in Idempotent-Replayed. */
export function bodyOf<T>(c: Context<AppEnv>, outcome: { body: T; replayed?: boolean }): T {
  if (outcome.replayed) c.header('Idempotent-Replayed', 'true')
  return outcome.body
}
