// The clinic a piece of work runs for, and the pool front that hands PostgreSQL that clinic (and the
// app role) on every connection it gives out, so row-level security (migration 0013) sees it.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { PostgresPool, PostgresPoolClient } from 'kysely'

/** The role the app connection acts as: owns no table, bypasses no policy. */
export const APP_ROLE = 'frontdesk_app'

const scope = new AsyncLocalStorage<string>()

/**
 * Runs `fn` for one clinic: every query the app connection makes inside it sees that clinic's rows only.
 * A scope inside another clinic's scope is refused: no request or job has reason to cross clinics.
 */
export function withClinic<T>(clinicId: string, fn: () => Promise<T>): Promise<T> {
  if (!clinicId) return Promise.reject(new TypeError('withClinic needs a clinic id'))
  const outer = scope.getStore()
  if (outer === clinicId) return fn()
  if (outer !== undefined)
    return Promise.reject(new Error('Already working for another clinic: a scope cannot switch clinics'))
  return scope.run(clinicId, fn)
}

/** The clinic of the work in progress, if any. */
export function currentClinic(): string | undefined {
  return scope.getStore()
}

/** What one database session was last told; a fresh session is the login role with no clinic. */
interface SessionState {
  role: string
  clinic: string
}

const FRESH: SessionState = { role: 'none', clinic: '' }
const sessions = new WeakMap<object, SessionState>()

export interface ScopedPoolOptions {
  /** `APP_ROLE` for the clinic-scoped app connection; null for the system connection (login role, no clinic). */
  role: typeof APP_ROLE | null
  /**
   * The database session a client is: by default the client itself (one pg connection each). PGlite's
   * clients all share one session, so both Kysely instances over it must name the same object here.
   */
  sessionOf?: (client: PostgresPoolClient) => object
  /** Closes the pool under it; the system connection does it when both share one PGlite. */
  end?: () => Promise<void>
}

/**
 * A pool whose connections are set up for their connection before they are handed out: the app one acts
 * as `frontdesk_app` with `app.clinic_id` set to `currentClinic()` ('' outside any scope: no rows), the
 * system one as the login role with no clinic. Each session remembers what it was last told, so a run
 * of work for one clinic pays no round trip after the first.
 */
export function scopedPool(pool: PostgresPool, options: ScopedPoolOptions): PostgresPool {
  const { sessionOf = (client: PostgresPoolClient) => client } = options
  const role = options.role ?? 'none'
  return {
    async connect() {
      const client = await pool.connect()
      const clinic = options.role ? (currentClinic() ?? '') : ''
      const session = sessionOf(client)
      const state = sessions.get(session) ?? FRESH
      if (state.role === role && state.clinic === clinic) return client
      // Session-wide (not SET LOCAL): set before any transaction begins, it outlives each one.
      sessions.delete(session)
      try {
        await client.query("SELECT set_config('role', $1, false), set_config('app.clinic_id', $2, false)", [
          role,
          clinic,
        ])
      } catch (error) {
        client.release()
        throw error
      }
      sessions.set(session, { role, clinic })
      return client
    },
    end: options.end ?? (() => pool.end()),
  }
}
