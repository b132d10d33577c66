// Reads booking rows for one clinic and shapes them for the wire: public, hold and clinic-only views.
import type { Booking, BookingRecord, Hold } from '@frontdesk/contracts'
import type { Kysely, Selectable } from 'kysely'
import { localLabel, offsetAt } from '../availability/local-time.js'
import type { BookingsTable, Database } from '../db/schema.js'
import type { Principal } from '../env.js'
import { notFound } from '../errors.js'

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

/** A visit or manage token reaches its own row only; anything else looks exactly like a missing id. */
export function assertOwnRow(
  principal: Principal,
  row: BookingRow | undefined,
  what: string,
): asserts row is BookingRow {
  if (!row) throw notFound(what)
  if ((principal.kind === 'visit' || principal.kind === 'manage') && principal.bookingId !== row.id)
    throw notFound(what)
}

const iso = (value: Date | string) => new Date(value).toISOString()

export function toHold(row: BookingRow): Hold {
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

export async function toBookingRecords(
  db: Kysely<Database>,
  rows: BookingRow[],
  timeZone: string,
): Promise<BookingRecord[]> {
  const patientIds = [...new Set(rows.map((row) => row.patient_id).filter((id): id is string => id !== null))]
  const patients = patientIds.length
    ? await db
        .selectFrom('patients')
        .select(['id', 'name', 'email', 'phone', 'date_of_birth'])
        .where('id', 'in', patientIds)
        .execute()
    : []
  const byId = new Map(patients.map((patient) => [patient.id, patient]))
  return rows.map((row) => {
    const patient = byId.get(row.patient_id ?? '')
    return {
      ...toBooking(row, timeZone),
      patient: {
        id: patient?.id ?? '',
        name: patient?.name ?? '',
        email: patient?.email ?? null,
        phone: patient?.phone ?? null,
        dateOfBirth: patient?.date_of_birth ?? '',
      },
      notes: row.notes,
      cancelReason: row.cancel_reason,
    }
  })
}
