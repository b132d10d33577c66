// Booking routes: book from a hold or a slot, read, list, cancel and reschedule, each within its principal's rights.

import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { bookingMessaging, sealedManageToken } from '../messages/manage-link.js'
import { actsForClinic, ownCalendar } from '../middleware/principal/index.js'
import { audit } from '../services/audit.js'
import {
  assertOwnRow,
  type BookingView,
  findBookingRow,
  toBooking,
  toBookingRecords,
} from '../services/booking-store.js'
import { insertClaim } from '../services/claim-writes.js'
import { idempotent, idempotentStatement, recordAnswer } from '../services/idempotency.js'
import { matchOrCreatePatient, normalisePatient } from '../services/patients.js'
import { claimSlot, resolveSlot } from '../services/slots.js'
import { hashToken, newId, newToken } from '../tokens.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { route } from './define.js'

export function bookingRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.createBooking), async (c) => {
    const input = c.req.valid('json')
    const { db, now } = c.get('deps')
    const { clinic, principal } = c.var
    const patient = normalisePatient(input.patient, input.phoneRegion)
    const at = now()
    // Booking a hold with its visit token keeps that token, so a retry after a lost answer still works.
    const keepsVisitToken = principal.kind === 'visit'
    const visitToken = keepsVisitToken ? bearerToken(c.req.header('Authorization')) : newToken('vt')
    const manageToken = newToken('mt')

    const notes = input.notes ?? null
    const messaging = bookingMessaging(input.messages)
    const sealManageToken = (bookingId: string) => sealedManageToken(c, bookingId, manageToken)
    const booked = (view: BookingView) => ({
      status: 201 as const,
      body: { booking: toBooking(view, clinic.timeZone), visitToken, manageToken },
    })

    const outcome = await idempotentStatement(
      c,
      input,
      async () => {
        if (input.holdId !== undefined) {
          if (principal.kind === 'publishable') {
            throw new ApiError('FORBIDDEN', 'Book a held slot with the visit token the hold returned')
          }
          const row = await findBookingRow(db, clinic.id, { holdId: input.holdId })
          assertOwnRow(principal, row, 'hold')
          if (row.status === 'confirmed' || row.status === 'cancelled') throw notFound('hold')
          if (row.status === 'released' || new Date(row.hold_expires_at!).getTime() <= at) {
            throw new ApiError('HOLD_EXPIRED', 'The hold on this time has expired; choose the time again')
          }
          return { kind: 'hold' as const, row }
        }
        if (principal.kind === 'visit')
          throw new ApiError('FORBIDDEN', 'A visit token books its own hold only')
        const choice = {
          serviceId: input.serviceId!,
          startsAt: input.startsAt!,
          ...(input.practitionerId !== undefined && { practitionerId: input.practitionerId }),
          ...(input.locationId !== undefined && { locationId: input.locationId }),
        }
        return { kind: 'slot' as const, slot: await resolveSlot(db, clinic, choice, at) }
      },
      async (prepared, record) => {
        if (prepared.kind === 'hold') {
          // The hold already owns the slot: confirming it is a small transaction, no practitioner lock.
          const manageSealed = await sealManageToken(prepared.row.id)
          return db.transaction().execute(async (trx) => {
            const patientId = await matchOrCreatePatient(trx, clinic.id, patient)
            const row = await trx
              .updateTable('bookings')
              .set({
                status: 'confirmed',
                patient_id: patientId,
                notes,
                hold_expires_at: null,
                ...(keepsVisitToken ? {} : { visit_token_hash: hashToken(visitToken) }),
                manage_token_hash: hashToken(manageToken),
                manage_token_sealed: manageSealed,
                messaging,
                confirmed_at: new Date(at),
              })
              .where('id', '=', prepared.row.id)
              .where('status', '=', 'held')
              .where('hold_expires_at', '>', new Date(at))
              .returningAll()
              .executeTakeFirst()
            if (!row)
              throw new ApiError('HOLD_EXPIRED', 'The hold on this time has expired; choose the time again')
            await audit(trx, c, [
              { action: 'patient.match_or_create', objectType: 'patient', objectId: patientId },
              { action: 'booking.create', objectType: 'booking', objectId: row.id },
            ])
            const outcome = booked(row)
            await recordAnswer(trx, record, outcome)
            return outcome
          })
        }
        const { slot } = prepared
        const claim = {
          id: newId('bkg'),
          holdId: null,
          status: 'confirmed' as const,
          holdExpiresAt: null,
          notes,
          visitTokenHash: hashToken(visitToken),
          manageTokenHash: hashToken(manageToken),
          at: new Date(at),
        }
        const manageSealed = await sealManageToken(claim.id)
        const view = (candidate: { practitionerId: string; locationId: string | null }): BookingView => ({
          id: claim.id,
          status: 'confirmed',
          service_id: slot.serviceId,
          practitioner_id: candidate.practitionerId,
          location_id: candidate.locationId,
          starts_at: slot.startsAt,
          ends_at: slot.endsAt,
          created_at: claim.at,
          confirmed_at: claim.at,
          cancelled_at: null,
        })
        const candidate = await insertClaim(c, slot, claim, {
          patient,
          messaging,
          manageSealed,
          idempotency: record,
          answer: (chosen) => booked(view(chosen)),
        })
        return booked(view(candidate))
      },
    )
    return c.json(outcome.body, 201)
  })

  app.openapi(route(endpoints.listBookings), async (c) => {
    const query = c.req.valid('query')
    const { db } = c.get('deps')
    const clinic = c.get('clinic')
    const after = query.cursor ? decodeCursor(query.cursor, 'bkg') : null
    let select = db
      .selectFrom('bookings')
      .selectAll()
      .where('clinic_id', '=', clinic.id)
      .where('status', 'in', query.status ? [query.status] : ['confirmed', 'cancelled'])
    if (query.from) select = select.where('starts_at', '>=', new Date(query.from))
    if (query.to) select = select.where('starts_at', '<', new Date(query.to))
    if (query.practitionerId) select = select.where('practitioner_id', '=', query.practitionerId)
    const own = ownCalendar(c.get('principal'))
    if (own !== undefined) select = select.where('practitioner_id', '=', own)
    if (after) {
      select = select.where((eb) =>
        eb.or([
          eb('starts_at', '>', after.at),
          eb.and([eb('starts_at', '=', after.at), eb('id', '>', after.id)]),
        ]),
      )
    }
    const rows = await select
      .orderBy('starts_at')
      .orderBy('id')
      .limit(query.limit + 1)
      .execute()
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    const data = await toBookingRecords(db, page, clinic.timeZone)
    await audit(
      db,
      c,
      data.flatMap((record) => [
        { action: 'booking.list' as const, objectType: 'booking' as const, objectId: record.id },
        { action: 'patient.read' as const, objectType: 'patient' as const, objectId: record.patient.id },
      ]),
    )
    const nextCursor =
      rows.length > query.limit && last ? encodeCursor(new Date(last.starts_at), last.id) : null
    return c.json({ data, nextCursor }, 200)
  })

  app.openapi(route(endpoints.getBooking), async (c) => {
    const { id } = c.req.valid('param')
    const { db } = c.get('deps')
    const { clinic, principal } = c.var
    const row = await findBookingRow(db, clinic.id, { id })
    assertOwnRow(principal, row, 'booking')
    if (row.status !== 'confirmed' && row.status !== 'cancelled') throw notFound('booking')
    const own = ownCalendar(principal)
    if (own !== undefined && row.practitioner_id !== own) throw notFound('booking')
    if (!actsForClinic(principal)) return c.json(toBooking(row, clinic.timeZone), 200)
    const [record] = await toBookingRecords(db, [row], clinic.timeZone)
    await audit(db, c, [
      { action: 'booking.read', objectType: 'booking', objectId: row.id },
      { action: 'patient.read', objectType: 'patient', objectId: row.patient_id! },
    ])
    return c.json(record!, 200)
  })

  app.openapi(route(endpoints.cancelBooking), async (c) => {
    const { id } = c.req.valid('param')
    const { reason } = c.req.valid('json')
    const { now } = c.get('deps')
    const clinic = c.get('clinic')
    const at = now()
    // Idempotent, so a retry after a lost answer gets that answer rather than "already cancelled".
    const outcome = await idempotent(
      c,
      { id, reason },
      () => changeableBooking(c, id),
      async (trx, row) => {
        const result = await trx
          .updateTable('bookings')
          .set({ status: 'cancelled', cancelled_at: new Date(at), cancel_reason: reason ?? null })
          .where('id', '=', row.id)
          .where('status', '=', 'confirmed')
          .returningAll()
          .executeTakeFirst()
        if (!result) throw new ApiError('BOOKING_NOT_CHANGEABLE', 'This booking is already cancelled')
        await audit(trx, c, [{ action: 'booking.cancel', objectType: 'booking', objectId: row.id }])
        return { status: 200 as const, body: toBooking(result, clinic.timeZone) }
      },
    )
    return c.json(outcome.body, 200)
  })

  app.openapi(route(endpoints.rescheduleBooking), async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    const { db, now } = c.get('deps')
    const clinic = c.get('clinic')
    const at = now()
    const outcome = await idempotent(
      c,
      { id, ...input },
      async () => {
        const row = await changeableBooking(c, id)
        const choice = {
          serviceId: row.service_id,
          practitionerId: input.practitionerId ?? row.practitioner_id,
          startsAt: input.startsAt,
        }
        return { row, slot: await resolveSlot(db, clinic, choice, at, [row.id]) }
      },
      async (trx, { row, slot }) => {
        let moved: typeof row | undefined
        await claimSlot(
          trx,
          slot,
          at,
          async (candidate) => {
            moved = await trx
              .updateTable('bookings')
              .set({
                practitioner_id: candidate.practitionerId,
                location_id: candidate.locationId,
                starts_at: slot.startsAt,
                ends_at: slot.endsAt,
                blocked: slot.blocked,
              })
              .where('id', '=', row.id)
              .where('status', '=', 'confirmed')
              .returningAll()
              .executeTakeFirst()
            if (!moved) throw new ApiError('BOOKING_NOT_CHANGEABLE', 'This booking is cancelled')
          },
          [row.practitioner_id],
        )
        await audit(trx, c, [{ action: 'booking.reschedule', objectType: 'booking', objectId: row.id }])
        return { status: 200 as const, body: toBooking(moved!, clinic.timeZone) }
      },
    )
    return c.json(outcome.body, 200)
  })

  return app
}

/** The booking a cancel or reschedule acts on, with the patient's window enforced for manage tokens. */
async function changeableBooking(c: import('hono').Context<AppEnv>, id: string) {
  const { db, now } = c.get('deps')
  const { clinic, principal } = c.var
  const row = await findBookingRow(db, clinic.id, { id })
  assertOwnRow(principal, row, 'booking')
  if (row.status === 'held' || row.status === 'released') throw notFound('booking')
  if (row.status === 'cancelled') throw new ApiError('BOOKING_NOT_CHANGEABLE', 'This booking is cancelled')
  if (principal.kind === 'manage') {
    const deadline = new Date(row.starts_at).getTime() - clinic.cancellationNoticeMinutes * 60_000
    if (now() > deadline) {
      throw new ApiError(
        'CANCELLATION_WINDOW_PASSED',
        `Changes online are possible until ${clinic.cancellationNoticeMinutes / 60} hours before the appointment; please call the clinic`,
      )
    }
  }
  return row
}

function bearerToken(header: string | undefined): string {
  return header?.replace(/^Bearer\s+/i, '') ?? ''
}
