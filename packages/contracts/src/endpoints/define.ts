// The shape of one row of the endpoint table: everything the API, the spec, the SDK and the mocks know of an operation.
import type * as z from 'zod'
import type { ErrorCode } from '../errors.js'
import type { Permission } from '../staff/index.js'
import type { BodyKind } from './body-limits.js'

/** Who makes a request: one kind per request, resolved by the API's principal middleware. */
export const PRINCIPAL_KINDS = [
  'publishable',
  'secret',
  'visit',
  'manage',
  'resume',
  'receipt',
  'staff',
] as const
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number]

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** A body or answer by media type, as OpenAPI writes it; the schema is zod or, for bytes, a plain schema object. */
export type Content = Record<string, { schema: z.ZodType | Record<string, unknown>; example?: unknown }>

export interface BodyConfig {
  description?: string
  required?: boolean
  content: Content
}

export interface ResponseConfig {
  description: string
  headers?: Record<string, { description?: string; schema: Record<string, unknown> }>
  content?: Content
}

export interface RequestConfig {
  params?: z.ZodObject
  query?: z.ZodObject
  headers?: z.ZodObject
  body?: BodyConfig
}

/**
 * Who may call an operation. `principals: []` is a public route (health, the widgets' script, patient
 * pages whose token travels in the fragment, provider webhooks signed by the provider).
 */
export interface Access {
  principals: readonly PrincipalKind[]
  /** What a staff role must hold; required when a secret key may call the operation. */
  permission?: Permission
  /** For a public route: what proves the caller instead of a key (written into the spec). */
  signedBy?: 'twilio' | 'downloadToken' | 'unsubscribeToken'
}

export interface EndpointInput extends Access {
  method: HttpMethod
  /** The full path as OpenAPI writes it, parameters in braces: `/v1/bookings/{id}/cancel`. */
  path: string
  tags: readonly string[]
  summary: string
  description?: string
  request?: RequestConfig
  /**
   * How big a body may be (see BODY_LIMITS): `document` for consent texts, intake forms and answers and
   * drawn signatures. Left out, a body of bytes is an `upload` and any other body is `small`.
   */
  bodyKind?: BodyKind
  /** The answers that are not errors, by status. */
  responses: Record<number, ResponseConfig>
  /** The error codes this operation can answer beyond the ones every operation shares. */
  errors?: readonly ErrorCode[]
  /** Left out of the SDK on purpose, with the reason (a page for a browser, a provider's webhook). */
  sdk?: { excluded: string }
  /**
   * The answer is gzip- or brotli-compressed when the client accepts it (and it is over 1 KiB). Only for
   * answers that carry no secret and no patient data: compressing a secret next to input an attacker can
   * reflect leaks it through the compressed size (BREACH), so this is an allowlist, never a default.
   */
  compressed?: true
  /** Left out of `/openapi.json`'s generators' view (still listed): the reason. */
  hidden?: string
}

export interface Endpoint extends EndpointInput {
  operationId: string
}

/**
 * Names each operation by its key. A route a secret key may call may be called by staff too, as far as
 * their role holds `permission`: the table says so explicitly, so readers see what the server checks.
 */
export function defineEndpoints<const T extends Record<string, EndpointInput>>(
  table: T,
): { [K in keyof T]: T[K] & { operationId: K } } {
  const named: Record<string, Endpoint> = {}
  for (const [operationId, input] of Object.entries(table)) {
    const admin = input.principals.includes('secret')
    if (admin && !input.permission)
      throw new Error(`${operationId}: an operation a secret key may call must name a permission`)
    const principals: PrincipalKind[] =
      admin && !input.principals.includes('staff') ? [...input.principals, 'staff'] : [...input.principals]
    named[operationId] = { ...input, principals, operationId }
  }
  return named as { [K in keyof T]: T[K] & { operationId: K } }
}

export const json = <const S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

/** A JSON body; `example` is what the spec shows (and Redocly checks against the schema). */
export const jsonBody = <const S extends z.ZodType>(schema: S, example?: z.input<S>) => ({
  required: true,
  content: { 'application/json': { schema, ...(example !== undefined && { example }) } },
})

export const noContent = (description: string) => ({ description })

/** Bytes of any type: a file, a signature image, an export. */
export const bytes = (description: string, mediaType = 'application/octet-stream') => ({
  description,
  content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } },
})

export const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
})

// What the SDK and other typed callers read off an entry.
type JsonSchemaOf<C> = C extends { content: { 'application/json': { schema: infer S } } }
  ? S extends z.ZodType
    ? S
    : never
  : never

type SuccessStatus = 200 | 201 | 202 | 204

/** The first successful answer's JSON body. */
export type EndpointResult<E extends EndpointInput> = {
  [S in SuccessStatus]: S extends keyof E['responses'] ? z.output<JsonSchemaOf<E['responses'][S]>> : never
}[SuccessStatus]

/** The JSON body as a caller writes it (defaults optional). */
export type EndpointBody<E extends EndpointInput> = E['request'] extends { body: infer B }
  ? z.input<JsonSchemaOf<B>>
  : never

export type EndpointQuery<E extends EndpointInput> = E['request'] extends { query: infer Q extends z.ZodType }
  ? z.input<Q>
  : never

export type EndpointParams<E extends EndpointInput> = E['request'] extends {
  params: infer P extends z.ZodType
}
  ? z.input<P>
  : never

/** `/v1/bookings/{id}` → `/v1/bookings/:id`: the path as Hono and msw match it. */
export const colonPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1')

/** Fills `{name}` placeholders with encoded values: the one way a client turns an entry into a URL path. */
export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined || value === '') throw new TypeError(`Missing path parameter "${name}"`)
    return encodeURIComponent(String(value))
  })
}
