// The one Hono environment: what every handler can read from the context.
import type { Kysely } from 'kysely'
import type { FieldCipher } from './crypto/field-cipher.js'
import type { ChangeFeed } from './db/change-feed.js'
import type { Database } from './db/schema.js'
import type { Logger } from './logger.js'

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

export type PrincipalKind = Principal['kind']

export interface AppDeps {
  db: Kysely<Database>
  logger: Logger
  /** Milliseconds since the epoch; tests move time by replacing it. */
  now: () => number
  /** The database's change notices; with them, API keys and clinic settings are kept in memory. */
  changes?: ChangeFeed | undefined
  /** Seals patient fields under the clinic's data key; the intake routes answer 500 without it. */
  cipher?: FieldCipher | undefined
  /** Webhook delivery: `allowPrivate` lets endpoints on loopback and private networks through (development). */
  webhooks?: { allowPrivate: boolean } | undefined
}

export interface AppEnv {
  Variables: {
    deps: AppDeps
    requestId: string
    clientIp: string | null
    principal: Principal
    clinic: ClinicContext
    /** Set by routes that may change the clinic's settings, keys or catalogue. */
    clinicChanged?: boolean
  }
}
