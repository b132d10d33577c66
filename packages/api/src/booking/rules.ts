// The booking rules the claim and the routes share: which row a caller reaches, when a hold still holds
// its slot, and when a booking can still be changed (the patient's window before the appointment).
import { assertOwnRow } from '../db/tenant-scope.js'
import type { RequestScope } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { type BookingRow, findBookingRow } from './store.js'

/** The hold or booking row, if the caller reaches it (a token its own only); 404 otherwise. */
export async function reachableRow(
  scope: Pick<RequestScope, 'db' | 'clinic' | 'principal'>,
  where: { id: string } | { holdId: string },
  what: 'hold' | 'booking',
): Promise<BookingRow> {
  const row = await findBookingRow(scope.db, scope.clinic.id, where)
  assertOwnRow(scope.principal, row, what)
  return row
}

/** A hold that was confirmed or cancelled is no hold any more; one released or past its expiry has expired. */
export function assertLiveHold(
  row: BookingRow,
  at: number,
  expired = 'This hold has expired; choose the time again',
): void {
  if (row.status === 'confirmed' || row.status === 'cancelled') throw notFound('hold')
  if (row.status === 'released' || new Date(row.hold_expires_at!).getTime() <= at) {
    throw new ApiError('HOLD_EXPIRED', expired)
  }
}

/** The booking a cancel or reschedule acts on, with the patient's window enforced for manage tokens. */
export async function changeableBooking(scope: RequestScope, id: string): Promise<BookingRow> {
  const { clinic, principal } = scope
  const row = await reachableRow(scope, { id }, 'booking')
  if (row.status === 'held' || row.status === 'released') throw notFound('booking')
  if (row.status === 'cancelled') throw new ApiError('BOOKING_NOT_CHANGEABLE', 'This booking is cancelled')
  if (principal.kind === 'manage' && scope.now() > changeDeadline(row, clinic.cancellationNoticeMinutes)) {
    throw new ApiError(
      'CANCELLATION_WINDOW_PASSED',
      `Changes online are possible until ${clinic.cancellationNoticeMinutes / 60} hours before the appointment; please call the clinic`,
    )
  }
  return row
}

const changeDeadline = (row: BookingRow, noticeMinutes: number) =>
  new Date(row.starts_at).getTime() - noticeMinutes * 60_000
