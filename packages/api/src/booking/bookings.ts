// Bookings read and cancelled, each within its principal's rights: the clinic sees patients, a token its
// own booking only, a practitioner their own calendar. Every read of a patient is audited. Making and
// moving a booking is ./claim.ts.
import { type Booking, type BookingListQuery, type BookingRecord, endpoints } from '@frontdesk/contracts'
import { audit } from '../audit/trail.js'
import { sealText, textPurpose } from '../crypto/sealed-text.js'
import { actsForClinic, ownCalendar } from '../db/tenant-scope.js'
import type { RequestScope } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { idempotent } from '../idempotency/idempotent.js'
import { cipherOf } from '../request-scope.js'
import { encodeCursor } from '../routes/cursor.js'
import { changeableBooking, reachableRow } from './rules.js'
import { cancelConfirmedRow, listBookingRows, toBooking, toBookingRecords } from './store.js'

/** A page of the clinic's bookings with their patients, earliest first. */
export async function listBookings(
  scope: RequestScope,
  query: BookingListQuery,
): Promise<{ data: BookingRecord[]; nextCursor: string | null }> {
  const { db, clinic } = scope
  const rows = await listBookingRows(db, clinic.id, query, ownCalendar(scope.principal))
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  const data = await toBookingRecords(db, cipherOf(scope), page, clinic.timeZone)
  await audit(
    db,
    scope,
    data.flatMap((record) => [
      { action: 'booking.list' as const, objectType: 'booking' as const, objectId: record.id },
      { action: 'patient.read' as const, objectType: 'patient' as const, objectId: record.patient.id },
    ]),
  )
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor(new Date(last.starts_at), last.id) : null
  return { data, nextCursor }
}

/** The clinic's side gets the booking with its patient (audited); a token its own booking without them. */
export async function readBooking(scope: RequestScope, id: string): Promise<BookingRecord | Booking> {
  const { db, clinic, principal } = scope
  const row = await reachableRow(scope, { id }, 'booking')
  if (row.status !== 'confirmed' && row.status !== 'cancelled') throw notFound('booking')
  const own = ownCalendar(principal)
  if (own !== undefined && row.practitioner_id !== own) throw notFound('booking')
  if (!actsForClinic(principal)) return toBooking(row, clinic.timeZone)
  const [record] = await toBookingRecords(db, cipherOf(scope), [row], clinic.timeZone)
  await audit(db, scope, [
    { action: 'booking.read', objectType: 'booking', objectId: row.id },
    { action: 'patient.read', objectType: 'patient', objectId: row.patient_id! },
  ])
  return record!
}

/** Idempotent, so a retry after a lost answer gets that answer rather than "already cancelled". */
export async function cancelBooking(scope: RequestScope, id: string, reason: string | undefined) {
  const at = scope.now()
  return idempotent(
    scope,
    { operation: endpoints.cancelBooking, body: { id, reason } },
    async () => {
      const row = await changeableBooking(scope, id)
      const purpose = textPurpose.cancelReason(row.id)
      return { row, reason: await sealText(cipherOf(scope), scope.clinic.id, purpose, reason) }
    },
    async (trx, { row, reason }) => {
      const cancelled = await cancelConfirmedRow(trx, row.id, at, reason)
      if (!cancelled) throw new ApiError('BOOKING_NOT_CHANGEABLE', 'This booking is already cancelled')
      await audit(trx, scope, [{ action: 'booking.cancel', objectType: 'booking', objectId: row.id }])
      return { status: 200 as const, body: toBooking(cancelled, scope.clinic.timeZone) }
    },
  )
}
