// A practitioner's patients: those with a booking with them. Their reads of intake answers and consent
// records stop there; anything else is as absent as another clinic's (404).
import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { AppEnv } from '../env.js'
import { notFound } from '../errors.js'
import { ownCalendar } from '../middleware/principal/index.js'

/** The patient ids of the practitioner's bookings, as a subquery. */
export function ownPatientIds(db: Kysely<Database>, clinicId: string, practitionerId: string) {
  return db
    .selectFrom('bookings')
    .select('patient_id')
    .where('clinic_id', '=', clinicId)
    .where('practitioner_id', '=', practitionerId)
    .where('patient_id', 'is not', null)
}

/** The practitioner's booking ids, as a subquery. */
export function ownBookingIds(db: Kysely<Database>, clinicId: string, practitionerId: string) {
  return db
    .selectFrom('bookings')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('practitioner_id', '=', practitionerId)
}

/** Passes for everyone but a practitioner, and for them when the patient or booking is theirs. */
export async function assertOwnPatient(
  c: Context<AppEnv>,
  subject: { patientId: string | null; bookingId?: string | null },
  what: string,
): Promise<void> {
  const own = ownCalendar(c.get('principal'))
  if (own === undefined) return
  if (!subject.patientId && !subject.bookingId) throw notFound(what)
  const { db } = c.get('deps')
  const clinicId = c.get('clinic').id
  const mine = await db
    .selectFrom('bookings')
    .select('id')
    .where('clinic_id', '=', clinicId)
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
