// Mounts better-auth at /api/auth behind Frontdesk's own guards (rate limits by account and by client,
// invitation-only sign-up, the trusted client address), and answers /v1/staff/me for the console.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import type { RatePolicyName } from '../rate-limit/policies.js'
import { enforceLimit, type RateLimits } from '../rate-limit/rate-limits.js'
import { route } from '../routes/define.js'
import { staffMe } from './accounts.js'
import { inOneShape } from './auth-errors.js'
import { staffRequest } from './request-facts.js'

/** Which better-auth endpoints are limited, and by what: the client always, the account when the body names one. */
const LIMITED: Record<string, { client: RatePolicyName; account?: RatePolicyName }> = {
  '/api/auth/sign-in/email': { client: 'signInClient', account: 'signInAccount' },
  '/api/auth/two-factor/verify-totp': { client: 'signInClient' },
  '/api/auth/two-factor/verify-backup-code': { client: 'signInClient' },
  '/api/auth/request-password-reset': { client: 'passwordResetClient', account: 'passwordResetAccount' },
  '/api/auth/reset-password': { client: 'passwordResetClient' },
  '/api/auth/sign-up/email': { client: 'invitationClient' },
  '/api/auth/organization/invite-member': { client: 'invitationClient' },
  '/api/auth/organization/accept-invitation': { client: 'invitationClient' },
}

export function staffAuthRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.on(['GET', 'POST'], '/api/auth/*', async (c) => {
    const { staff, rateLimits, system, logger } = c.get('deps')
    if (!staff) throw new ApiError('NOT_FOUND', 'Staff accounts are not enabled on this server')
    const clientIp = c.get('clientIp')
    const body = c.req.method === 'POST' ? await readJson(c) : undefined
    const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : undefined

    const limits = LIMITED[c.req.path]
    if (limits && rateLimits) {
      // Subjects are hashed where they are counted: no address or email is stored.
      if (clientIp) await consume(rateLimits, limits.client, clientIp)
      if (limits.account && email) await consume(rateLimits, limits.account, email)
    }
    // One answer whether or not the address has an account: only invited addresses may sign up.
    if (c.req.path === '/api/auth/sign-up/email') {
      const invited =
        email &&
        (await system
          .selectFrom('staff.invitation')
          .select('id')
          .where('email', '=', email)
          .where('status', '=', 'pending')
          // better-auth dates invitations by the wall clock, so they are checked by it too.
          .where('expiresAt', '>', new Date())
          .executeTakeFirst())
      if (!invited)
        throw new ApiError('FORBIDDEN', 'Staff accounts are created from an invitation sent by the clinic')
    }

    // better-auth reads the client address from this header only; whatever a caller sent in it is dropped.
    const headers = new Headers(c.req.raw.headers)
    headers.delete('x-frontdesk-client-ip')
    if (clientIp) headers.set('x-frontdesk-client-ip', clientIp)
    const request = new Request(c.req.raw.url, {
      method: c.req.method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
    const actorUserId = c.req.path.startsWith('/api/auth/organization/')
      ? (await staff.api.getSession({ headers }))?.user.id
      : undefined
    const requestId = c.get('requestId')
    const answer = await staffRequest.run({ requestId, clientIp, ...(actorUserId && { actorUserId }) }, () =>
      staff.handler(request),
    )
    // Through Hono's context, so the answer carries X-Request-Id and what other middleware set, as every answer does.
    const shaped = await inOneShape(answer, requestId, logger)
    return c.newResponse(shaped.body, shaped)
  })

  app.openapi(route(endpoints.getStaffMe), async (c) => c.json(await staffMe(c.var.scope), 200))
  return app
}

async function readJson(c: Context<AppEnv>): Promise<Record<string, unknown> | undefined> {
  const text = await c.req.text()
  if (!text) return undefined
  try {
    const parsed: unknown = JSON.parse(text)
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined
  } catch {
    throw new ApiError('BAD_REQUEST', 'The body must be JSON')
  }
}

const consume = (limits: RateLimits, policy: RatePolicyName, subject: string) =>
  enforceLimit(limits, policy, subject, 'Too many attempts; wait a little and try again')
