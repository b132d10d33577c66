// Calendar arithmetic and labels for the booking widget: local dates as YYYY-MM-DD strings, labels by Intl.

const DAY_MS = 86_400_000

/** Today's date in a time zone, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now = Date.now()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
}

/**
 * Whole years from a date of birth to a day (both YYYY-MM-DD), undefined for a date it cannot read. A
 * birthday on 29 February is reached on 1 March in a year without one.
 */
export function yearsOld(dateOfBirth: string, today: string): number | undefined {
  const born = /^(\d{4})-(\d{2}-\d{2})$/.exec(dateOfBirth)
  const now = /^(\d{4})-(\d{2}-\d{2})$/.exec(today)
  if (!born || !now) return undefined
  return Number(now[1]) - Number(born[1]) - ((now[2] as string) < (born[2] as string) ? 1 : 0)
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** A local date's label, e.g. "Wednesday, 25 November"; the date is a wall date, so it is read in UTC. */
export function dayLabel(date: string, locale: string, style: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: style,
    day: 'numeric',
    month: style === 'long' ? 'long' : 'short',
  }).format(Date.parse(`${date}T00:00:00Z`))
}

/** An instant's wall time in a zone, 24-hour `HH:MM`. */
export function timeIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(Date.parse(instant))
}

/** An instant's full label in a zone, e.g. "Wednesday, 25 November 2026 at 09:15". */
export function whenLabel(instant: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(Date.parse(instant))
}

/** A zone's readable name, e.g. "Central European Time" or the IANA id when Intl has none. */
export function zoneName(timeZone: string, locale: string): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(Date.now())
    .find((p) => p.type === 'timeZoneName')
  return part?.value ?? timeZone
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** `m:ss` for a countdown. */
export function countdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}
