// The one-click unsubscribe (RFC 8058): a mail program, or the unsubscribe page's button, posts
// `List-Unsubscribe=One-Click` form-encoded to the address in the email's List-Unsubscribe header. The
// token in that address proves the caller (it opens only under the clinic's key); the body must be exactly
// the one field the RFC names. Refusals change nothing. The request log names the route pattern, never
// the query, so the token stays out of it (middleware/request-context).
import { endpoints, OneClickUnsubscribe, UnsubscribeQuery } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { ApiError, validationError } from '../errors.js'
import { enforceLimit } from '../rate-limit/rate-limits.js'
import { serve } from '../routes/define.js'
import { unsubscribeByToken } from './unsubscribe.js'

export function unsubscribeRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  serve(app, endpoints.unsubscribeEmail, async (c) => {
    const { deps, requestId, clientIp } = c.var
    if (clientIp) await enforceLimit(deps.rateLimits, 'unsubscribeClient', clientIp)
    if (!c.req.header('Content-Type')?.startsWith('application/x-www-form-urlencoded')) {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the one-click form of RFC 8058: application/x-www-form-urlencoded',
      )
    }
    const query = UnsubscribeQuery.safeParse({ token: c.req.query('token') })
    if (!query.success) throw validationError(query.error)
    const form = OneClickUnsubscribe.safeParse(Object.fromEntries(new URLSearchParams(await c.req.text())))
    if (!form.success) throw validationError(form.error)
    const unsubscribed = await unsubscribeByToken({ ...deps, requestId, clientIp }, query.data.token)
    return c.json(unsubscribed, 200, { 'Cache-Control': 'no-store' })
  })

  return app
}
