// Hold routes: a chosen slot is held for the clinic's hold time, blocks everyone else, and can be moved or released by its holder.

import { Hold, HoldCreated, Id, SlotChoice } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import * as z from 'zod'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { assertOwnRow, findBookingRow, toHold } from '../services/booking-store.js'
import { insertClaim } from '../services/claim-writes.js'
import { idempotentStatement } from '../services/idempotency.js'
import { claimSlot, resolveSlot } from '../services/slots.js'
import { hashToken, newId, newToken } from '../tokens.js'
import { error, json, jsonBody, route } from './define.js'

const HoldParam = z.object({ id: Id })
const conflict = error

export function holdRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    route(['publishable', 'secret'], {
      permission: 'booking:manage',
      method: 'post',
      path: '/holds',
      tags: ['Booking'],
      summary: 'Hold a slot while the patient types their details',
      description:
        "The hold blocks the slot for everyone else for the clinic's hold time. Leave out practitionerId for any free practitioner. Honours Idempotency-Key.",
      request: { body: jsonBody(SlotChoice) },
      responses: {
        201: json(HoldCreated, 'The hold and the visit token that acts on it'),
        409: conflict('SLOT_TAKEN or SLOT_UNAVAILABLE'),
      },
    }),
    async (c) => {
      const choice = c.req.valid('json')
      const { db, now } = c.var.deps
      const clinic = c.var.clinic
      const at = now()
      const outcome = await idempotentStatement(
        c,
        choice,
        () => resolveSlot(db, clinic, choice, at),
        async (slot, record) => {
          const visitToken = newToken('vt')
          const expiresAt = new Date(at + clinic.holdMinutes * 60_000)
          const claim = {
            id: newId('bkg'),
            holdId: newId('hold'),
            status: 'held' as const,
            holdExpiresAt: expiresAt,
            notes: null,
            visitTokenHash: hashToken(visitToken),
            manageTokenHash: null,
            at: new Date(at),
          }
          const answer = (candidate: { practitionerId: string; locationId: string | null }) => {
            const hold: Hold = {
              id: claim.holdId,
              serviceId: slot.serviceId,
              practitionerId: candidate.practitionerId,
              locationId: candidate.locationId,
              startsAt: slot.startsAt.toISOString(),
              endsAt: slot.endsAt.toISOString(),
              expiresAt: expiresAt.toISOString(),
            }
            return { status: 201 as const, body: { hold, visitToken } }
          }
          const chosen = await insertClaim(c, slot, claim, { idempotency: record, answer })
          return answer(chosen)
        },
      )
      return c.json(outcome.body, 201)
    },
  )

  app.openapi(
    route(['visit', 'secret'], {
      permission: 'booking:read',
      method: 'get',
      path: '/holds/{id}',
      tags: ['Booking'],
      summary: 'A live hold and when it expires',
      request: { params: HoldParam },
      responses: { 200: json(Hold, 'The hold'), 410: conflict('HOLD_EXPIRED') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const row = await findBookingRow(c.var.deps.db, c.var.clinic.id, { holdId: id })
      assertOwnRow(c.var.principal, row, 'hold')
      if (row.status === 'confirmed' || row.status === 'cancelled') throw notFound('hold')
      if (row.status === 'released' || new Date(row.hold_expires_at!).getTime() <= c.var.deps.now()) {
        throw new ApiError('HOLD_EXPIRED', 'This hold has expired; choose the time again')
      }
      return c.json(toHold(row), 200)
    },
  )

  app.openapi(
    route(['visit'], {
      method: 'put',
      path: '/holds/{id}',
      tags: ['Booking'],
      summary: 'Pick again: move the hold to another slot, or renew it on the same one',
      description: 'Works on a live or expired hold, as long as nobody else has taken the slot meanwhile.',
      request: { params: HoldParam, body: jsonBody(SlotChoice) },
      responses: {
        200: json(Hold, 'The hold, with a fresh expiry'),
        409: conflict('SLOT_TAKEN or SLOT_UNAVAILABLE'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const choice = c.req.valid('json')
      const { db, now } = c.var.deps
      const clinic = c.var.clinic
      const row = await findBookingRow(db, clinic.id, { holdId: id })
      assertOwnRow(c.var.principal, row, 'hold')
      if (row.status !== 'held' && row.status !== 'released') throw notFound('hold')
      const at = now()
      const slot = await resolveSlot(db, clinic, choice, at, [row.id])
      const expiresAt = new Date(at + clinic.holdMinutes * 60_000)
      const moved = await db.transaction().execute(async (trx) => {
        const candidate = await claimSlot(
          trx,
          slot,
          at,
          async (chosen) => {
            const result = await trx
              .updateTable('bookings')
              .set({
                status: 'held',
                service_id: slot.serviceId,
                practitioner_id: chosen.practitionerId,
                location_id: chosen.locationId,
                starts_at: slot.startsAt,
                ends_at: slot.endsAt,
                blocked: slot.blocked,
                hold_expires_at: expiresAt,
              })
              .where('id', '=', row.id)
              .where('status', 'in', ['held', 'released'])
              .executeTakeFirst()
            if (result.numUpdatedRows === 0n) throw notFound('hold')
          },
          [row.practitioner_id],
        )
        return candidate
      })
      return c.json(
        toHold({
          ...row,
          service_id: slot.serviceId,
          practitioner_id: moved.practitionerId,
          location_id: moved.locationId,
          starts_at: slot.startsAt,
          ends_at: slot.endsAt,
          hold_expires_at: expiresAt,
        }),
        200,
      )
    },
  )

  app.openapi(
    route(['visit', 'secret'], {
      permission: 'booking:manage',
      method: 'delete',
      path: '/holds/{id}',
      tags: ['Booking'],
      summary: 'Let the slot go',
      request: { params: HoldParam },
      responses: { 204: { description: 'Released' } },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const db = c.var.deps.db
      const row = await findBookingRow(db, c.var.clinic.id, { holdId: id })
      assertOwnRow(c.var.principal, row, 'hold')
      if (row.status !== 'held' && row.status !== 'released') throw notFound('hold')
      await db
        .updateTable('bookings')
        .set({ status: 'released' })
        .where('id', '=', row.id)
        .where('status', '=', 'held')
        .execute()
      return c.body(null, 204)
    },
  )

  return app
}
