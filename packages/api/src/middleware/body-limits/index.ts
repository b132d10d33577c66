// Limits every request body before it is read in full, for every route and better-auth's /api/auth/*
// alike: its size by the kind of body its route takes (BODY_LIMITS in the contracts' endpoint table), a
// 413 on Content-Length alone or as soon as a streamed body passes the limit; and the nesting of JSON,
// a 400 before anything parses it. A refused request reaches no route, so nothing is written.
import { BODY_KINDS, BODY_LIMITS, type BodyKind, MAX_JSON_DEPTH } from '@frontdesk/contracts'
import type { MiddlewareHandler } from 'hono'
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

  return async function limitBody(c, next) {
    if (!c.req.raw.body) return next()
    const kind = kindOf(c.req.method, c.req.path)
    if (kind === 'upload') {
      // The upload's handler reads the stream itself and stops at its question's own limit, which is never
      // above this one: buffering the file here first would hold all of it before that check.
      if (Number(c.req.header('Content-Length')) > limits.upload) throw tooLarge(limits.upload)
      return next()
    }
    return limiters[kind](c, async () => {
      const type = c.req.header('Content-Type') ?? ''
      const text = PLAIN_TEXT.test(type) && takesText(c.req.method, c.req.path)
      if (!NOT_JSON.test(type) && !text) {
        // Hono keeps the text: the route's validator (or the staff routes) parse this same copy.
        if (nestsDeeperThan(await c.req.text(), maxDepth))
          throw new ApiError('BAD_REQUEST', `The JSON body nests deeper than ${maxDepth} levels`)
      }
      await next()
    })
  }
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
