// Loads what the availability engine needs for some practitioners over a span: hours, overrides, time off, busy time.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import type { CatalogueSnapshot } from './catalogue-cache.js'
import type { Interval, PractitionerSchedule } from './engine.js'

const DAY_MS = 86_400_000

export interface ScheduleSpan {
  /** Local dates, inclusive, for overrides. */
  fromDate: string
  toDate: string
  /** Instants that surely cover those dates in any zone, for time off and bookings. */
  from: Date
  to: Date
}

/**
 * Schedules from the cached catalogue, plus the one thing that cannot be cached: busy time, read in
 * one query whatever the number of practitioners. `busy: false` skips it when the exclusion
 * constraint will decide anyway.
 */
export async function loadSchedules(
  db: Kysely<Database>,
  clinicId: string,
  catalogue: CatalogueSnapshot,
  practitionerIds: string[],
  span: ScheduleSpan,
  now: Date,
  options: { ignoreBookingIds?: string[]; busy?: boolean } = {},
): Promise<PractitionerSchedule[]> {
  if (practitionerIds.length === 0) return []
  const from = span.from.getTime()
  const to = span.to.getTime()
  const schedules = new Map<string, PractitionerSchedule>(
    practitionerIds.map((id) => [
      id,
      {
        practitionerId: id,
        weekly: catalogue.weekly.get(id) ?? [],
        overrides: (catalogue.overrides.get(id) ?? []).filter(
          (override) => override.date >= span.fromDate && override.date <= span.toDate,
        ),
        timeOff: [],
        busy: [],
      },
    ]),
  )
  for (const off of catalogue.timeOff) {
    if (off.end <= from || off.start >= to) continue
    const interval: Interval = { start: off.start, end: off.end }
    if (off.practitionerId === null)
      for (const schedule of schedules.values()) schedule.timeOff.push(interval)
    else schedules.get(off.practitionerId)?.timeOff.push(interval)
  }
  if (options.busy === false) return [...schedules.values()]

  const range = `[${span.from.toISOString()},${span.to.toISOString()})`
  const result = await sql<{ practitioner_id: string; start: number; end: number }>`
    SELECT practitioner_id, (extract(epoch from lower(blocked)) * 1000)::float8 AS start,
           (extract(epoch from upper(blocked)) * 1000)::float8 AS "end"
      FROM bookings
     WHERE practitioner_id = ANY(${practitionerIds}::text[]) AND clinic_id = ${clinicId}
       AND status IN ('held', 'confirmed') AND blocked && ${range}::tstzrange
       -- A booking lasts at most 12 hours with 4 hours of buffers on either side: this bound lets the
       -- (clinic_id, starts_at) index read the span instead of the clinic's whole history.
       AND starts_at > ${new Date(from - DAY_MS)} AND starts_at < ${new Date(to + DAY_MS)}
       AND (status = 'confirmed' OR hold_expires_at > ${now})
       AND NOT (id = ANY(${options.ignoreBookingIds ?? []}::text[]))
  `.execute(db)
  for (const row of result.rows) {
    schedules.get(row.practitioner_id)?.busy.push({ start: Number(row.start), end: Number(row.end) })
  }
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
