// The one way a request leaves the SDK: a row of the endpoint table, auth, an Idempotency-Key per POST, safe
// retries, answers parsed by the row's schema, typed errors.
import { type Endpoint, fillPath, type ResponseConfig } from '@frontdesk/contracts'
import ky, { isHTTPError, isTimeoutError, type RetryOptions } from 'ky'
import type * as z from 'zod'
import { ConnectionError } from '../errors/connection-error.js'
import { errorFromResponse } from '../errors/from-response.js'
import { FrontdeskError } from '../errors/frontdesk-error.js'
import type { RequestOptions } from '../types/options.js'
import { newIdempotencyKey } from '../utils/idempotency-key.js'
import { retryAfterSeconds } from '../utils/retry-after.js'
import type { CallInput, CallResult, Narrowed } from './call.js'

export interface TransportOptions {
  baseUrl: string
  /**
   * The client's key; a call's visit or manage token takes its place. Left out (the staff console), a call
   * without a token sends no Authorization header and relies on the session cookie `credentials` lets through.
   */
  token?: string | undefined
  /** fetch's `credentials`; `'include'` sends the staff session cookie. ky's default (`same-origin`) otherwise. */
  credentials?: RequestCredentials | undefined
  fetch?: typeof globalThis.fetch | undefined
  origin?: string | undefined
  maxRetries?: number | undefined
  timeout?: number | undefined
}

export interface Transport {
  /**
   * Calls one operation of the endpoint table: its method, its path with `params` filled in, and its
   * success answer parsed by the entry's schema, or by `schema` where the table leaves the answer open
   * (a FHIR resource) or names several shapes (a booking with or without its patient).
   */
  call<E extends Endpoint, S extends z.ZodType<Narrowed<E>>>(
    entry: E,
    input: CallInput<E> & { schema: S },
  ): Promise<z.output<S>>
  call<E extends Endpoint>(entry: E, input: CallInput<E>): Promise<CallResult<E>>
}

/** What `call` reads of its input at run time; the overloads above are what callers are held to. */
interface LooseInput {
  params?: Record<string, unknown> | undefined
  query?: Record<string, unknown> | undefined
  body?: unknown
  raw?: Blob | undefined
  options?: RequestOptions | undefined
  schema?: z.ZodType | undefined
}

/** A server's Retry-After beyond this is the caller's decision, not a wait to hide inside a call. */
const MAX_RETRY_AFTER_SECONDS = 60

export function createTransport(options: TransportOptions): Transport {
  const { token, credentials, fetch, origin, maxRetries = 2, timeout = 10_000 } = options
  const api = ky.create({
    prefixUrl: apiRoot(options.baseUrl),
    timeout,
    retry: retryPolicy(maxRetries),
    headers: { Accept: 'application/json', ...(origin && { Origin: origin }) },
    ...(credentials && { credentials }),
    ...(fetch && { fetch }),
  })

  async function request(entry: Endpoint, input: LooseInput): Promise<Response> {
    const { options } = input
    const headers: Record<string, string> = {}
    const bearer = bearerFor(token, options)
    if (bearer !== undefined) headers.Authorization = `Bearer ${bearer}`
    // Made once per call, before ky's first attempt, so every retry of this call carries the same key.
    if (entry.method === 'post') headers['Idempotency-Key'] = options?.idempotencyKey ?? newIdempotencyKey()
    if (input.raw !== undefined) headers['Content-Type'] = input.raw.type || 'application/octet-stream'
    const path = fillPath(entry.path, input.params as Record<string, string | number> | undefined)
    try {
      // Relative to the API root, as ky's prefixUrl wants it: `/v1/holds/{id}` → `v1/holds/hold_…`.
      return await api(path.replace(/^\//, ''), {
        method: entry.method,
        headers,
        ...(input.body !== undefined && { json: input.body }),
        ...(input.raw !== undefined && { body: input.raw }),
        ...(input.query && { searchParams: definedEntries(input.query) }),
        ...(options?.signal && { signal: options.signal }),
      })
    } catch (error) {
      throw await toFrontdeskError(error, options, origin)
    }
  }

  async function call(entry: Endpoint, input: LooseInput): Promise<unknown> {
    const response = await request(entry, input)
    const answer = successAnswer(entry)
    if (!answer?.content) {
      await response.body?.cancel()
      return undefined
    }
    const json = answer.content['application/json']
    if (!json) {
      const type = response.headers.get('Content-Type') ?? 'application/octet-stream'
      return new Blob([await response.arrayBuffer()], { type })
    }
    return parseAnswer(response, input.schema ?? (json.schema as z.ZodType))
  }

  return { call: call as Transport['call'] }
}

