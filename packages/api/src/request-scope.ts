// Builds the RequestScope (env.ts) services get instead of Hono's Context, once per request in the
// principal middleware, and holds the one refusal of a server started without a master key.
import type { FieldCipher } from './crypto/field-cipher.js'
import type { AppDeps, ClinicContext, Principal, RequestScope } from './env.js'
import { ApiError } from './errors.js'

/** The facts of the request itself, read from it by the middleware. */
export type RequestFacts = Pick<RequestScope, 'requestId' | 'clientIp' | 'idempotencyKey'>

/** The deps services use, with this request's clinic, principal and facts. */
export function requestScope(
  deps: AppDeps,
  principal: Principal,
  clinic: ClinicContext,
  facts: RequestFacts,
): RequestScope {
  const { db, system, now, cipher, rateLimits, messaging, webhooks } = deps
  return { db, system, now, cipher, rateLimits, messaging, webhooks, clinic, principal, ...facts }
}

/** The cipher, which every route holding patient fields needs: a server without one cannot keep them. */
export function cipherOf(scope: Pick<RequestScope, 'cipher'>): FieldCipher {
  if (!scope.cipher)
    throw new ApiError('INTERNAL', 'This server keeps no patient answers: it has no master key')
  return scope.cipher
}
