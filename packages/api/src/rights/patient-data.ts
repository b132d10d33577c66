// Everything one clinic holds about one patient, found the same way for export, erasure and retention:
// the patient row, their bookings, the intake responses and consent records made by them or for their
// bookings, the messages sent about those bookings, and the audit of who read or changed any of it.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { notFound } from '../errors.js'

type Db = Kysely<Database>

export async function patientRow(db: Db, clinicId: string, patientId: string) {
  const row = await db
    .selectFrom('patients')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '=', patientId)
    .executeTakeFirst()
  if (!row) throw notFound('patient')
  return row
}

export function patientBookings(db: Db, clinicId: string, patientId: string) {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId)
    .where('status', 'in', ['confirmed', 'cancelled'])
    .orderBy('starts_at')
    .execute()
}

/** Responses the patient started or that belong to their bookings. */
export function patientResponses(db: Db, clinicId: string, patientId: string) {
  return db
    .selectFrom('intake_responses')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where((eb) =>
      eb.or([
        eb('patient_id', '=', patientId),
        eb(
          'booking_id',
          'in',
          eb
            .selectFrom('bookings')
            .select('id')
            .where('clinic_id', '=', clinicId)
            .where('patient_id', '=', patientId),
        ),
      ]),
    )
    .orderBy('created_at')
    .execute()
}

/** Audit events about the patient or anything of theirs: who accessed what, when, from where. */
export function patientAudit(db: Db, clinicId: string, objectIds: string[]) {
  if (objectIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('object_id', 'in', objectIds)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute()
}

/** The patient's active legal holds and the kinds they keep. */
export async function activeHolds(db: Db, clinicId: string, patientId: string, at: number) {
  const holds = await db
    .selectFrom('legal_holds')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId)
    .where('released_at', 'is', null)
    .execute()
  const today = new Date(at).toISOString().slice(0, 10)
  return holds.filter((hold) => hold.until === null || hold.until >= today)
}
