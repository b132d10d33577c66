// Retention: each clinic keeps each kind of record (bookings, intake, consent evidence, audit) for as
// many days as its policy says, and a purge removes what is older, except what a legal hold keeps. It
// reports what it removed and what holds kept. Bookings go with their messages; a patient left with
// nothing is made anonymous. Consent records stay (the chain needs them); their sealed evidence goes.
// Audit events go, except those about held patients; their seals stay, so the chain still verifies
// (migrations/0019). It runs on the system
// connection, as the owner: only the owner may delete audit events, and only in a purge. A dry run is the
// same purge rolled back, so what it reports is exactly what a purge at that moment removes.
import type { RecordKind, RetentionPolicy, RetentionRun } from '@frontdesk/contracts'
import { type Kysely, sql } from 'kysely'
import { sealAuditEvents } from '../audit/seal.js'
import type { ChainHeadKeys } from '../crypto/chain-head-keys.js'
import type { Database } from '../db/schema.js'
import { newId } from '../tokens.js'
import { anonymous } from './erasure.js'

type Db = Kysely<Database>
const DAY_MS = 24 * 60 * 60 * 1000

export const NO_RETENTION: RetentionPolicy = {
  bookingsDays: null,
  intakeDays: null,
  consentEvidenceDays: null,
  auditDays: null,
}

export function retentionPolicy(stored: Record<string, unknown> | null | undefined): RetentionPolicy {
  const policy = { ...NO_RETENTION }
  for (const key of Object.keys(NO_RETENTION) as (keyof RetentionPolicy)[]) {
    const value = stored?.[key]
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) policy[key] = value
  }
  return policy
}

/**
 * Purges one clinic by its policy. A scheduled run records itself only when it removed or kept something;
 * one asked for through the API always does, so the clinic sees its answer in the list.
 */
export async function purgeClinic(
  system: Db,
  keys: ChainHeadKeys,
  clinicId: string,
  at: number,
  options: { record: 'always' | 'when-something-happened' | 'dry-run' } = { record: 'always' },
): Promise<RetentionRun> {
  const clinic = await system
    .selectFrom('clinics')
    .select('retention')
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow()
  const policy = retentionPolicy(clinic.retention)
  if (policy.auditDays !== null) await sealAuditEvents(system, keys, clinicId)
  try {
    return await purgeInTransaction(system, clinicId, policy, at, options.record)
  } catch (error) {
    if (error instanceof DryRunDone) return error.run
    throw error
  }
}

/**
 * A dry run is the purge itself, rolled back: its counts are the real purge's by construction, and the
 * rollback undoes every delete, so it removes nothing (and stores no report).
 */
class DryRunDone extends Error {
  constructor(readonly run: RetentionRun) {
    super('retention dry run: rolled back')
  }
}

