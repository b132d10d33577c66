// Schedule routes for the clinic's own systems: weekly hours, date overrides and time off.

import { type DateOverride, endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import { sql } from 'kysely'
import type { AppEnv, Principal } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { ownCalendar } from '../middleware/principal/index.js'
import { missingIds } from '../services/catalogue-store.js'
import { idempotent } from '../services/idempotency.js'
import { newId } from '../tokens.js'
import { route } from './define.js'

type Db = AppEnv['Variables']['deps']['db']

export function scheduleRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.getWeeklyHours), async (c) => {
    const { id } = c.req.valid('param')
    assertOwnCalendar(c.var.principal, id)
    await assertPractitioner(c.var.deps.db, c.var.clinic.id, id)
    return c.json({ data: await weeklyHours(c.var.deps.db, c.var.clinic.id, id) }, 200)
  })

  app.openapi(route(endpoints.setWeeklyHours), async (c) => {
    const { id } = c.req.valid('param')
    const { hours } = c.req.valid('json')
    const clinicId = c.var.clinic.id
    const db = c.var.deps.db
    await assertPractitioner(db, clinicId, id)
    await assertLocations(
      db,
      clinicId,
      hours.map((row) => row.locationId),
    )
    await db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('weekly_hours')
        .where('clinic_id', '=', clinicId)
        .where('practitioner_id', '=', id)
        .execute()
      if (hours.length === 0) return
      await trx
        .insertInto('weekly_hours')
        .values(
          hours.map((row) => ({
            clinic_id: clinicId,
            practitioner_id: id,
            location_id: row.locationId,
            weekday: row.weekday,
            start_time: row.start,
            end_time: row.end,
          })),
        )
        .execute()
    })
    return c.json({ data: await weeklyHours(db, clinicId, id) }, 200)
  })

  app.openapi(route(endpoints.listDateOverrides), async (c) => {
    const { id } = c.req.valid('param')
    const db = c.var.deps.db
    assertOwnCalendar(c.var.principal, id)
    await assertPractitioner(db, c.var.clinic.id, id)
    const rows = await db
      .selectFrom('date_overrides')
      .selectAll()
      .where('clinic_id', '=', c.var.clinic.id)
      .where('practitioner_id', '=', id)
      .orderBy('date')
      .execute()
    return c.json({ data: rows.map(toOverride) }, 200)
  })

  app.openapi(route(endpoints.setDateOverrides), async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    const clinicId = c.var.clinic.id
    const db = c.var.deps.db
    await assertPractitioner(db, clinicId, id)
    await assertLocations(
      db,
      clinicId,
      input.windows.map((window) => window.locationId),
    )
    const row = await db
      .insertInto('date_overrides')
      .values({
        id: newId('ovr'),
        clinic_id: clinicId,
        practitioner_id: id,
        date: input.date,
        windows: JSON.stringify(input.windows),
      })
      .onConflict((conflict) =>
        conflict
          .columns(['clinic_id', 'practitioner_id', 'date'])
          .doUpdateSet({ windows: JSON.stringify(input.windows) }),
      )
      .returningAll()
      .executeTakeFirstOrThrow()
    return c.json(toOverride(row), 200)
  })

  app.openapi(route(endpoints.deleteDateOverride), async (c) => {
    const { id, date } = c.req.valid('param')
    const result = await c.var.deps.db
      .deleteFrom('date_overrides')
      .where('clinic_id', '=', c.var.clinic.id)
      .where('practitioner_id', '=', id)
      .where('date', '=', date)
      .executeTakeFirst()
    if (result.numDeletedRows === 0n) throw notFound('override')
    return c.body(null, 204)
  })

  app.openapi(route(endpoints.listTimeOff), async (c) => {
    const { practitionerId } = c.req.valid('query')
    let query = c.var.deps.db
      .selectFrom('time_off')
      .select(['id', 'practitioner_id', 'reason', sqlLower, sqlUpper])
      .where('clinic_id', '=', c.var.clinic.id)
    if (practitionerId) query = query.where('practitioner_id', '=', practitionerId)
    // A practitioner sees their own time off; clinic closures (no practitioner) concern them too.
    const own = ownCalendar(c.var.principal)
    if (own !== undefined)
      query = query.where((eb) => eb.or([eb('practitioner_id', '=', own), eb('practitioner_id', 'is', null)]))
    const rows = await query.orderBy('starts_at').execute()
    return c.json({ data: rows.map(toTimeOff) }, 200)
  })

  app.openapi(route(endpoints.createTimeOff), async (c) => {
    const input = c.req.valid('json')
    const clinicId = c.var.clinic.id
    const db = c.var.deps.db
    const startsAt = new Date(input.startsAt).toISOString()
    const endsAt = new Date(input.endsAt).toISOString()
    const { body } = await idempotent(
      c,
      input,
      async () => {
        if (input.practitionerId)
          await assertPractitioner(db, clinicId, input.practitionerId, 'practitionerId')
      },
      async (trx) => {
        const row = {
          id: newId('off'),
          clinic_id: clinicId,
          practitioner_id: input.practitionerId,
          during: `[${startsAt},${endsAt})`,
          reason: input.reason,
        }
        await trx.insertInto('time_off').values(row).execute()
        const timeOff = {
          id: row.id,
          practitionerId: row.practitioner_id,
          startsAt,
          endsAt,
          reason: row.reason,
        }
        return { status: 201 as const, body: timeOff }
      },
    )
    return c.json(body, 201)
  })

  app.openapi(route(endpoints.deleteTimeOff), async (c) => {
    const { id } = c.req.valid('param')
    const result = await c.var.deps.db
      .deleteFrom('time_off')
      .where('clinic_id', '=', c.var.clinic.id)
      .where('id', '=', id)
      .executeTakeFirst()
    if (result.numDeletedRows === 0n) throw notFound('time off')
    return c.body(null, 204)
  })

  return app
}

