// Booking routes of the mocks: book from a hold or a slot, read it with its token, cancel or reschedule with the manage token.
import {
  type BookingCreated,
  CancelBooking,
  CreateBooking,
  endpoints,
  type PatientDetails,
  RescheduleBooking,
} from '@frontdesk/contracts'
import { jsonBody, MockApiError, notFound, parseOrThrow } from '../responses.js'
import { resolveSlot, slotColumns } from '../slots.js'
import type { BookingRow, MockStore, Principal } from '../store.js'
import { newId, newToken } from '../tokens.js'
import type { Router } from './route.js'

const MINUTE_MS = 60_000

export function bookingHandlers(store: MockStore, { route }: Router) {
  /** The booking a cancel or reschedule acts on, with the patient's window enforced for manage tokens. */
  function changeable(principal: Principal, id: string): BookingRow {
    const row = store.ownRow(principal, store.rows.get(id), 'booking')
    if (row.status === 'held' || row.status === 'released') throw notFound('booking')
    if (row.status === 'cancelled')
      throw new MockApiError('BOOKING_NOT_CHANGEABLE', 'This booking is cancelled')
    const notice = store.clinic.policy.cancellationNoticeMinutes
    if (principal.kind === 'manage' && store.now() > row.startsAt - notice * MINUTE_MS) {
      throw new MockApiError(
        'CANCELLATION_WINDOW_PASSED',
        `Changes online are possible until ${notice / 60} hours before the appointment; please call the clinic`,
      )
    }
    return row
  }

  return [
    route(endpoints.createBooking, async ({ request, principal, idempotent }) => {
      const input = parseOrThrow(CreateBooking, await jsonBody(request))
      return idempotent(input, () => {
        const at = store.now()
        const patient = { ...normalisePatient(input.patient), id: newId('pat') }
        const tokens = { visitToken: newToken('vt'), manageToken: newToken('mt') }
        let row: BookingRow
        if (input.holdId !== undefined) {
          if (principal.kind === 'publishable') {
            throw new MockApiError('FORBIDDEN', 'Book a held slot with the visit token the hold returned')
          }
          row = store.ownRow(principal, store.byHoldId(input.holdId), 'hold')
          if (row.status === 'confirmed' || row.status === 'cancelled') throw notFound('hold')
          if (row.status === 'released' || (row.holdExpiresAt ?? 0) <= at) {
            throw new MockApiError('HOLD_EXPIRED', 'The hold on this time has expired; choose the time again')
          }
          Object.assign(row, { status: 'confirmed', holdExpiresAt: null, confirmedAt: at })
        } else {
          if (principal.kind === 'visit')
            throw new MockApiError('FORBIDDEN', 'A visit token books its own hold only')
          // The contract's refinement guarantees both when there is no holdId.
          const slot = resolveSlot(store, {
            serviceId: input.serviceId!,
            startsAt: input.startsAt!,
            practitionerId: input.practitionerId,
            locationId: input.locationId,
          })
          row = {
            id: newId('bkg'),
            holdId: null,
            status: 'confirmed',
            ...slotColumns(slot),
            holdExpiresAt: null,
            visitToken: '',
            manageToken: null,
            patient: null,
            notes: null,
            createdAt: at,
            confirmedAt: at,
            cancelledAt: null,
            cancelReason: null,
          }
          store.rows.set(row.id, row)
        }
        // Like the API, the booking gets a fresh visit token: the hold's stops working.
        Object.assign(row, { ...tokens, patient, notes: input.notes ?? null })
        const body: BookingCreated = { booking: store.toBooking(row), ...tokens }
        return { status: 201, body }
      })
    }),

    route(endpoints.getBooking, ({ params: { id }, principal }) => {
      const row = store.ownRow(principal, store.rows.get(id), 'booking')
      if (row.status !== 'confirmed' && row.status !== 'cancelled') throw notFound('booking')
      return {
        status: 200,
        body: principal.kind === 'secret' ? store.toBookingRecord(row) : store.toBooking(row),
      }
    }),

    route(endpoints.cancelBooking, async ({ request, params: { id }, principal }) => {
      const { reason } = parseOrThrow(CancelBooking, await jsonBody(request))
      const row = changeable(principal, id)
      Object.assign(row, { status: 'cancelled', cancelledAt: store.now(), cancelReason: reason ?? null })
      return { status: 200, body: store.toBooking(row) }
    }),

    route(endpoints.rescheduleBooking, async ({ request, params: { id }, principal }) => {
      const input = parseOrThrow(RescheduleBooking, await jsonBody(request))
      const row = changeable(principal, id)
      const slot = resolveSlot(
        store,
        {
          serviceId: row.serviceId,
          practitionerId: input.practitionerId ?? row.practitionerId,
          startsAt: input.startsAt,
        },
        row.id,
      )
      Object.assign(row, {
        practitionerId: slot.practitionerId,
        locationId: slot.locationId,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        blocked: slot.blocked,
      })
      return { status: 200, body: store.toBooking(row) }
    }),
  ]
}

/** The API stores phones as E.164; without a phone library the mocks keep the digits and a leading +. */
function normalisePatient(patient: PatientDetails): PatientDetails {
  return patient.phone === undefined ? patient : { ...patient, phone: patient.phone.replace(/[^+\d]/g, '') }
}