async function purgeInTransaction(
  system: Db,
  clinicId: string,
  policy: RetentionPolicy,
  at: number,
  record: 'always' | 'when-something-happened' | 'dry-run',
): Promise<RetentionRun> {
  return system.transaction().execute(async (trx) => {
    // One purge per clinic at a time, across processes.
    await sql`SELECT pg_advisory_xact_lock(9, hashtext(${clinicId}))`.execute(trx)
    const held = await heldPatients(trx, clinicId, at)
    const removed = { bookings: 0, patients: 0, intakeResponses: 0, consentEvidence: 0, auditEvents: 0 }
    const kept = { bookings: 0, intakeResponses: 0, consentEvidence: 0, auditEvents: 0 }
    const cutoff = (days: number) => new Date(at - days * DAY_MS)

    if (policy.bookingsDays !== null) {
      const old = await trx
        .selectFrom('bookings')
        .select(['id', 'patient_id'])
        .where('clinic_id', '=', clinicId)
        .where('ends_at', '<', cutoff(policy.bookingsDays))
        .execute()
      const purge = old
        .filter((row) => !row.patient_id || !held.bookings.has(row.patient_id))
        .map((row) => row.id)
      kept.bookings = old.length - purge.length
      if (purge.length) {
        await trx.deleteFrom('messages').where('booking_id', 'in', purge).execute()
        await trx
          .updateTable('intake_responses')
          .set({ booking_id: null })
          .where('booking_id', 'in', purge)
          .execute()
        await trx.deleteFrom('bookings').where('id', 'in', purge).execute()
      }
      removed.bookings = purge.length
    }

    if (policy.intakeDays !== null) {
      const old = await trx
        .selectFrom('intake_responses')
        .leftJoin('bookings', 'bookings.id', 'intake_responses.booking_id')
        .select([
          'intake_responses.id',
          sql<string | null>`coalesce(intake_responses.patient_id, bookings.patient_id)`.as('patient'),
        ])
        .where('intake_responses.clinic_id', '=', clinicId)
        .where(
          sql<Date>`coalesce(intake_responses.submitted_at, intake_responses.updated_at)`,
          '<',
          cutoff(policy.intakeDays),
        )
        .execute()
      const purge = old.filter((row) => !row.patient || !held.intake.has(row.patient)).map((row) => row.id)
      kept.intakeResponses = old.length - purge.length
      if (purge.length) {
        await trx.deleteFrom('intake_files').where('response_id', 'in', purge).execute()
        await trx.deleteFrom('intake_answers').where('response_id', 'in', purge).execute()
        await trx.deleteFrom('intake_responses').where('id', 'in', purge).execute()
      }
      removed.intakeResponses = purge.length
    }

    if (policy.consentEvidenceDays !== null) {
      const old = await trx
        .selectFrom('consent_records')
        .select(['id', 'patient_id'])
        .where('clinic_id', '=', clinicId)
        .where('chain_version', '=', 2)
        .where('recorded_at', '<', cutoff(policy.consentEvidenceDays))
        .where((eb) =>
          eb.or([
            eb('signer_name', 'is not', null),
            eb('typed_name', 'is not', null),
            eb('signature', 'is not', null),
          ]),
        )
        .execute()
      const purge = old
        .filter((row) => !row.patient_id || !held.consent.has(row.patient_id))
        .map((row) => row.id)
      kept.consentEvidence = old.length - purge.length
      if (purge.length) {
        await trx
          .updateTable('consent_records')
          .set({ signer_name: null, typed_name: null, signature: null, erased_at: new Date(at) })
          .where('id', 'in', purge)
          .execute()
      }
      removed.consentEvidence = purge.length
    }

    if (policy.auditDays !== null) {
      const result = await purgeAudit(trx, clinicId, cutoff(policy.auditDays), [...held.audit])
      removed.auditEvents = result.removed
      kept.auditEvents = result.kept
    }

    if (policy.bookingsDays !== null) {
      // A patient with no booking and no intake left, held by nothing, keeps nothing personal.
      const anyHeld = new Set([...held.bookings, ...held.intake, ...held.consent, ...held.audit])
      const orphans = await trx
        .selectFrom('patients')
        .select('id')
        .where('clinic_id', '=', clinicId)
        .where('erased_at', 'is', null)
        .where('created_at', '<', cutoff(policy.bookingsDays))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('bookings')
                .select('bookings.id')
                .whereRef('bookings.patient_id', '=', 'patients.id'),
            ),
          ),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('intake_responses')
                .select('intake_responses.id')
                .whereRef('intake_responses.patient_id', '=', 'patients.id'),
            ),
          ),
        )
        .execute()
      const anonymise = orphans.map((row) => row.id).filter((id) => !anyHeld.has(id))
      if (anonymise.length) {
        await trx
          .updateTable('patients')
          .set(anonymous(new Date(at)))
          .where('id', 'in', anonymise)
          .execute()
      }
      removed.patients = anonymise.length
    }

    const run: RetentionRun = {
      id: newId('ret'),
      ranAt: new Date(at).toISOString(),
      removed,
      keptByLegalHold: kept,
    }
    if (record === 'dry-run') throw new DryRunDone(run)
    const happened = [...Object.values(removed), ...Object.values(kept)].some((count) => count > 0)
    if (record === 'always' || happened)
      await trx
        .insertInto('retention_runs')
        .values({
          id: run.id,
          clinic_id: clinicId,
          ran_at: new Date(at),
          report: JSON.stringify({ removed, keptByLegalHold: kept }),
        })
        .execute()
    return run
  })
}

