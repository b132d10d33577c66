// Dates and times in the clinic's time zone (not the browser's): staff plan the clinic's day, wherever they are;
// written in the console's language, read when formatting so a switch of language shows at once.
import { currentLocale } from './messages.js'

/** The date it is now in `timeZone`, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
}

export function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number)
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

/** How far `timeZone` is ahead of UTC at the instant `utcMs`, in milliseconds. */
function offsetAt(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs))
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  )
  return wall - Math.floor(utcMs / 1000) * 1000
}

/** The instant (ISO, UTC) when the clinic's clocks show `date` `time`; DST-correct. */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number)
  const [hour = 0, minute = 0] = time.split(':').map(Number)
  const wall = Date.UTC(year, month - 1, day, hour, minute)
  // Twice: the first guess uses the offset at the wrong instant when a DST change lies between.
  let utc = wall - offsetAt(wall, timeZone)
  utc = wall - offsetAt(utc, timeZone)
  return new Date(utc).toISOString()
}

/** `2026-11-25T08:00:00Z` → `2026-11-25T09:00` in Europe/Berlin: the value of a datetime-local input. */
export function zonedLocal(iso: string, timeZone: string): string {
  const utc = Date.parse(iso)
  return new Date(utc + offsetAt(utc, timeZone)).toISOString().slice(0, 16)
}

export function formatInstant(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(currentLocale(), {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso))
}

/** A clinic date such as `2026-11-25` as `Wed 25 Nov 2026`. */
export function formatLocalDate(date: string): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number)
  return new Intl.DateTimeFormat(currentLocale(), {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(Date.UTC(year, month - 1, day)))
}