/** The entry's answer when it succeeds: every operation has one, the first 2xx it declares. */
function successAnswer(entry: Endpoint): ResponseConfig | undefined {
  const status = Object.keys(entry.responses)
    .map(Number)
    .find((code) => code >= 200 && code < 300)
  return status === undefined ? undefined : entry.responses[status]
}

async function parseAnswer(response: Response, schema: z.ZodType): Promise<unknown> {
  const requestId = response.headers.get('X-Request-Id')
  let body: unknown
  try {
    body = await response.json()
  } catch (cause) {
    throw invalidResponse('The Frontdesk API answered with something that is not JSON', response, cause)
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the answer'
    throw new FrontdeskError(
      `The Frontdesk API's answer does not match this SDK (at ${where}); is @frontdesk/sdk up to date?`,
      { code: 'INVALID_RESPONSE', status: response.status, requestId, cause: parsed.error },
    )
  }
  return parsed.data
}

/**
 * `https://api.clinic.example` and `https://api.clinic.example/v1` both become `https://api.clinic.example/`:
 * the table's paths start with `/v1/` themselves.
 */
export function apiRoot(baseUrl: string): string {
  const page = (globalThis as { location?: { href?: string } }).location?.href
  let url: URL
  try {
    url = new URL(baseUrl, page)
  } catch {
    throw new TypeError(
      `baseUrl must be an absolute URL such as https://api.clinic.example, not "${baseUrl}"`,
    )
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}/`
  url.search = ''
  url.hash = ''
  return url.toString()
}

function bearerFor(token: string | undefined, options: RequestOptions | undefined): string | undefined {
  const { visitToken, manageToken, resumeToken, receiptToken } = options ?? {}
  if ([visitToken, manageToken, resumeToken, receiptToken].filter(Boolean).length > 1) {
    throw new TypeError(
      'Pass one of visitToken, manageToken, resumeToken or receiptToken, not several: each acts as a different principal',
    )
  }
  return receiptToken ?? resumeToken ?? manageToken ?? visitToken ?? token
}

function retryPolicy(limit: number): RetryOptions {
  return {
    limit,
    // POST too, which ky leaves out by default: every POST carries an Idempotency-Key, so a retry after a
    // lost answer replays the first result instead of booking twice. PATCH bodies set fields absolutely.
    methods: ['get', 'put', 'post', 'patch', 'delete'],
    statusCodes: [408, 429, 500, 502, 503, 504],
    afterStatusCodes: [408, 429, 503],
    retryOnTimeout: true,
    jitter: true,
    shouldRetry({ error }) {
      if (error.name === 'AbortError') return false
      if (isHTTPError(error)) {
        const wait = retryAfterSeconds(error.response.headers.get('Retry-After'))
        if (wait !== null && wait > MAX_RETRY_AFTER_SECONDS) return false
      }
      return undefined
    },
  }
}

async function toFrontdeskError(
  error: unknown,
  options: RequestOptions | undefined,
  origin: string | undefined,
): Promise<unknown> {
  // The caller's own abort stays the AbortError they expect.
  if (options?.signal?.aborted) return error
  if (isHTTPError(error)) {
    const mapped = await errorFromResponse(error.response)
    if (mapped.code === 'ORIGIN_NOT_ALLOWED' && !origin && typeof document === 'undefined') {
      mapped.message += '. Outside a browser, pass `origin` to createFrontdesk()'
    }
    return mapped
  }
  if (isTimeoutError(error)) {
    return new ConnectionError('The Frontdesk API did not answer in time', {
      code: 'CONNECTION_FAILED',
      status: 0,
      requestId: null,
      cause: error,
    })
  }
  // fetch rejects with a TypeError when no response arrives: offline, DNS, refused, or blocked by CORS.
  if (error instanceof TypeError) {
    return new ConnectionError(
      `Could not reach the Frontdesk API (${error.message}); check the network and baseUrl, and in a browser that this page's origin is allowed`,
      { code: 'CONNECTION_FAILED', status: 0, requestId: null, cause: error },
    )
  }
  return error
}

function invalidResponse(message: string, response: Response, cause: unknown): FrontdeskError {
  return new FrontdeskError(message, {
    code: 'INVALID_RESPONSE',
    status: response.status,
    requestId: response.headers.get('X-Request-Id'),
    cause,
  })
}

function definedEntries(query: Record<string, unknown>): Record<string, string> {
  const entries: Record<string, string> = {}
  for (const [name, value] of Object.entries(query)) if (value !== undefined) entries[name] = String(value)
  return entries
}
