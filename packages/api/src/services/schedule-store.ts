// Loads what the availability engine needs for some practitioners over a span: hours, overrides, time off, busy time.
import { type Kysely, sql } from 'kysely'
import type { Interval, PractitionerSchedule } from '../availability/engine.js'
import type { Database } from '../db/schema.js'

export interface ScheduleSpan {
  /** Local dates, inclusive, for overrides. */
  fromDate: string
  toDate: string
  /** Instants that surely cover those dates in any zone, for time off and bookings. */
  from: Date
  to: Date
}

/** Four queries whatever the number of practitioners, so "any practitioner" costs the same round trips as one. */
export async function loadSchedules(
  db: Kysely<Database>,
  clinicId: string,
  practitionerIds: string[],
  span: ScheduleSpan,
  now: Date,
  ignoreBookingIds: string[] = [],
): Promise<PractitionerSchedule[]> {
  if (practitionerIds.length === 0) return []
  const range = `[${span.from.toISOString()},${span.to.toISOString()})`
  const [hours, overrides, timeOff, busy] = await Promise.all([
    db
      .selectFrom('weekly_hours')
      .select(['practitioner_id', 'weekday', 'start_time', 'end_time', 'location_id'])
      .where('clinic_id', '=', clinicId)
      .where('practitioner_id', 'in', practitionerIds)
      .execute(),
    db
      .selectFrom('date_overrides')
      .select(['practitioner_id', 'date', 'windows'])
      .where('clinic_id', '=', clinicId)
      .where('practitioner_id', 'in', practitionerIds)
      .where('date', '>=', span.fromDate)
      .where('date', '<=', span.toDate)
      .execute(),
    db
      .selectFrom('time_off')
      .select([
        'practitioner_id',
        sql<string>`extract(epoch from lower(during)) * 1000`.as('start'),
        sql<string>`extract(epoch from upper(during)) * 1000`.as('end'),
      ])
      .where('clinic_id', '=', clinicId)
      .where((eb) => eb.or([eb('practitioner_id', 'in', practitionerIds), eb('practitioner_id', 'is', null)]))
      .where(sql<boolean>`during && ${range}::tstzrange`)
      .execute(),
    db
      .selectFrom('bookings')
      .select([
        'practitioner_id',
        sql<string>`extract(epoch from lower(blocked)) * 1000`.as('start'),
        sql<string>`extract(epoch from upper(blocked)) * 1000`.as('end'),
      ])
      .where('clinic_id', '=', clinicId)
      .where('practitioner_id', 'in', practitionerIds)
      .where(sql<boolean>`blocked && ${range}::tstzrange`)
      .$if(ignoreBookingIds.length > 0, (query) => query.where('id', 'not in', ignoreBookingIds))
      .where((eb) =>
        eb.or([
          eb('status', '=', 'confirmed'),
          eb.and([eb('status', '=', 'held'), eb('hold_expires_at', '>', now)]),
        ]),
      )
      .execute(),
  ])

  const schedules = new Map<string, PractitionerSchedule>(
    practitionerIds.map((id) => [
      id,
      { practitionerId: id, weekly: [], overrides: [], timeOff: [], busy: [] },
    ]),
  )
  for (const row of hours) {
    schedules.get(row.practitioner_id)?.weekly.push({
      weekday: row.weekday,
      start: row.start_time,
      end: row.end_time,
      locationId: row.location_id,
    })
  }
  for (const row of overrides) {
    schedules.get(row.practitioner_id)?.overrides.push({ date: row.date, windows: row.windows })
  }
  const interval = (row: { start: string; end: string }): Interval => ({
    start: Number(row.start),
    end: Number(row.end),
  })
  for (const row of timeOff) {
    if (row.practitioner_id === null)
      for (const schedule of schedules.values()) schedule.timeOff.push(interval(row))
    else schedules.get(row.practitioner_id)?.timeOff.push(interval(row))
  }
  for (const row of busy) schedules.get(row.practitioner_id)?.busy.push(interval(row))
  return [...schedules.values()]
}

/** Instants a day either side of a local date range: wide enough for every zone on earth. */
export function spanForDates(fromDate: string, toDate: string): ScheduleSpan {
  const day = 86_400_000
  return {
    fromDate,
    toDate,
    from: new Date(Date.parse(`${fromDate}T00:00:00Z`) - day),
    to: new Date(Date.parse(`${toDate}T00:00:00Z`) + 2 * day),
  }
}
