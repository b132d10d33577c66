// Wall-clock times in the clinic's zone to UTC and back, with Intl only, so the mocks run in any browser.
const MINUTE_MS = 60_000
const DAY_MS = 86_400_000
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, format)
  }
  return format
}

/** Minutes east of UTC in force at `ms`. */
export function offsetAt(timeZone: string, ms: number): number {
  const parts: Record<string, number> = {}
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) parts[part.type] = Number(part.value)
  const wall = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour! % 24,
    parts.minute!,
    parts.second!,
  )
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / MINUTE_MS)
}

/** The instant of `minutes` after local midnight of `date`; a time in a DST gap lands just after it. */
export function localToUtc(timeZone: string, date: string, minutes: number): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE_MS
  const first = wall - offsetAt(timeZone, wall) * MINUTE_MS
  return wall - offsetAt(timeZone, first) * MINUTE_MS
}

/** The local date, `HH:MM` and offset of an instant. */
export function localLabel(timeZone: string, ms: number): { date: string; time: string; offset: number } {
  const offset = offsetAt(timeZone, ms)
  const iso = new Date(ms + offset * MINUTE_MS).toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), offset }
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** ISO weekday of a local date, 1 = Monday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return day === 0 ? 7 : day
}

/** `HH:MM` (up to `24:00`) as minutes after midnight. */
export function wallMinutes(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}
