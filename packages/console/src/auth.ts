// The staff account calls: better-auth at /api/auth on the API's own origin, with the session cookie.
// Only the console's own shapes are read from the answers; nothing here is logged or stored.
import type { StaffRole } from '@frontdesk/contracts/staff'
import type { Language } from './language.js'

/**
 * A refusal from /api/auth: its status and better-auth's code, such as INVALID_EMAIL_OR_PASSWORD (the
 * answer's `reason`), or the API's own code where better-auth gave none (a rate limit, a refused sign-up).
 */
export class AuthError extends Error {
  override name = 'AuthError'
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message)
  }
}

export interface StaffMember {
  id: string
  role: string
  createdAt: string
  user: { id: string; name: string; email: string }
}

export interface StaffInvitation {
  id: string
  email: string
  role: string
  status: string
  expiresAt: string
}

export interface InvitationDetails extends StaffInvitation {
  organizationName: string
  inviterEmail: string
}

export interface TotpSetup {
  totpURI: string
  backupCodes: string[]
}

const root = () => new URL('/api/auth/', globalThis.location.origin)

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const url = new URL(path, root())
  if (method === 'GET' && body) {
    for (const [name, value] of Object.entries(body as Record<string, string>))
      url.searchParams.set(name, value)
  }
  let response: Response
  try {
    response = await fetch(url, {
      method,
      credentials: 'include',
      headers: {
        Accept: 'application/json',
        ...(method === 'POST' && { 'Content-Type': 'application/json' }),
      },
      ...(method === 'POST' && { body: JSON.stringify(body ?? {}) }),
    })
  } catch {
    throw new AuthError(0, 'NETWORK', 'The server could not be reached')
  }
  const text = await response.text()
  const parsed = text ? safeJson(text) : null
  if (!response.ok) {
    // The one error shape; better-auth's own code (which the console words) travels as `reason`.
    const error = (parsed as { error?: { code?: string; message?: string; reason?: string } } | null)?.error
    throw new AuthError(
      response.status,
      error?.reason ?? error?.code ?? null,
      error?.message ?? response.statusText,
    )
  }
  return parsed as T
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

export const auth = {
  /** Signs in; `twoFactor` means a TOTP code must follow (verifyTotp) before the session exists. */
  async signIn(email: string, password: string): Promise<{ twoFactor: boolean }> {
    const answer = await call<{ twoFactorRedirect?: boolean }>('POST', 'sign-in/email', { email, password })
    return { twoFactor: answer?.twoFactorRedirect === true }
  },
  /** Completes a sign-in with TOTP, or confirms TOTP while enabling it. */
  verifyTotp: (code: string) => call<unknown>('POST', 'two-factor/verify-totp', { code }),
  signOut: () => call<unknown>('POST', 'sign-out', {}),
  /** Always succeeds the same way, whether or not the address has an account. */
  requestPasswordReset: (email: string) => call<unknown>('POST', 'request-password-reset', { email }),
  resetPassword: (token: string, newPassword: string) =>
    call<unknown>('POST', 'reset-password', { token, newPassword }),
  /** Works only for an address with a pending invitation; signs the new member in. */
  signUp: (name: string, email: string, password: string) =>
    call<unknown>('POST', 'sign-up/email', { name, email, password }),
  getInvitation: (id: string) => call<InvitationDetails>('GET', 'organization/get-invitation', { id }),
  acceptInvitation: (invitationId: string) =>
    call<unknown>('POST', 'organization/accept-invitation', { invitationId }),
  async listMembers(): Promise<StaffMember[]> {
    const answer = await call<{ members?: StaffMember[] } | StaffMember[]>('GET', 'organization/list-members')
    return Array.isArray(answer) ? answer : (answer?.members ?? [])
  },
  listInvitations: async () =>
    (await call<StaffInvitation[]>('GET', 'organization/list-invitations')).filter(
      (invitation) => invitation.status === 'pending',
    ),
  inviteMember: (email: string, role: StaffRole) =>
    call<StaffInvitation>('POST', 'organization/invite-member', { email, role }),
  cancelInvitation: (invitationId: string) =>
    call<unknown>('POST', 'organization/cancel-invitation', { invitationId }),
  updateMemberRole: (memberId: string, role: StaffRole) =>
    call<unknown>('POST', 'organization/update-member-role', { memberId, role }),
  removeMember: (memberIdOrEmail: string) =>
    call<unknown>('POST', 'organization/remove-member', { memberIdOrEmail }),
  /** The console's language on the member's account (better-auth's update-user, an additional field). */
  setLanguage: (language: Language) => call<unknown>('POST', 'update-user', { language }),
  enableTwoFactor: (password: string) => call<TotpSetup>('POST', 'two-factor/enable', { password }),
  disableTwoFactor: (password: string) => call<unknown>('POST', 'two-factor/disable', { password }),
}

export type Auth = typeof auth
