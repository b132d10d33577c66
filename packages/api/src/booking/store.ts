// Booking rows in storage for one clinic: found, listed a page at a time, released and cancelled, and
// shaped for the wire (public, hold and clinic-only views). What claims a time is ./claim-writes.ts.
import type { Booking, BookingListQuery, BookingRecord, Hold } from '@frontdesk/contracts'
import type { Kysely, Selectable } from 'kysely'
import { localLabel, offsetAt } from '../availability/local-time.js'
import type { FieldCipher } from '../crypto/field-cipher.js'
import { openSealedText, textPurpose } from '../crypto/sealed-text.js'
import type { BookingsTable, Database } from '../db/schema.js'
import { openPatients } from '../patients/sealed-identity.js'
import { decodeCursor } from '../routes/cursor.js'

export type BookingRow = Selectable<BookingsTable>

export async function findBookingRow(
  db: Kysely<Database>,
  clinicId: string,
  where: { id: string } | { holdId: string },
): Promise<BookingRow | undefined> {
  let query = db.selectFrom('bookings').selectAll().where('clinic_id', '=', clinicId)
  query = 'id' in where ? query.where('id', '=', where.id) : query.where('hold_id', '=', where.holdId)
  return query.executeTakeFirst()
}

/** A page of the clinic's bookings, earliest first; `practitionerId` narrows to one calendar, `patientId` to one patient. */
export async function listBookingRows(
  db: Kysely<Database>,
  clinicId: string,
  query: BookingListQuery,
  ownPractitionerId: string | undefined,
): Promise<BookingRow[]> {
  const after = query.cursor ? decodeCursor(query.cursor, 'bkg') : null
  let select = db
    .selectFrom('bookings')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('status', 'in', query.status ? [query.status] : ['confirmed', 'cancelled'])
  if (query.from) select = select.where('starts_at', '>=', new Date(query.from))
  if (query.to) select = select.where('starts_at', '<', new Date(query.to))
  if (query.practitionerId) select = select.where('practitioner_id', '=', query.practitionerId)
  if (query.patientId) select = select.where('patient_id', '=', query.patientId)
  if (ownPractitionerId !== undefined) select = select.where('practitioner_id', '=', ownPractitionerId)
  if (after) {
    select = select.where((eb) =>
      eb.or([
        eb('starts_at', '>', after.at),
        eb.and([eb('starts_at', '=', after.at), eb('id', '>', after.id)]),
      ]),
    )
  }
  return select
    .orderBy('starts_at')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute()
}

/** Lets a held slot go; a hold already released stays as it is. */
export async function releaseHeldRow(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('bookings')
    .set({ status: 'released' })
    .where('id', '=', id)
    .where('status', '=', 'held')
    .execute()
}

/** Cancels a confirmed booking, with its reason sealed; undefined when it was cancelled meanwhile. */
export function cancelConfirmedRow(
  db: Kysely<Database>,
  id: string,
  at: number,
  reasonSealed: Uint8Array | null,
) {
  return db
    .updateTable('bookings')
    .set({ status: 'cancelled', cancelled_at: new Date(at), cancel_reason_sealed: reasonSealed })
    .where('id', '=', id)
    .where('status', '=', 'confirmed')
    .returningAll()
    .executeTakeFirst()
}

const iso = (value: Date | string) => new Date(value).toISOString()

export type HoldView = Pick<
  BookingRow,
  'hold_id' | 'service_id' | 'practitioner_id' | 'location_id' | 'starts_at' | 'ends_at' | 'hold_expires_at'
>

export function toHold(row: HoldView): Hold {
  return {
    id: row.hold_id!,
    serviceId: row.service_id,
    practitionerId: row.practitioner_id,
    locationId: row.location_id,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    expiresAt: iso(row.hold_expires_at!),
  }
}

export type BookingView = Pick<
  BookingRow,
  | 'id'
  | 'status'
  | 'service_id'
  | 'practitioner_id'
  | 'location_id'
  | 'starts_at'
  | 'ends_at'
  | 'created_at'
  | 'confirmed_at'
  | 'cancelled_at'
>

export function toBooking(row: BookingView, timeZone: string): Booking {
  const startsAt = new Date(row.starts_at).getTime()
  const local = localLabel(startsAt, offsetAt(timeZone, startsAt))
  return {
    id: row.id,
    status: row.status === 'cancelled' ? 'cancelled' : 'confirmed',
    serviceId: row.service_id,
    practitionerId: row.practitioner_id,
    locationId: row.location_id,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    localDate: local.date,
    localTime: local.time,
    timeZone,
    createdAt: iso(row.confirmed_at ?? row.created_at),
    cancelledAt: row.cancelled_at ? iso(row.cancelled_at) : null,
  }
}

/** The clinic's view: each booking with its patient and notes, opened from their seals. */
export async function toBookingRecords(
  db: Kysely<Database>,
  cipher: FieldCipher,
  rows: BookingRow[],
  timeZone: string,
): Promise<BookingRecord[]> {
  const patientIds = [...new Set(rows.map((row) => row.patient_id).filter((id): id is string => id !== null))]
  const patients = patientIds.length
    ? await db
        .selectFrom('patients')
        .select(['id', 'clinic_id', 'name_sealed', 'email_sealed', 'phone_sealed', 'date_of_birth_sealed'])
        .where('id', 'in', patientIds)
        .execute()
    : []
  const byId = await openPatients(cipher, patients)
  return Promise.all(
    rows.map(async (row) => {
      const patient = byId.get(row.patient_id ?? '')
      const { notes, cancelReason } = await openBookingTexts(cipher, row)
      return {
        ...toBooking(row, timeZone),
        patient: {
          id: row.patient_id ?? '',
          name: patient?.name ?? '',
          email: patient?.email ?? null,
          phone: patient?.phone ?? null,
          dateOfBirth: patient?.dateOfBirth ?? '',
        },
        notes,
        cancelReason,
      }
    }),
  )
}

/** A booking's notes and cancellation reason, opened. */
export async function openBookingTexts(
  cipher: FieldCipher,
  row: Pick<BookingRow, 'id' | 'clinic_id' | 'notes_sealed' | 'cancel_reason_sealed'>,
) {
  const [notes, cancelReason] = await Promise.all([
    openSealedText(cipher, row.clinic_id, textPurpose.bookingNotes(row.id), row.notes_sealed),
    openSealedText(cipher, row.clinic_id, textPurpose.cancelReason(row.id), row.cancel_reason_sealed),
  ])
  return { notes, cancelReason }
}
