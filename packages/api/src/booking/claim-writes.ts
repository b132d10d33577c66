// The SQL that claims a time. A new hold or booking is one call of frontdesk_claim (migrations/
// 0003_claim.sql, given its messaging columns in 0017_messages.sql): it takes the practitioner's lock,
// looks for a live overlap, upserts the patient, INSERTs the booking row, writes the audit events and
// records the idempotent answer, in one round trip (shared with the clinic's other claims of the moment:
// ./claim-batches.ts). A row moved (a hold picked again, a booking rescheduled) or a hold confirmed is an
// UPDATE here, inside ./claim.ts's transactions.
import { type Kysely, type RawBuilder, sql, type Transaction, type Updateable } from 'kysely'
import type { BookingsTable, Database } from '../db/schema.js'
import type { RequestScope } from '../env.js'
import type { IdempotencyRecord, Outcome } from '../idempotency/idempotent.js'
import type { SealedPatient } from '../patients/sealed-identity.js'
import { writeClaim } from './claim-batches.js'
import type { ResolvedSlot } from './slots.js'
import type { BookingRow } from './store.js'

export type Candidate = ResolvedSlot['candidates'][number]

/** A new row as frontdesk_claim inserts it; the practitioner and location come from the candidate. */
export interface NewRow {
  id: string
  holdId: string | null
  status: 'held' | 'confirmed'
  holdExpiresAt: Date | null
  /** Sealed for this row's id (src/crypto/sealed-text.ts). */
  notesSealed: Uint8Array | null
  visitTokenHash: Uint8Array
  manageTokenHash: Uint8Array | null
  at: Date
  /** A booking's message choices (JSON text) and sealed manage token; holds have neither. */
  messaging: string | null
  manageSealed: Uint8Array | null
}

/**
 * One call of `frontdesk_claim` for one practitioner: false when a live hold or booking is in the way.
 * It takes the practitioner's advisory lock and then checks with a fresh snapshot, so contenders queue
 * briefly and the losers write nothing; the exclusion constraint has the last word (23P01).
 */
export async function insertClaimed(
  scope: Pick<RequestScope, 'db' | 'clinic' | 'principal' | 'requestId' | 'clientIp'>,
  slot: ResolvedSlot,
  row: NewRow,
  candidate: Candidate,
  patient: SealedPatient | null,
  answer: { record: IdempotencyRecord; outcome: Outcome<unknown> } | null,
): Promise<boolean> {
  return writeClaim(scope.db, scope.clinic.id, {
    practitionerId: candidate.practitionerId,
    call: claimCall(scope, slot, row, candidate, patient, answer),
  })
}

/** The call of frontdesk_claim for one row; ./claim-batches.ts sends it alone or beside others. */
function claimCall(
  scope: Pick<RequestScope, 'clinic' | 'principal' | 'requestId' | 'clientIp'>,
  slot: ResolvedSlot,
  row: NewRow,
  candidate: Candidate,
  patient: SealedPatient | null,
  answer: { record: IdempotencyRecord; outcome: Outcome<unknown> } | null,
): RawBuilder<unknown> {
  const { principal, requestId, clientIp, clinic } = scope
  const record = answer?.record
  return sql`frontdesk_claim(
    ${row.id}, ${clinic.id}, ${row.holdId}, ${row.status}, ${slot.serviceId}, ${candidate.practitionerId},
    ${candidate.locationId}, ${slot.startsAt}, ${slot.endsAt}, ${slot.blocked}::tstzrange, ${row.holdExpiresAt},
    ${row.notesSealed}::bytea, ${row.visitTokenHash}, ${row.manageTokenHash}, ${row.at},
    ${patient?.id ?? null}, ${patient?.identity_key ?? null}, ${patient?.name_sealed ?? null}::bytea,
    ${patient?.email_sealed ?? null}::bytea, ${patient?.phone_sealed ?? null}::bytea,
    ${patient?.date_of_birth_sealed ?? null}::bytea, ${patient?.email_index ?? null}::bytea,
    ${patient?.phone_index ?? null}::bytea,
    ${principal.kind}, ${principal.id}, ${requestId}, ${clientIp},
    ${record?.lookup ?? null}, ${record?.requestHash ?? null}, ${answer?.outcome.status ?? null}::integer,
    ${answer && record ? record.seal(answer.outcome.body) : null}::jsonb,
    ${row.messaging}::jsonb, ${row.manageSealed}::bytea
  )`
}

/**
 * Expired holds still sit under the exclusion constraint until released: releases a practitioner's that
 * overlap `blocked`. Answers whether any went. Through frontdesk_release_expired_holds (migration 0027),
 * so the overlap test reads the exclusion index rather than every row of the practitioner's history.
 */
export async function releaseExpiredHolds(
  db: Kysely<Database>,
  practitionerId: string,
  blocked: string,
  at: Date,
): Promise<boolean> {
  const result = await sql<{ released: number }>`
    SELECT frontdesk_release_expired_holds(${practitionerId}, ${blocked}::tstzrange, ${at}) AS released
  `.execute(db)
  return (result.rows[0]?.released ?? 0) > 0
}

/**
 * Serialises writers of the practitioners' calendars for the transaction, ids in sorted order so two
 * moves never wait on each other in a cycle, and releases the expired holds in the way. Without the
 * lock, many concurrent writers into the exclusion constraint can deadlock (40P01) instead of failing
 * fast with 23P01.
 */
export async function lockCalendars(
  trx: Transaction<Database>,
  practitionerIds: string[],
  at: number,
  blocked: string,
): Promise<void> {
  for (const practitionerId of [...new Set(practitionerIds)].sort()) {
    await sql`SELECT pg_advisory_xact_lock(1, hashtext(${practitionerId}))`.execute(trx)
    await releaseExpiredHolds(trx, practitionerId, blocked, new Date(at))
  }
}

/** What moving a row onto a slot changes; a re-picked hold also renews its status and expiry. */
export type MoveSet = Required<
  Pick<Updateable<BookingsTable>, 'practitioner_id' | 'location_id' | 'starts_at' | 'ends_at' | 'blocked'>
> &
  Pick<Updateable<BookingsTable>, 'status' | 'service_id' | 'hold_expires_at'>

/** Moves the row if it still has one of `from` statuses; undefined when it changed meanwhile. */
export function moveRow(trx: Transaction<Database>, id: string, from: BookingRow['status'][], set: MoveSet) {
  return trx
    .updateTable('bookings')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', from)
    .returningAll()
    .executeTakeFirst()
}

/** What a confirmed hold becomes: the patient's booking, with its tokens and message choices. */
export type ConfirmSet = Pick<
  Updateable<BookingsTable>,
  | 'patient_id'
  | 'notes_sealed'
  | 'visit_token_hash'
  | 'manage_token_hash'
  | 'manage_token_sealed'
  | 'messaging'
>

/** Confirms the hold if it is still live at `at`; undefined when it expired or was released meanwhile. */
export function confirmHeldRow(trx: Transaction<Database>, id: string, at: number, set: ConfirmSet) {
  return trx
    .updateTable('bookings')
    .set({ ...set, status: 'confirmed', hold_expires_at: null, confirmed_at: new Date(at) })
    .where('id', '=', id)
    .where('status', '=', 'held')
    .where('hold_expires_at', '>', new Date(at))
    .returningAll()
    .executeTakeFirst()
}
