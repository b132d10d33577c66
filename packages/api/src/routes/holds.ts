// Hold routes: a chosen slot is held for the clinic's hold time, blocks everyone else, and can be moved or released by its holder.

import { endpoints, type Hold } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { assertOwnRow, findBookingRow, toHold } from '../services/booking-store.js'
import { insertClaim } from '../services/claim-writes.js'
import { idempotentStatement } from '../services/idempotency.js'
import { claimSlot, resolveSlot } from '../services/slots.js'
import { hashToken, newId, newToken } from '../tokens.js'
import { route } from './define.js'

export function holdRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.createHold), async (c) => {
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
  })

  app.openapi(route(endpoints.getHold), async (c) => {
    const { id } = c.req.valid('param')
    const row = await findBookingRow(c.var.deps.db, c.var.clinic.id, { holdId: id })
    assertOwnRow(c.var.principal, row, 'hold')
    if (row.status === 'confirmed' || row.status === 'cancelled') throw notFound('hold')
    if (row.status === 'released' || new Date(row.hold_expires_at!).getTime() <= c.var.deps.now()) {
      throw new ApiError('HOLD_EXPIRED', 'This hold has expired; choose the time again')
    }
    return c.json(toHold(row), 200)
  })

  app.openapi(route(endpoints.repickHold), async (c) => {
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
  })

  app.openapi(route(endpoints.releaseHold), async (c) => {
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
  })

  return app
}
