// What every view is given: the API clients, the signed-in member, and the page's two live regions.
import type { ErrorCode, StaffMe } from '@frontdesk/contracts'
import type { Permission } from '@frontdesk/contracts/staff'
import { type FrontdeskStaff, isFrontdeskError } from '@frontdesk/sdk'
import { type Auth, AuthError } from './auth.js'
import { currentLanguage, messages } from './messages.js'

export interface Shell {
  staff: FrontdeskStaff
  auth: Auth
  /** Says what went wrong in the page's alert region, in plain words; a lost session goes back to sign-in. */
  fail(error: unknown): void
  /** Says in the alert region what a view worked out itself, such as which fields of a form to check. */
  alert(message: string): void
  /** Says something quietly in the status region: saved, revoked, sent. */
  announce(message: string): void
  clearAlert(): void
  /** A sign-in, sign-up or accepted invitation finished: load the member again and open the console. */
  signedIn(): Promise<void>
  /** Ends the session on the server and shows sign-in. */
  signOut(): Promise<void>
  /** Leaves a password reset or invitation for the sign-in form. */
  toSignIn(): void
}

export interface ConsoleContext extends Shell {
  me: StaffMe
  can(permission: Permission): boolean
}

/** True when the error means there is no session (any more). */
export function isSignedOut(error: unknown): boolean {
  if (isFrontdeskError(error)) return error.status === 401
  return error instanceof AuthError && error.status === 401 && error.code !== 'INVALID_EMAIL_OR_PASSWORD'
}

/** An error in words a clinic's staff member can act on; never the request's data. */
export function explain(error: unknown): string {
  const m = messages.errors
  if (error instanceof AuthError) {
    if (error.status === 0) return m.network
    if (error.status === 429) return m.tooMany
    if (error.code === 'INVALID_EMAIL_OR_PASSWORD') return m.signIn
    if (error.code === 'INVALID_TOKEN') return m.resetLink
    if (error.code && /CODE|OTP|TOTP/.test(error.code)) return m.code
    if (error.code === 'PASSWORD_TOO_SHORT') return m.passwordShort
    if (error.status === 403) return error.message || m.forbidden
    return error.message || m.unknown
  }
  if (isFrontdeskError(error)) {
    if (error.code === 'CONNECTION_FAILED') return m.network
    if (error.status === 429) return m.tooMany
    if (error.status === 403) return m.forbidden
    if (error.status === 404) return m.notFound
    if (error.issues.length > 0) {
      return m.invalid(error.issues.map((issue) => `${issue.path || 'input'}: ${issue.message}`).join('; '))
    }
    // The API's own words are English and specific: kept in an English console, its code's words otherwise.
    const worded = currentLanguage() === 'en' ? undefined : messages.errorCodes[error.code as ErrorCode]
    return worded ?? (error.message || m.unknown)
  }
  return m.unknown
}