const sqlLower = sql<Date>`lower(during)`.as('starts_at')
const sqlUpper = sql<Date>`upper(during)`.as('ends_at')

function toTimeOff(row: {
  id: string
  practitioner_id: string | null
  reason: string | null
  starts_at: Date
  ends_at: Date
}) {
  return {
    id: row.id,
    practitionerId: row.practitioner_id,
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    reason: row.reason,
  }
}

function toOverride(row: {
  id: string
  practitioner_id: string
  date: string
  windows: DateOverride['windows']
}): DateOverride {
  return { id: row.id, practitionerId: row.practitioner_id, date: row.date, windows: row.windows }
}

async function weeklyHours(db: Db, clinicId: string, practitionerId: string) {
  const rows = await db
    .selectFrom('weekly_hours')
    .select(['weekday', 'start_time', 'end_time', 'location_id'])
    .where('clinic_id', '=', clinicId)
    .where('practitioner_id', '=', practitionerId)
    .orderBy('weekday')
    .orderBy('start_time')
    .execute()
  return rows.map((row) => ({
    weekday: row.weekday,
    start: row.start_time,
    end: row.end_time,
    locationId: row.location_id,
  }))
}

async function assertPractitioner(db: Db, clinicId: string, practitionerId: string, field?: string) {
  const missing = await missingIds(db, 'practitioners', clinicId, [practitionerId])
  if (missing.length === 0) return
  if (!field) throw notFound('practitioner')
  throw new ApiError('VALIDATION_FAILED', `${field}: no such practitioner in this clinic`, {
    issues: [{ path: field, message: 'No such practitioner in this clinic' }],
  })
}

async function assertLocations(db: Db, clinicId: string, locationIds: (string | null)[]) {
  const ids = [...new Set(locationIds.filter((id): id is string => id !== null))]
  const missing = await missingIds(db, 'locations', clinicId, ids)
  if (missing.length) {
    throw new ApiError('VALIDATION_FAILED', 'locationId: no such location in this clinic', {
      issues: [{ path: 'locationId', message: 'No such location in this clinic' }],
    })
  }
}

/** A practitioner's reads stop at their own calendar: anyone else's looks like no practitioner at all. */
function assertOwnCalendar(principal: Principal, practitionerId: string) {
  const own = ownCalendar(principal)
  if (own !== undefined && own !== practitionerId) throw notFound('practitioner')
}
