// Wall-clock <-> UTC conversion for clinic time zones, cached so the availability engine stays cheap.
import { DateTime, IANAZone } from 'luxon'

export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000
export const MINUTES_PER_DAY = 1440

export interface ResolvedInstant {
  ms: number
  // Offset (minutes east of UTC) in force at `ms`; lets callers label times without asking luxon again.
  offset: number
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_RE = /^(\d{2}):(\d{2})$/

// Days since 1970-01-01: plain integers make date iteration and cache keys allocation-free.
export function parseLocalDate(value: string): number {
  const m = DATE_RE.exec(value)
  if (!m) throw new RangeError(`Invalid local date '${value}', expected YYYY-MM-DD`)
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  const ms = Date.UTC(y, mo - 1, d)
  const check = new Date(ms)
  // Date.UTC silently rolls 2026-02-31 into March; a typo should fail loudly instead.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`Invalid local date '${value}'`)
  }
  return ms / DAY_MS
}

// Minutes since local midnight; '24:00' is allowed so a window can run to the end of the day.
export function parseWallTime(value: string): number {
  const m = TIME_RE.exec(value)
  const h = Number(m?.[1])
  const min = Number(m?.[2])
  if (!m || min > 59 || h * 60 + min > MINUTES_PER_DAY) {
    throw new RangeError(`Invalid wall time '${value}', expected HH:MM between 00:00 and 24:00`)
  }
  return h * 60 + min
}

export function isoWeekday(dayNum: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNum + 3) % 7) + 7) % 7) + 1
}

const dateLabels = new Map<number, string>()

export function formatLocalDate(dayNum: number): string {
  let label = dateLabels.get(dayNum)
  if (label === undefined) {
    label = new Date(dayNum * DAY_MS).toISOString().slice(0, 10)
    if (dateLabels.size > 20_000) dateLabels.clear()
    dateLabels.set(dayNum, label)
  }
  return label
}

const timeLabels: string[] = Array.from({ length: MINUTES_PER_DAY }, (_, i) => {
  return `${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`
})

export interface LocalLabel {
  dayNum: number
  date: string
  time: string
}

// Pure arithmetic: the caller already knows the offset, so no luxon call is needed per slot.
export function localLabel(ms: number, offset: number): LocalLabel {
  const local = ms + offset * MINUTE_MS
  const dayNum = Math.floor(local / DAY_MS)
  const minute = Math.floor((local - dayNum * DAY_MS) / MINUTE_MS)
  return { dayNum, date: formatLocalDate(dayNum), time: timeLabels[minute] ?? '00:00' }
}

function ianaZone(zone: string): IANAZone {
  const z = IANAZone.create(zone)
  if (!z.isValid) throw new RangeError(`Unknown time zone '${zone}'`)
  return z
}

export function assertValidZone(zone: string): void {
  ianaZone(zone)
}

// Per zone and UTC day: the offset if it holds for the whole day (nearly every day), else null.
const steadyUtcDays = new Map<string, Map<number, number | null>>()

// Offset in minutes at an instant. Asking Intl costs microseconds, so whole steady UTC days are
// remembered; only a day with a transition in it asks every time.
export function offsetAt(zone: string, ms: number): number {
  let days = steadyUtcDays.get(zone)
  if (!days) {
    days = new Map()
    steadyUtcDays.set(zone, days)
  }
  const day = Math.floor(ms / DAY_MS)
  let steady = days.get(day)
  if (steady === undefined) {
    // No zone changes its offset twice within a day, so equal ends mean one offset throughout.
    const z = ianaZone(zone)
    const first = z.offset(day * DAY_MS)
    steady = first === z.offset((day + 1) * DAY_MS - 1) ? first : null
    if (days.size >= MAX_ENTRIES_PER_ZONE) days.clear()
    days.set(day, steady)
  }
  return steady ?? ianaZone(zone).offset(ms)
}

