// Tenant isolation in one place: which clinic's rows a piece of work sees, and inside that clinic which
// rows each principal reaches. Two layers, so that one forgotten `where` is not a breach: PostgreSQL's
// row-level security (migration 0013) sees only the clinic set here, on every connection the app pool
// hands out; and every query still names its clinic, with the reach rules below on top. Whatever a
// principal may not reach answers exactly like an id that does not exist (404): nobody learns that
// another clinic's, practitioner's or patient's object is there.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Kysely, PostgresPool, PostgresPoolClient } from 'kysely'
import type { Principal, RequestScope } from '../env.js'
import { notFound } from '../errors.js'
import { prepareMarked } from './prepared.js'
import type { Database } from './schema.js'

// --- The clinic a piece of work runs for -------------------------------------------------------------
// A request enters it in the principal middleware once its key or token names the clinic; a public route
// (a provider's webhook, a download token) or a job enters it once it has found the clinic on the system
// connection, which sees every clinic and is used for nothing else.

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

// --- The connections that carry it to PostgreSQL ------------------------------------------------------

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
  /** Send statements marked `PREPARED` as named prepared statements (./prepared.ts): a server's pools. */
  prepare?: boolean
  /** With `prepare`: how long a marked statement may go unanswered before its connection is ended (./prepared.ts). */
  stuckAfterMs?: number
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
      if (options.prepare) prepareMarked(client, options.stuckAfterMs)
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

// --- References from one of the clinic's rows to another -----------------------------------------------

/**
 * The ids among `ids` this clinic does not have. Another clinic's id is reported like one that does not
 * exist, so nothing a clinic stores (a practitioner's services, hours at a location) can name another's.
 */
export async function missingIds(
  db: Kysely<Database>,
  table: 'services' | 'practitioners' | 'locations',
  clinicId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return []
  const found = await db
    .selectFrom(table)
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('id', 'in', ids)
    .execute()
  const seen = new Set(found.map((row) => row.id))
  return ids.filter((id) => !seen.has(id))
}

// --- What each principal reaches inside its clinic ---------------------------------------------------
// Row-level security stops at the clinic; these rules go further, because a clinic's patients must not
// see each other and a practitioner sees their own calendar only.

/** The clinic's own side: its secret keys and its signed-in staff, who see what patients' tokens do not. */
export const actsForClinic = (principal: Principal) =>
  principal.kind === 'secret' || principal.kind === 'staff'

/**
 * A practitioner's reads reach only their own calendar: the practitioner id to filter by, '' for a
 * practitioner account not linked to any practitioner (sees nothing), undefined for everyone else.
 */
export function ownCalendar(principal: Principal): string | undefined {
  if (principal.kind !== 'staff' || principal.role !== 'practitioner') return undefined
  return principal.practitionerId ?? ''
}

/** A practitioner's reads stop at their own calendar: anyone else's looks like no practitioner at all. */
export function assertOwnCalendar(principal: Principal, practitionerId: string): void {
  const own = ownCalendar(principal)
  if (own !== undefined && own !== practitionerId) throw notFound('practitioner')
}

/**
 * A visit or manage token reaches its own hold or booking row only; anything else looks exactly like a
 * missing id. A token is one patient's, and the next id along is another patient's appointment.
 */
export function assertOwnRow<Row extends { id: string }>(
  principal: Principal,
  row: Row | undefined,
  what: string,
): asserts row is Row {
  if (!row) throw notFound(what)
  if ((principal.kind === 'visit' || principal.kind === 'manage') && principal.bookingId !== row.id)
    throw notFound(what)
}

/** A resume token reaches its own intake draft and nothing else (and nothing reaches a draft without one). */
export function assertOwnDraft(principal: Principal, responseId: string): void {
  if (principal.kind !== 'resume' || principal.responseId !== responseId) throw notFound('intake draft')
}

/** A receipt token reaches its own consent record only; the clinic's side reaches any. */
export function assertOwnReceipt(principal: Principal, recordId: string): void {
  if (principal.kind === 'receipt' && principal.recordId !== recordId) throw notFound('consent record')
}

/** The patient ids of a practitioner's bookings, as a subquery: the patients that practitioner sees. */
export function ownPatientIds(db: Kysely<Database>, clinicId: string, practitionerId: string) {
  return db
    .selectFrom('bookings')
    .select('patient_id')
    .where('clinic_id', '=', clinicId)
    .where('practitioner_id', '=', practitionerId)
    .where('patient_id', 'is not', null)
}

/** A practitioner's booking ids, as a subquery. */
export function ownBookingIds(db: Kysely<Database>, clinicId: string, practitionerId: string) {
  return db
    .selectFrom('bookings')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('practitioner_id', '=', practitionerId)
}

/**
 * A practitioner's patients are those with a booking with them; their reads of intake answers and consent
 * records stop there. Passes for everyone else, and for a practitioner when the patient or booking is theirs.
 */
export async function assertOwnPatient(
  scope: Pick<RequestScope, 'db' | 'clinic' | 'principal'>,
  subject: { patientId: string | null; bookingId?: string | null },
  what: string,
): Promise<void> {
  const own = ownCalendar(scope.principal)
  if (own === undefined) return
  if (!subject.patientId && !subject.bookingId) throw notFound(what)
  const mine = await scope.db
    .selectFrom('bookings')
    .select('id')
    .where('clinic_id', '=', scope.clinic.id)
    .where('practitioner_id', '=', own)
    .where((eb) =>
      eb.or([
        ...(subject.patientId ? [eb('patient_id', '=', subject.patientId)] : []),
        ...(subject.bookingId ? [eb('id', '=', subject.bookingId)] : []),
      ]),
    )
    .limit(1)
    .executeTakeFirst()
  if (!mine) throw notFound(what)
}
