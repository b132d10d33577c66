// The owner's password typed again before the clinic's archive leaves or the clinic closes, checked by
// better-auth itself (its server-only verify-password, against the signed-in session's account), and
// limited per account like sign-in so it cannot be guessed here instead.
import type { AppDeps, Principal } from '../env.js'
import { ApiError } from '../errors.js'
import { enforceLimit } from '../rate-limit/rate-limits.js'

export async function confirmPassword(
  deps: Pick<AppDeps, 'staff' | 'rateLimits'>,
  principal: Principal,
  headers: Headers,
  password: string,
): Promise<void> {
  const { staff, rateLimits } = deps
  if (!staff || principal.kind !== 'staff')
    throw new ApiError('FORBIDDEN', 'Only a signed-in owner may do this')
  await enforceLimit(
    rateLimits,
    'signInAccount',
    `reauth:${principal.id}`,
    'Too many attempts; wait a little and try again',
  )
  try {
    await staff.api.verifyPassword({ body: { password }, headers })
  } catch (error) {
    // better-auth is loaded by now (the call above needed it).
    const { APIError } = await import('better-auth/api')
    if (!(error instanceof APIError)) throw error
    if (error.statusCode === 400) throw new ApiError('FORBIDDEN', 'That is not your password')
    throw new ApiError('UNAUTHENTICATED', 'Sign in again, then try once more')
  }
}
