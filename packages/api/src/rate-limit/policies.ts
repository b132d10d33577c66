// The rate-limit policies in one table (what is counted, how many, over how long) and their FRONTDESK_RATE_LIMITS overrides.

/** What a policy counts by: a key or token id, a client address, or an account's email. */
export type RateSubject = 'credential' | 'client' | 'account'

export interface RatePolicy {
  /** Requests (or attempts) allowed per window. */
  points: number
  /** The window, in seconds; it starts at a subject's first request. */
  duration: number
  per: RateSubject
}

/**
 * Defaults sized for real traffic, not for attackers' convenience: a clinic's whole website shares one
 * publishable key, and a patient's flow makes a few dozen requests at most (intake autosaves included).
 */
export const RATE_POLICIES = {
  /** Every request made with one publishable key, from all of a clinic's visitors together. */
  publicKey: { points: 3000, duration: 60, per: 'credential' },
  /** One client address's requests with publishable keys and patient tokens (vt_, mt_, rt_, ct_). */
  publicClient: { points: 600, duration: 60, per: 'client' },
  /** One patient token's requests: a visit, manage, resume or receipt token acts on one object only. */
  patientToken: { points: 300, duration: 60, per: 'credential' },
  /** One secret key's requests: a clinic's own server, so generous. */
  secretKey: { points: 12_000, duration: 60, per: 'credential' },
  /** Staff sign-in attempts per account, from anywhere. */
  signInAccount: { points: 10, duration: 15 * 60, per: 'account' },
  /** Staff sign-in attempts per client address, whatever account they name. */
  signInClient: { points: 50, duration: 15 * 60, per: 'client' },
  passwordResetAccount: { points: 5, duration: 60 * 60, per: 'account' },
  passwordResetClient: { points: 20, duration: 60 * 60, per: 'client' },
  /** Provider webhooks (inbound SMS and WhatsApp, delivery reports) per client address, checked before the signature. */
  providerInbound: { points: 1200, duration: 60, per: 'client' },
  /** Patients' rights requests started per email address or phone number: each sends a code there. */
  rightsRequestContact: { points: 5, duration: 60 * 60, per: 'account' },
  /** Rights requests started, and exports downloaded, per client address. */
  rightsRequestClient: { points: 20, duration: 60 * 60, per: 'client' },
  /** One-click unsubscribes per client address: a patient posts once, a mail program once per mail. */
  unsubscribeClient: { points: 60, duration: 60 * 60, per: 'client' },
  /** Invitation acceptances (and lookups) per client address. */
  invitationClient: { points: 30, duration: 60 * 60, per: 'client' },
} as const satisfies Record<string, RatePolicy>

export type RatePolicyName = keyof typeof RATE_POLICIES

export type RatePolicyOverrides = Partial<Record<RatePolicyName, Pick<RatePolicy, 'points' | 'duration'>>>

export const isRatePolicyName = (name: string): name is RatePolicyName => Object.hasOwn(RATE_POLICIES, name)

/**
 * FRONTDESK_RATE_LIMITS: unset or empty for the defaults; `off` for none at all (load tests, never
 * production); or overrides as `name=points/seconds`, comma-separated: `publicClient=1200/60,signInAccount=5/900`.
 * Anything else stops the server from starting, so a typo cannot silently leave a limit at its default.
 */
export function rateLimitsFromEnv(value: string | undefined): RatePolicyOverrides | 'off' {
  const text = value?.trim() ?? ''
  if (text === '') return {}
  if (text === 'off') return 'off'
  const overrides: RatePolicyOverrides = {}
  for (const entry of text.split(',')) {
    const match = /^\s*([A-Za-z]+)\s*=\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(entry)
    const [, name = '', points, duration] = match ?? []
    if (!match || !isRatePolicyName(name) || Number(points) < 1 || Number(duration) < 1) {
      throw new Error(
        `FRONTDESK_RATE_LIMITS: cannot read "${entry.trim()}"; write name=points/seconds with one of ` +
          `${Object.keys(RATE_POLICIES).join(', ')}, or "off"`,
      )
    }
    overrides[name] = { points: Number(points), duration: Number(duration) }
  }
  return overrides
}
