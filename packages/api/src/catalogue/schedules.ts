// Practitioners' schedules for the clinic's own systems: weekly hours, date overrides and time off (of a
// practitioner, or the whole clinic). A practitioner reads their own calendar only; the ids a schedule
// names must be the clinic's own.
import {
  type CreateDateOverride,
  type CreateTimeOff,
  type DateOverride,
  endpoints,
  type SetWeeklyHours,
  type TimeOff,
  type WeeklyHours,
} from '@frontdesk/contracts'
import { type Kysely, sql } from 'kysely'
import type { z } from 'zod'
import type { Database } from '../db/schema.js'
import { assertOwnCalendar, missingIds, ownCalendar } from '../db/tenant-scope.js'
import type { RequestScope } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { idempotent } from '../idempotency/idempotent.js'
import { newId } from '../tokens.js'

type Db = Kysely<Database>

export async function readWeeklyHours(scope: RequestScope, practitionerId: string): Promise<WeeklyHours[]> {
  assertOwnCalendar(scope.principal, practitionerId)
  await assertPractitioner(scope.db, scope.clinic.id, practitionerId)
  return weeklyHours(scope.db, scope.clinic.id, practitionerId)
}

/** Replaces the practitioner's whole week. */
export async function setWeeklyHours(
  scope: RequestScope,
  practitionerId: string,
  { hours }: z.infer<typeof SetWeeklyHours>,
): Promise<WeeklyHours[]> {
  const { db } = scope
  const clinicId = scope.clinic.id
  await assertPractitioner(db, clinicId, practitionerId)
  await assertLocations(
    db,
    clinicId,
    hours.map((row) => row.locationId),
  )
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('weekly_hours')
      .where('clinic_id', '=', clinicId)
      .where('practitioner_id', '=', practitionerId)
      .execute()
    if (hours.length === 0) return
    await trx
      .insertInto('weekly_hours')
      .values(
        hours.map((row) => ({
          clinic_id: clinicId,
          practitioner_id: practitionerId,
          location_id: row.locationId,
          weekday: row.weekday,
          start_time: row.start,
          end_time: row.end,
        })),
      )
      .execute()
  })
  return weeklyHours(db, clinicId, practitionerId)
}

export async function listDateOverrides(
  scope: RequestScope,
  practitionerId: string,
): Promise<DateOverride[]> {
  assertOwnCalendar(scope.principal, practitionerId)
  await assertPractitioner(scope.db, scope.clinic.id, practitionerId)
  const rows = await scope.db
    .selectFrom('date_overrides')
    .selectAll()
    .where('clinic_id', '=', scope.clinic.id)
    .where('practitioner_id', '=', practitionerId)
    .orderBy('date')
    .execute()
  return rows.map(toOverride)
}

/** One date's hours in place of the weekly ones; a second override of the date replaces the first. */
export async function setDateOverride(
  scope: RequestScope,
  practitionerId: string,
  input: z.infer<typeof CreateDateOverride>,
): Promise<DateOverride> {
  const { db } = scope
  const clinicId = scope.clinic.id
  await assertPractitioner(db, clinicId, practitionerId)
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
      practitioner_id: practitionerId,
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
  return toOverride(row)
}

export async function removeDateOverride(scope: RequestScope, practitionerId: string, date: string) {
  const result = await scope.db
    .deleteFrom('date_overrides')
    .where('clinic_id', '=', scope.clinic.id)
    .where('practitioner_id', '=', practitionerId)
    .where('date', '=', date)
    .executeTakeFirst()
  if (result.numDeletedRows === 0n) throw notFound('override')
}

export async function listTimeOff(
  scope: RequestScope,
  practitionerId: string | undefined,
): Promise<TimeOff[]> {
  let query = scope.db
    .selectFrom('time_off')
    .select(['id', 'practitioner_id', 'reason', sqlLower, sqlUpper])
    .where('clinic_id', '=', scope.clinic.id)
  if (practitionerId) query = query.where('practitioner_id', '=', practitionerId)
  // A practitioner sees their own time off; clinic closures (no practitioner) concern them too.
  const own = ownCalendar(scope.principal)
  if (own !== undefined)
    query = query.where((eb) => eb.or([eb('practitioner_id', '=', own), eb('practitioner_id', 'is', null)]))
  const rows = await query.orderBy('starts_at').execute()
  return rows.map(toTimeOff)
}

export async function createTimeOff(scope: RequestScope, input: z.infer<typeof CreateTimeOff>) {
  const { db } = scope
  const clinicId = scope.clinic.id
  const startsAt = new Date(input.startsAt).toISOString()
  const endsAt = new Date(input.endsAt).toISOString()
  return idempotent(
    scope,
    { operation: endpoints.createTimeOff, body: input },
    async () => {
      if (input.practitionerId) await assertPractitioner(db, clinicId, input.practitionerId, 'practitionerId')
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
      const timeOff: TimeOff = {
        id: row.id,
        practitionerId: row.practitioner_id,
        startsAt,
        endsAt,
        reason: row.reason,
      }
      return { status: 201 as const, body: timeOff }
    },
  )
}

export async function removeTimeOff(scope: RequestScope, id: string): Promise<void> {
  const result = await scope.db
    .deleteFrom('time_off')
    .where('clinic_id', '=', scope.clinic.id)
    .where('id', '=', id)
    .executeTakeFirst()
  if (result.numDeletedRows === 0n) throw notFound('time off')
}

const sqlLower = sql<Date>`lower(during)`.as('starts_at')
const sqlUpper = sql<Date>`upper(during)`.as('ends_at')

function toTimeOff(row: {
  id: string
  practitioner_id: string | null
  reason: string | null
  starts_at: Date
  ends_at: Date
}): TimeOff {
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

async function weeklyHours(db: Db, clinicId: string, practitionerId: string): Promise<WeeklyHours[]> {
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

/** 404 for a practitioner the clinic does not have; 422 naming `field` when the id came in a body. */
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
