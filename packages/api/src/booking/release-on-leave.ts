// POST /v1/holds/{id}/release: the booking widget's beacon as the patient leaves the page. A beacon can
// carry no Authorization header (a custom header would make the browser ask first, with a preflight the
// closing page never waits for), so the route is public to the principal middleware and proves itself
// here: the visit token comes as the plain-text body, and the page's Origin must be the clinic's.
import type { Context } from 'hono'
import { withClinic } from '../db/tenant-scope.js'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { resolveVisitToken } from '../middleware/principal/index.js'
import { isOwnOrigin } from '../middleware/principal/own-origin.js'
import { enforceLimit } from '../rate-limit/rate-limits.js'
import { requestScope } from '../request-scope.js'
import { releaseHold } from './holds.js'

/** A visit token as issued; anything else in the body is not one, whatever it is. */
const VISIT_TOKEN = /^vt_[A-Za-z0-9_-]{20,80}$/

export async function releaseHoldOnLeave(c: Context<AppEnv>, holdId: string): Promise<Response> {
  const deps = c.get('deps')
  const clientIp = c.get('clientIp')
  if (!/^text\/plain\b/i.test(c.req.header('Content-Type') ?? '')) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', "Send the hold's visit token as text/plain")
  }
  // Counted before the token is looked up, so guessing tokens costs the guesser, not the database.
  if (clientIp) await enforceLimit(deps.rateLimits, 'publicClient', clientIp)
  const token = (await c.req.text()).trim()
  if (!VISIT_TOKEN.test(token)) {
    // The body is never echoed: it may be a token, or anything a page had at hand.
    const message = "The body must be the hold's visit token (vt_…)"
    throw new ApiError('VALIDATION_FAILED', message, { issues: [{ path: 'body', message }] })
  }
  const resolved = await resolveVisitToken(deps, token)
  if (!resolved) throw new ApiError('UNAUTHENTICATED', 'This visit token is not valid or has expired')
  const { principal, clinic } = resolved
  // The same budget as the token's other requests (middleware/rate-limit).
  await enforceLimit(deps.rateLimits, 'patientToken', `${principal.kind}:${principal.id}`)
  const origin = c.req.header('Origin')
  if (!origin || !(clinic.allowedOrigins.includes(origin) || isOwnOrigin(c, origin))) {
    throw new ApiError(
      'ORIGIN_NOT_ALLOWED',
      "Only a page on one of the clinic's allowed origins lets its hold go this way; a server calls DELETE /v1/holds/{id}",
    )
  }
  const scope = requestScope(deps, principal, clinic, {
    requestId: c.get('requestId'),
    clientIp,
    idempotencyKey: undefined,
  })
  // A token of another hold, or of another clinic, reaches no row here: 404, as for an id that does not exist.
  await withClinic(clinic.id, () => releaseHold(scope, holdId))
  return c.body(null, 204)
}