/** Patient ids under an active hold, per kind. */
async function heldPatients(db: Db, clinicId: string, at: number): Promise<Record<RecordKind, Set<string>>> {
  const today = new Date(at).toISOString().slice(0, 10)
  const holds = await db
    .selectFrom('legal_holds')
    .select(['patient_id', 'kinds'])
    .where('clinic_id', '=', clinicId)
    .where('released_at', 'is', null)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', today)]))
    .execute()
  const held: Record<RecordKind, Set<string>> = {
    bookings: new Set(),
    intake: new Set(),
    consent: new Set(),
    audit: new Set(),
  }
  for (const hold of holds) for (const kind of hold.kinds as RecordKind[]) held[kind].add(hold.patient_id)
  return held
}

/** Deletes sealed events before `cutoff`, except those about held patients; their seals stay. */
async function purgeAudit(trx: Db, clinicId: string, cutoff: Date, heldPatientIds: string[]) {
  const heldObjects = heldPatientIds.length ? await objectsOf(trx, clinicId, heldPatientIds) : []
  const old = await trx
    .selectFrom('audit_seals')
    .innerJoin('audit_events', 'audit_events.id', 'audit_seals.event_id')
    .select(['audit_seals.sequence', 'audit_events.id', 'audit_events.object_id'])
    .where('audit_seals.clinic_id', '=', clinicId)
    .where('audit_events.occurred_at', '<', cutoff)
    .execute()
  const heldSet = new Set(heldObjects)
  const purge = old.filter((event) => !heldSet.has(event.object_id))
  if (purge.length === 0) return { removed: 0, kept: old.length }
  for (let from = 0; from < purge.length; from += 1000) {
    const batch = purge.slice(from, from + 1000)
    await trx
      .insertInto('audit_purged_seals')
      .values(batch.map((event) => ({ clinic_id: clinicId, sequence: event.sequence })))
      .execute()
    // Only a purge may delete audit events (migrations/0019), and only for its own transaction.
    await sql`SELECT set_config('frontdesk.retention', 'on', true)`.execute(trx)
    await trx
      .deleteFrom('audit_events')
      .where(
        'id',
        'in',
        batch.map((event) => event.id),
      )
      .execute()
    await sql`SELECT set_config('frontdesk.retention', 'off', true)`.execute(trx)
  }
  return { removed: purge.length, kept: old.length - purge.length }
}

/** The patients' ids and those of their bookings, intake responses and consent records: what audit events name. */
async function objectsOf(db: Db, clinicId: string, patientIds: string[]): Promise<string[]> {
  const [bookings, responses, records] = await Promise.all([
    db
      .selectFrom('bookings')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('patient_id', 'in', patientIds)
      .execute(),
    db
      .selectFrom('intake_responses')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('patient_id', 'in', patientIds)
      .execute(),
    db
      .selectFrom('consent_records')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('patient_id', 'in', patientIds)
      .execute(),
  ])
  return [...patientIds, ...[...bookings, ...responses, ...records].map((row) => row.id)]
}

/** Every clinic with a retention policy, one after another; answers what each removed. */
export async function purgeAllClinics(system: Db, keys: ChainHeadKeys, at: number): Promise<RetentionRun[]> {
  const clinics = await system
    .selectFrom('clinics')
    .select('id')
    .where(sql<boolean>`retention <> '{}'::jsonb`)
    .execute()
  const runs: RetentionRun[] = []
  for (const clinic of clinics)
    runs.push(await purgeClinic(system, keys, clinic.id, at, { record: 'when-something-happened' }))
  return runs
}