// Per zone, keyed by dayNum * 1441 + minute: numeric keys avoid building a string per lookup.
interface ZoneCache {
  instants: Map<number, ResolvedInstant>
  // Per local date: the offset if it is the same all day (the common case), else null.
  steady: Map<number, number | null>
}
const cache = new Map<string, ZoneCache>()
const MAX_ENTRIES_PER_ZONE = 10_000
const HOUR_MS = 3_600_000

/**
 * The first instant at which the clock in `zone` shows at least the given wall time:
 * - a time inside a DST gap resolves to the transition itself (the instant right after the gap);
 *   luxon on its own shifts by the gap length instead (02:30 -> 03:30), which is not what we want;
 * - a repeated time on a fall-back day resolves to its earlier occurrence; luxon picks the later one.
 * This rule is monotonic in the wall time, so window starts/ends keep their order.
 */
export function localToUtc(zone: string, dayNum: number, minuteOfDay: number): ResolvedInstant {
  let day = dayNum
  let minute = minuteOfDay
  if (minute >= MINUTES_PER_DAY) {
    day += Math.floor(minute / MINUTES_PER_DAY)
    minute %= MINUTES_PER_DAY
  }
  let zc = cache.get(zone)
  if (!zc) {
    zc = { instants: new Map(), steady: new Map() }
    cache.set(zone, zc)
  }
  const key = day * 1441 + minute
  const hit = zc.instants.get(key)
  if (hit) return hit
  let steady = zc.steady.get(day)
  if (steady === undefined) {
    // Offsets lie within -12h..+14h, so these two instants bracket the whole local day; equal offsets
    // there mean no transition in between (no zone changes twice within ~50 hours). Two Intl lookups
    // per day instead of a luxon DateTime per wall time is what keeps uncached ranges fast.
    const z = ianaZone(zone)
    const first = z.offset(day * DAY_MS - 14 * HOUR_MS)
    steady = first === z.offset((day + 1) * DAY_MS + 12 * HOUR_MS) ? first : null
    if (zc.steady.size >= MAX_ENTRIES_PER_ZONE) zc.steady.clear()
    zc.steady.set(day, steady)
  }
  const wall = day * DAY_MS + minute * MINUTE_MS
  const resolved =
    steady === null ? resolve(zone, day, minute) : { ms: wall - steady * MINUTE_MS, offset: steady }
  if (zc.instants.size >= MAX_ENTRIES_PER_ZONE) zc.instants.clear()
  zc.instants.set(key, resolved)
  return resolved
}

// Slow path for days with a transition: luxon does the conversion, then we apply our disambiguation.
function resolve(zone: string, dayNum: number, minute: number): ResolvedInstant {
  const z = ianaZone(zone)
  const date = new Date(dayNum * DAY_MS)
  const dt = DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(minute / 60),
      minute: minute % 60,
    },
    { zone: z },
  )
  if (!dt.isValid) throw new RangeError(`Cannot resolve ${formatLocalDate(dayNum)} in '${zone}'`)
  const wall = dayNum * DAY_MS + minute * MINUTE_MS
  const ms = dt.toMillis()
  const post = dt.offset
  if (ms + post * MINUTE_MS !== wall) {
    // Gap: luxon kept the pre-gap offset, so `ms` lies after the transition and `wall - post` before it.
    const pre = (wall - ms) / MINUTE_MS
    let lo = wall - post * MINUTE_MS
    let hi = ms
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / MINUTE_MS / 2) * MINUTE_MS
      if (z.offset(mid) === pre) lo = mid
      else hi = mid
    }
    return { ms: hi, offset: z.offset(hi) }
  }
  // Overlap: an earlier occurrence exists iff the offset in force before it also maps to this wall time.
  const before = z.offset(ms - DAY_MS)
  if (before > post) {
    const earlier = wall - before * MINUTE_MS
    if (z.offset(earlier) === before) return { ms: earlier, offset: before }
  }
  return { ms, offset: post }
}
