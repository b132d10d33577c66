// Limits every request body before it is read in full, for every route and better-auth's /api/auth/*
// alike: its size by the kind of body its route takes (BODY_LIMITS in the contracts' endpoint table), a
// 413 on Content-Length alone or as soon as a streamed body passes the limit; and the nesting of JSON,
// a 400 before anything parses it. A refused request reaches no route, so nothing is written.
import { BODY_KINDS, BODY_LIMITS, type BodyKind, MAX_JSON_DEPTH } from '@frontdesk/contracts'
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../../env.js'
import { ApiError } from '../../errors.js'
import { bodyKinds, plainTextBodies } from '../../routes/endpoint-table.js'
import { nestsDeeperThan } from './json-depth.js'

export interface BodyLimitsOptions {
  /** Bytes per kind of body; the contracts' BODY_LIMITS unless told. */
  limits?: Readonly<Record<BodyKind, number>>
  /** How many arrays and objects a JSON body may nest. */
  maxDepth?: number
  /** The kind of body a request's route takes; the endpoint table's unless told. */
  kindOf?: (method: string, path: string) => BodyKind
  /** Whether a request's route takes plain text; the endpoint table's unless told. */
  takesText?: (method: string, path: string) => boolean
}

/** Bodies that are not JSON and never parsed as JSON: a provider's form, a file. */
const NOT_JSON = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i
/**
 * Plain text, on the rows that take it alone (a page's beacon sends the visit token to POST
 * /v1/holds/{id}/release so): elsewhere a text/plain body may still be parsed as JSON (better-auth does).
 */
const PLAIN_TEXT = /^text\/plain\b/i

export function bodyLimits(options: BodyLimitsOptions = {}): MiddlewareHandler<AppEnv> {
  const {
    limits = BODY_LIMITS,
    maxDepth = MAX_JSON_DEPTH,
    kindOf = bodyKinds(),
    takesText = plainTextBodies(),
  } = options
  // Hono's limiter trusts Content-Length (Node stops a body there) and otherwise counts as it reads.
  const limiters = Object.fromEntries(
    BODY_KINDS.map((kind) => [
      kind,
      bodyLimit({
        maxSize: limits[kind],
        onError: () => {
          throw tooLarge(limits[kind])
        },
      }),
    ]),
  ) as Record<BodyKind, MiddlewareHandler<AppEnv>>

  /** Refuses a JSON body that nests too deeply, reading it once: Hono keeps the text for the route. */
  const checkNesting = async (c: Context<AppEnv>) => {
    const type = c.req.header('Content-Type') ?? ''
    const text = PLAIN_TEXT.test(type) && takesText(c.req.method, c.req.path)
    if (NOT_JSON.test(type) || text) return
    // Hono keeps the text: the route's validator (or the staff routes) parse this same copy.
    if (nestsDeeperThan(await c.req.text(), maxDepth))
      throw new ApiError('BAD_REQUEST', `The JSON body nests deeper than ${maxDepth} levels`)
  }

  return async function limitBody(c, next) {
    const framing = bodyFraming(c)
    if (framing === 'none') return next()
    const kind = kindOf(c.req.method, c.req.path)
    const declared = Number(c.req.header('Content-Length'))
    if (kind === 'upload') {
      // The upload's handler reads the stream itself and stops at its question's own limit, which is never
      // above this one: buffering the file here first would hold all of it before that check.
      if (declared > limits.upload) throw tooLarge(limits.upload)
      return next()
    }
    if (framing === 'length') {
      // Node's parser never reads past Content-Length, so the header is the body's size: no stream needed,
      // and the text is read straight off the socket (@hono/node-server's fast path) by whoever reads it.
      if (declared > limits[kind]) throw tooLarge(limits[kind])
      await checkNesting(c)
      return next()
    }
    return limiters[kind](c, async () => {
      await checkNesting(c)
      await next()
    })
  }
}

/**
 * How a request's body is framed. Over HTTP/1.1 a body has a Content-Length or a Transfer-Encoding,
 * else there is none (RFC 9112 §6.3), which @hono/node-server's requests let us read from the headers
 * alone: asking such a request for its `body` builds a whole web stream for it. A Request made in
 * process (app.request() in tests) carries no framing headers, so there only the body itself can tell.
 */
function bodyFraming(c: Context<AppEnv>): 'none' | 'length' | 'stream' {
  const fromSocket = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined
  const chunked = c.req.header('Transfer-Encoding') !== undefined
  const length = c.req.header('Content-Length')
  if (fromSocket) {
    if (chunked) return 'stream'
    return length === undefined || length.trim() === '0' ? 'none' : 'length'
  }
  if (!c.req.raw.body) return 'none'
  return length !== undefined && !chunked ? 'length' : 'stream'
}

function tooLarge(maxBytes: number): ApiError {
  // The rest of what the client sends is not kept: @hono/node-server drains it for a moment after the
  // answer, then closes. Closing at once could reset the connection before the client has read the 413;
  // saying `Connection: close` keeps a client from sending its next request on a connection about to go.
  return new ApiError(
    'PAYLOAD_TOO_LARGE',
    `The body is larger than this request takes (${sizeOf(maxBytes)})`,
    {
      headers: { Connection: 'close' },
    },
  )
}

const sizeOf = (bytes: number) =>
  bytes >= 1024 * 1024 ? `at most ${bytes / (1024 * 1024)} MB` : `at most ${Math.floor(bytes / 1024)} KB`
