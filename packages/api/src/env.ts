// The one Hono environment: what every handler can read from the context.
import type { MessageSettings } from '@frontdesk/contracts'
import type { StaffRole } from '@frontdesk/contracts/staff'
import type { Kysely } from 'kysely'
import type { FieldCipher } from './crypto/field-cipher.js'
import type { ChangeFeed } from './db/change-feed.js'
import type { Database } from './db/schema.js'
import type { Logger } from './logger.js'
import type { TransportSet } from './messages/transports.js'
import type { RateLimits } from './rate-limit/rate-limits.js'
import type { StaffAuthEntry } from './staff/lazy-auth.js'

export interface ClinicContext {
  id: string
  name: string
  timeZone: string
  holdMinutes: number
  cancellationNoticeMinutes: number
  allowedOrigins: string[]
  /** Bumped by every catalogue or schedule change: tells when a cached catalogue is stale. */
  catalogueVersion: number
  /** An intake draft nobody saves for this long expires, with its resume token. */
  intakeDraftIdleDays: number
  /** How the clinic messages its patients, defaults filled in. */
  messaging: MessageSettings
  /** The region whose deployment holds the clinic (`eu`, `us`, …), or null when it was made without one. */
  region: string | null
}

export type Principal =
  | { kind: 'publishable'; id: string; mode: 'test' | 'live' }
  | { kind: 'secret'; id: string; mode: 'test' | 'live' }
  /** Acts on one hold or booking row only. */
  | { kind: 'visit'; id: string; bookingId: string }
  /** The patient's own link to one booking. */
  | { kind: 'manage'; id: string; bookingId: string }
  /** The patient's resume token: reads, saves and submits one intake draft. */
  | { kind: 'resume'; id: string; responseId: string }
  /** The patient's receipt link: reads and withdraws one consent record. */
  | { kind: 'receipt'; id: string; recordId: string }
  /** A signed-in staff member (better-auth session cookie); `id` is the account, the role decides. */
  | { kind: 'staff'; id: string; role: StaffRole; memberId: string; practitionerId: string | null }

export type PrincipalKind = Principal['kind']

export interface AppDeps {
  /**
   * The app connection: as frontdesk_app, under row-level security, it sees only the rows of the clinic
   * the request runs for (`withClinic` in src/db/tenant-scope.ts) and none before that is known.
   */
  db: Kysely<Database>
  /**
   * The system connection, unscoped: only for what runs before a clinic is known (resolving a key or
   * token to its clinic) or for no single clinic (staff accounts, background work). Never for a
   * request's own reads and writes.
   */
  system: Kysely<Database>
  logger: Logger
  /** Milliseconds since the epoch; tests move time by replacing it. */
  now: () => number
  /** The database's change notices; with them, API keys and clinic settings are kept in memory. */
  changes?: ChangeFeed | undefined
  /** Seals patient fields under the clinic's data key; the intake routes answer 500 without it. */
  cipher?: FieldCipher | undefined
  /** Webhook delivery: `allowPrivate` lets endpoints on loopback and private networks through (development). */
  webhooks?: { allowPrivate: boolean } | undefined
  /** Request counters for the rate limits; without them nothing is limited (tests, FRONTDESK_RATE_LIMITS=off). */
  rateLimits?: RateLimits | undefined
  /** Patient messaging: where links point, and the SMS/WhatsApp provider whose inbound webhooks are accepted. */
  messaging?: MessagingDeps | undefined
  /** Staff accounts and sessions; without it only keys and tokens are accepted and /api/auth is absent. */
  staff?: StaffAuthEntry | undefined
}

export interface MessagingDeps {
  /**
   * This API as patients and providers reach it (FRONTDESK_PUBLIC_URL): signed webhook URLs are read
   * against it, and when it is https every answer carries Strict-Transport-Security.
   */
  publicUrl: string
  /** The Twilio account SMS and WhatsApp go through; without it inbound messages are refused. */
  twilio?: { accountSid: string; authToken: string } | undefined
  /** How one-time codes and request outcomes reach patients at once (not through the queue). */
  transports?: TransportSet | undefined
  /** The address email is sent from. */
  mailFrom?: string | undefined
}

/**
 * What a service is handed instead of Hono's Context: the connections, the clinic and principal of the
 * request, its id and client address, the clock and the cipher, plus the few servers' settings a feature
 * needs. The principal middleware builds it once per request (`c.var.scope`); a service never reads a
 * header or answers for the route, so it runs the same from a test, a job or the CLI.
 */
export interface RequestScope
  extends Pick<AppDeps, 'db' | 'system' | 'now' | 'cipher' | 'rateLimits' | 'messaging' | 'webhooks'> {
  clinic: ClinicContext
  principal: Principal
  requestId: string
  /** The client's address as the trusted proxies report it; null in tests without a socket. */
  clientIp: string | null
  /** The request's Idempotency-Key header as sent; a write that honours it checks its shape. */
  idempotencyKey: string | undefined
}

export interface AppEnv {
  Variables: {
    deps: AppDeps
    requestId: string
    clientIp: string | null
    principal: Principal
    clinic: ClinicContext
    /** Everything a service needs about this request, built once by the principal middleware. */
    scope: RequestScope
    /** Set by routes that may change the clinic's settings, keys or catalogue. */
    clinicChanged?: boolean
  }
}
