// The hot writes as single statements: lock the practitioner, upsert the patient, insert the hold or
// booking, audit it and record the idempotent answer in one round trip and one implicit transaction.
import type { Context } from 'hono'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import type { AppEnv } from '../env.js'
import { newId } from '../tokens.js'
import type { IdempotencyRecord } from './idempotency.js'
import { type NormalisedPatient, patientIdentityKey } from './patients.js'
import { isExclusionViolation, type ResolvedSlot, slotTaken } from './slots.js'

export interface NewClaim {
  id: string
  holdId: string | null
  status: 'held' | 'confirmed'
  holdExpiresAt: Date | null
  notes: string | null
  visitTokenHash: Uint8Array
  manageTokenHash: Uint8Array | null
  at: Date
}

export interface ClaimOptions {
  patient?: NormalisedPatient
  /** Builds the answer for the chosen practitioner, so it can be stored with the write. */
  answer: (candidate: ResolvedSlot['candidates'][number]) => { status: 200 | 201; body: unknown }
  idempotency: IdempotencyRecord | null
}

/**
 * Tries the free practitioners in order. `frontdesk_claim_gate` (migrations/0003) takes the
 * practitioner's advisory lock inside the statement and then checks for a live overlap with a fresh
 * snapshot, so contenders queue briefly and the losers write nothing. The exclusion constraint has
 * the last word; expired holds in the way are released only when it objects.
 */
export async function insertClaim(
  c: Context<AppEnv>,
  slot: ResolvedSlot,
  claim: NewClaim,
  options: ClaimOptions,
): Promise<ResolvedSlot['candidates'][number]> {
  const db = c.var.deps.db
  for (const candidate of slot.candidates) {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const written = await claimStatement(c, slot, claim, candidate, options).execute(db)
        if (written.rows.length > 0) return candidate
        break // the gate saw a live hold or booking in the way: next practitioner
      } catch (error) {
        if (!isExclusionViolation(error)) throw error
        if (attempt > 0 || !(await releaseExpiredHolds(db, candidate.practitionerId, slot.blocked, claim.at)))
          break
      }
    }
  }
  throw slotTaken()
}

function claimStatement(
  c: Context<AppEnv>,
  slot: ResolvedSlot,
  claim: NewClaim,
  candidate: ResolvedSlot['candidates'][number],
  options: ClaimOptions,
): RawBuilder<unknown> {
  const clinicId = c.var.clinic.id
  const { patient, idempotency } = options
  const ctes: RawBuilder<unknown>[] = [
    sql`gate AS MATERIALIZED (SELECT frontdesk_claim_gate(${candidate.practitionerId}, ${slot.blocked}::tstzrange, ${claim.at}) AS free)`,
  ]
  if (patient) {
    // The patient is written after the gate too, so two bookings of one patient never wait on each other crosswise.
    ctes.push(sql`patient AS (
      INSERT INTO patients (id, clinic_id, identity_key, name, email, phone, date_of_birth)
      SELECT ${newId('pat')}, ${clinicId}, ${patientIdentityKey(patient)}, ${patient.name}, ${patient.email},
             ${patient.phone}, ${patient.dateOfBirth}::date FROM gate WHERE free
      ON CONFLICT (clinic_id, identity_key) DO UPDATE SET identity_key = EXCLUDED.identity_key
      RETURNING id)`)
  }
  ctes.push(sql`booking AS (
    INSERT INTO bookings (id, clinic_id, hold_id, status, service_id, practitioner_id, location_id, starts_at,
      ends_at, blocked, hold_expires_at, patient_id, notes, visit_token_hash, manage_token_hash, created_at, confirmed_at)
    SELECT ${claim.id}, ${clinicId}, ${claim.holdId}, ${claim.status}, ${slot.serviceId}, ${candidate.practitionerId},
      ${candidate.locationId}, ${slot.startsAt}, ${slot.endsAt}, ${slot.blocked}::tstzrange, ${claim.holdExpiresAt},
      ${patient ? sql`(SELECT id FROM patient)` : null}, ${claim.notes}, ${claim.visitTokenHash},
      ${claim.manageTokenHash}, ${claim.at}, ${claim.status === 'confirmed' ? claim.at : null}
    FROM gate WHERE free
    RETURNING id, patient_id)`)
  if (patient) {
    const { principal, requestId, clientIp } = c.var
    ctes.push(sql`audit AS (
      INSERT INTO audit_events (clinic_id, actor_type, actor_id, action, object_type, object_id, request_id, client_ip)
      SELECT ${clinicId}, ${principal.kind}, ${principal.id}, entry.action, entry.object_type,
             CASE entry.object_type WHEN 'patient' THEN booking.patient_id ELSE booking.id END, ${requestId}, ${clientIp}
      FROM booking CROSS JOIN (VALUES ('patient.match_or_create', 'patient'), ('booking.create', 'booking'))
        AS entry(action, object_type))`)
  }
  if (idempotency) {
    const answer = options.answer(candidate)
    ctes.push(sql`idem AS (
      INSERT INTO idempotency_keys (clinic_id, key, request_hash, status_code, response_body)
      SELECT ${clinicId}, ${idempotency.lookup}, ${idempotency.requestHash}, ${answer.status},
             ${idempotency.seal(answer.body)}::jsonb FROM booking)`)
  }
  return sql`WITH ${sql.join(ctes, sql`, `)} SELECT id FROM booking`
}

async function releaseExpiredHolds(db: Kysely<Database>, practitionerId: string, blocked: string, at: Date) {
  const result = await db
    .updateTable('bookings')
    .set({ status: 'released' })
    .where('practitioner_id', '=', practitionerId)
    .where('status', '=', 'held')
    .where('hold_expires_at', '<=', at)
    .where(sql<boolean>`blocked && ${blocked}::tstzrange`)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
