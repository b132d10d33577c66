// The hot writes in one round trip and one implicit transaction: lock the practitioner, upsert the
// patient, insert the hold or booking, audit it and record the idempotent answer (frontdesk_claim).
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
  /** A booking's message choices (JSON text) and sealed manage token; holds have neither. */
  messaging?: string | null
  manageSealed?: Uint8Array | null
  /** Builds the answer for the chosen practitioner, so it can be stored with the write. */
  answer: (candidate: ResolvedSlot['candidates'][number]) => { status: 200 | 201; body: unknown }
  idempotency: IdempotencyRecord | null
}

/**
 * Tries the free practitioners in order. `frontdesk_claim` takes the practitioner's advisory lock and
 * then checks for a live overlap with a fresh snapshot, so contenders queue briefly and the losers
 * write nothing. The exclusion constraint has the last word; expired holds in the way are released
 * only when it objects.
 */
export async function insertClaim(
  c: Context<AppEnv>,
  slot: ResolvedSlot,
  claim: NewClaim,
  options: ClaimOptions,
): Promise<ResolvedSlot['candidates'][number]> {
  const db = c.get('deps').db
  for (const candidate of slot.candidates) {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const written = await claimStatement(c, slot, claim, candidate, options).execute(db)
        if (written.rows[0]?.claimed) return candidate
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

/** One call of `frontdesk_claim` (migrations/0003_claim.sql); it answers false when the time is taken. */
function claimStatement(
  c: Context<AppEnv>,
  slot: ResolvedSlot,
  claim: NewClaim,
  candidate: ResolvedSlot['candidates'][number],
  options: ClaimOptions,
): RawBuilder<{ claimed: boolean }> {
  const { principal, requestId, clientIp, clinic } = c.var
  const { patient, idempotency } = options
  const answer = idempotency ? options.answer(candidate) : null
  return sql<{ claimed: boolean }>`SELECT frontdesk_claim(
    ${claim.id}, ${clinic.id}, ${claim.holdId}, ${claim.status}, ${slot.serviceId}, ${candidate.practitionerId},
    ${candidate.locationId}, ${slot.startsAt}, ${slot.endsAt}, ${slot.blocked}::tstzrange, ${claim.holdExpiresAt},
    ${claim.notes}, ${claim.visitTokenHash}, ${claim.manageTokenHash}, ${claim.at},
    ${patient ? newId('pat') : null}, ${patient ? patientIdentityKey(patient) : null}, ${patient?.name ?? null},
    ${patient?.email ?? null}, ${patient?.phone ?? null}, ${patient?.dateOfBirth ?? null}::date,
    ${principal.kind}, ${principal.id}, ${requestId}, ${clientIp},
    ${idempotency?.lookup ?? null}, ${idempotency?.requestHash ?? null}, ${answer?.status ?? null}::integer,
    ${answer && idempotency ? idempotency.seal(answer.body) : null}::jsonb,
    ${options.messaging ?? null}::jsonb, ${options.manageSealed ?? null}::bytea
  ) AS claimed`
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
