// Limits requests per key or token and per client address once the principal is known; over the limit, 429 with Retry-After.
import type { MiddlewareHandler } from 'hono'
import type { AppEnv, PrincipalKind } from '../../env.js'
import { ApiError } from '../../errors.js'
import type { RatePolicyName } from '../../rate-limit/policies.js'
import type { RateDecision, RateLimits } from '../../rate-limit/rate-limits.js'

export interface RateLimitOptions {
  /** Without it (FRONTDESK_RATE_LIMITS=off, or an app built without) nothing is counted. */
  rateLimits?: RateLimits | undefined
}

/** Per principal kind: the policy for its key or token, and whether its client address is counted too. */
const POLICIES: Partial<Record<PrincipalKind, { credential: RatePolicyName; client: boolean }>> = {
  publishable: { credential: 'publicKey', client: true },
  visit: { credential: 'patientToken', client: true },
  manage: { credential: 'patientToken', client: true },
  resume: { credential: 'patientToken', client: true },
  receipt: { credential: 'patientToken', client: true },
  // A clinic's own server: one generous limit per key, and its address is nobody's business.
  secret: { credential: 'secretKey', client: false },
}

export function rateLimit(options: RateLimitOptions = {}): MiddlewareHandler<AppEnv> {
  const { rateLimits } = options

  return async function limitRate(c, next) {
    const principal = c.get('principal')
    const policies = principal && POLICIES[principal.kind]
    if (!rateLimits || !policies) return next()

    const checks: Promise<RateDecision>[] = [
      // The kind is part of the subject: a booking's visit and manage tokens share its id, not a budget.
      rateLimits.consume(policies.credential, `${principal.kind}:${principal.id}`),
    ]
    // app.request() in tests has no socket, so no address: only the key's or token's own limit applies.
    const client = c.get('clientIp')
    if (policies.client && client) checks.push(rateLimits.consume('publicClient', client))

    let retryAfterSeconds = 0
    for (const decision of await Promise.all(checks)) {
      if (!decision.allowed) retryAfterSeconds = Math.max(retryAfterSeconds, decision.retryAfterSeconds)
    }
    if (retryAfterSeconds > 0) {
      // The principal middleware has already let the clinic's page read this answer (CORS), Retry-After included.
      throw new ApiError(
        'RATE_LIMITED',
        `Too many requests; try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`,
        { headers: { 'Retry-After': String(retryAfterSeconds) } },
      )
    }
    return next()
  }
}
