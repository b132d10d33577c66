// The one way a request leaves the SDK: auth, an Idempotency-Key per POST, safe retries, parsed answers, typed errors.
import ky, { isHTTPError, isTimeoutError, type RetryOptions } from 'ky'
import type * as z from 'zod'
import { ConnectionError } from '../errors/connection-error.js'
import { errorFromResponse } from '../errors/from-response.js'
import { FrontdeskError } from '../errors/frontdesk-error.js'
import type { RequestOptions } from '../types/options.js'
import { newIdempotencyKey } from '../utils/idempotency-key.js'
import { retryAfterSeconds } from '../utils/retry-after.js'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

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

export interface Call {
  method: HttpMethod
  /** Relative to `/v1/`, without a leading slash; ids already encoded (see `segment`). */
  path: string
  query?: Record<string, string | number | boolean | undefined> | undefined
  body?: unknown
  /** A body sent as it is (a file), with its own Content-Type, instead of `body` as JSON. */
  raw?: Blob | undefined
  options?: RequestOptions | undefined
}

export interface Transport {
  /** Sends the call and answers its body, parsed by `schema`. */
  send<S extends z.ZodType>(schema: S, call: Call): Promise<z.output<S>>
  /** Sends a call whose success has no body (204). */
  sendEmpty(call: Call): Promise<void>
  /** Sends the call and answers its body as bytes, with the type the server gave them. */
  sendForBlob(call: Call): Promise<Blob>
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

  async function request(call: Call): Promise<Response> {
    const headers: Record<string, string> = {}
    const bearer = bearerFor(token, call.options)
    if (bearer !== undefined) headers.Authorization = `Bearer ${bearer}`
    // Made once per call, before ky's first attempt, so every retry of this call carries the same key.
    if (call.method === 'post') {
      headers['Idempotency-Key'] = call.options?.idempotencyKey ?? newIdempotencyKey()
    }
    try {
      return await api(call.path, {
        method: call.method,
        headers,
        ...(call.body !== undefined && { json: call.body }),
        ...(call.raw !== undefined && {
          body: call.raw,
          headers: { ...headers, 'Content-Type': call.raw.type || 'application/octet-stream' },
        }),
        ...(call.query && { searchParams: definedEntries(call.query) }),
        ...(call.options?.signal && { signal: call.options.signal }),
      })
    } catch (error) {
      throw await toFrontdeskError(error, call, origin)
    }
  }

  return {
    async send(schema, call) {
      const response = await request(call)
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
    },
    async sendEmpty(call) {
      const response = await request(call)
      await response.body?.cancel()
    },
    async sendForBlob(call) {
      const response = await request(call)
      const type = response.headers.get('Content-Type') ?? 'application/octet-stream'
      return new Blob([await response.arrayBuffer()], { type })
    },
  }
}

/** `https://api.clinic.example` and `https://api.clinic.example/v1` both become `…/v1/`. */
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
  const path = url.pathname.replace(/\/+$/, '')
  url.pathname = path.endsWith('/v1') ? `${path}/` : `${path}/v1/`
  url.search = ''
  url.hash = ''
  return url.toString()
}

/** An id as one path segment: an id pasted with a slash or `?` in it cannot reach another route. */
export function segment(id: string): string {
  return encodeURIComponent(id)
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

async function toFrontdeskError(error: unknown, call: Call, origin: string | undefined): Promise<unknown> {
  // The caller's own abort stays the AbortError they expect.
  if (call.options?.signal?.aborted) return error
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

function definedEntries(query: NonNullable<Call['query']>): Record<string, string> {
  const entries: Record<string, string> = {}
  for (const [name, value] of Object.entries(query)) if (value !== undefined) entries[name] = String(value)
  return entries
}
