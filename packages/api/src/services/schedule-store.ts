// Loads what the availability engine needs for some practitioners over a span: hours, overrides, time off, busy time.
import { type Kysely, sql } from 'kysely'
import type { Interval, PractitionerSchedule } from '../availability/engine.js'
import type { Database } from '../db/schema.js'

const DAY_MS = 86_400_000

export interface ScheduleSpan {
  /** Local dates, inclusive, for overrides. */
  fromDate: string
  toDate: string
  /** Instants that surely cover those dates in any zone, for time off and bookings. */
  from: Date
  to: Date
}

interface ScheduleRows {
  hours: [string, number, string, string, string | null][]
  overrides: [string, string, PractitionerSchedule['overrides'][number]['windows']][]
  time_off: [string | null, number, number][]
  busy: [string, number, number][]
}

/**
 * One round trip whatever the number of practitioners, so "any practitioner" costs what one does:
 * each part comes back as a JSON array of tuples.
 */
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
  const ids = sql`${practitionerIds}::text[]`
  const epochMs = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`)
  const result = await sql<ScheduleRows>`
    SELECT
      (SELECT coalesce(json_agg(json_build_array(practitioner_id, weekday, start_time, end_time, location_id)), '[]')
         FROM weekly_hours WHERE clinic_id = ${clinicId} AND practitioner_id = ANY(${ids})) AS hours,
      (SELECT coalesce(json_agg(json_build_array(practitioner_id, date, windows)), '[]')
         FROM date_overrides WHERE clinic_id = ${clinicId} AND practitioner_id = ANY(${ids})
          AND date BETWEEN ${span.fromDate}::date AND ${span.toDate}::date) AS overrides,
      (SELECT coalesce(json_agg(json_build_array(practitioner_id, ${epochMs('lower(during)')}, ${epochMs('upper(during)')})), '[]')
         FROM time_off WHERE clinic_id = ${clinicId}
          AND (practitioner_id = ANY(${ids}) OR practitioner_id IS NULL)
          AND during && ${range}::tstzrange) AS time_off,
      (SELECT coalesce(json_agg(json_build_array(practitioner_id, ${epochMs('lower(blocked)')}, ${epochMs('upper(blocked)')})), '[]')
         FROM bookings WHERE practitioner_id = ANY(${ids}) AND clinic_id = ${clinicId}
          AND status IN ('held', 'confirmed') AND blocked && ${range}::tstzrange
          -- A booking lasts at most 12 hours with 4 hours of buffers on either side: this bound lets the
          -- (clinic_id, starts_at) index read the span instead of the clinic's whole history.
          AND starts_at > ${new Date(span.from.getTime() - DAY_MS)} AND starts_at < ${new Date(span.to.getTime() + DAY_MS)}
          AND (status = 'confirmed' OR hold_expires_at > ${now})
          AND NOT (id = ANY(${ignoreBookingIds}::text[]))) AS busy
  `.execute(db)
  const rows = result.rows[0]!

  const schedules = new Map<string, PractitionerSchedule>(
    practitionerIds.map((id) => [
      id,
      { practitionerId: id, weekly: [], overrides: [], timeOff: [], busy: [] },
    ]),
  )
  for (const [id, weekday, start, end, locationId] of rows.hours) {
    schedules.get(id)?.weekly.push({ weekday, start, end, locationId })
  }
  for (const [id, date, windows] of rows.overrides) schedules.get(id)?.overrides.push({ date, windows })
  for (const [id, start, end] of rows.time_off) {
    const interval: Interval = { start, end }
    if (id === null) for (const schedule of schedules.values()) schedule.timeOff.push(interval)
    else schedules.get(id)?.timeOff.push(interval)
  }
  for (const [id, start, end] of rows.busy) schedules.get(id)?.busy.push({ start, end })
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
