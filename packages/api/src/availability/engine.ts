// Availability engine: turns practitioner hours, overrides and blocked time into bookable slots.
import {
  assertValidZone,
  DAY_MS,
  localLabel,
  localToUtc,
  MINUTE_MS,
  offsetAt,
  parseLocalDate,
} from './local-time.js'
import { firstBlockEndingAfter, type Prepared, prepare, type Window, windowsFor } from './schedule.js'

export interface TimeWindow {
  start: string
  end: string
  locationId: string | null
}
export interface WeeklyHours extends TimeWindow {
  weekday: number
}
export interface DateOverride {
  date: string
  windows: TimeWindow[]
}
export interface Interval {
  start: number
  end: number
}
export interface PractitionerSchedule {
  practitionerId: string
  weekly: WeeklyHours[]
  overrides: DateOverride[]
  timeOff: Interval[]
  busy: Interval[]
}
export interface ServiceRules {
  durationMinutes: number
  bufferBeforeMinutes: number
  bufferAfterMinutes: number
  minNoticeMinutes: number
  bookingWindowDays: number
  slotIntervalMinutes: number
}
export interface AvailabilityInput {
  timeZone: string
  from: string
  to: string
  now: number
  service: ServiceRules
  practitioners: PractitionerSchedule[]
  locationId?: string | null
}
export interface Slot {
  startsAt: number
  endsAt: number
  localDate: string
  localTime: string
  utcOffsetMinutes: number
  practitionerIds: string[]
  locationIds: (string | null)[]
}
export interface AvailabilityDay {
  date: string
  slots: Slot[]
}
export interface AvailabilityResult {
  days: AvailabilityDay[]
}

export function blockedInterval(
  startsAt: number,
  endsAt: number,
  rules: Pick<ServiceRules, 'bufferBeforeMinutes' | 'bufferAfterMinutes'>,
): Interval {
  return {
    start: startsAt - rules.bufferBeforeMinutes * MINUTE_MS,
    end: endsAt + rules.bufferAfterMinutes * MINUTE_MS,
  }
}

interface Context {
  zone: string
  location: string | null
  duration: number
  before: number
  after: number
  step: number
  earliest: number
  latestExclusive: number
}

function makeContext(input: AvailabilityInput): Context {
  const s = input.service
  // Whole-minute steps keep every start on a minute, which the per-day minute index relies on.
  if (!(s.durationMinutes > 0) || !Number.isInteger(s.slotIntervalMinutes) || s.slotIntervalMinutes < 1) {
    throw new RangeError('durationMinutes must be positive and slotIntervalMinutes a positive integer')
  }
  if (!(s.bufferBeforeMinutes >= 0) || !(s.bufferAfterMinutes >= 0)) {
    throw new RangeError('buffers must be zero or positive')
  }
  if (!Number.isFinite(input.now) || !Number.isFinite(s.minNoticeMinutes)) {
    throw new RangeError('now and minNoticeMinutes must be finite')
  }
  if (!Number.isInteger(s.bookingWindowDays)) throw new RangeError('bookingWindowDays must be an integer')
  assertValidZone(input.timeZone)
  const today = localLabel(input.now, offsetAt(input.timeZone, input.now)).dayNum
  return {
    zone: input.timeZone,
    location: input.locationId ?? null,
    duration: s.durationMinutes * MINUTE_MS,
    before: s.bufferBeforeMinutes * MINUTE_MS,
    after: s.bufferAfterMinutes * MINUTE_MS,
    step: s.slotIntervalMinutes * MINUTE_MS,
    earliest: input.now + s.minNoticeMinutes * MINUTE_MS,
    latestExclusive: localToUtc(input.timeZone, today + s.bookingWindowDays + 1, 0).ms,
  }
}

interface Bucket {
  startsAt: number
  offset: number
  ids: string[]
  locs: (string | null)[]
}

// Records every free start of `w` in `byMinute`, indexed by minutes since the local day's first instant:
// small integer indexes are much cheaper than a Map keyed by epoch ms, and come out already sorted.
function sweepWindow(
  ctx: Context,
  p: Prepared,
  w: Window,
  dayStart: number,
  byMinute: (Bucket | undefined)[],
) {
  const { step, duration, before, after } = ctx
  const lastStart = Math.min(w.end - duration, ctx.latestExclusive - 1)
  let t = w.start >= ctx.earliest ? w.start : w.start + Math.ceil((ctx.earliest - w.start) / step) * step
  if (t > lastStart) return
  const starts = p.blockStart
  const ends = p.blockEnd
  const n = ends.length
  let i = firstBlockEndingAfter(ends, t - before)
  for (; t <= lastStart; t += step) {
    const b0 = t - before
    while (i < n && (ends[i] ?? 0) <= b0) i++
    if (i < n && (starts[i] ?? 0) < t + duration + after) continue
    const index = Math.round((t - dayStart) / MINUTE_MS)
    const b = byMinute[index]
    if (!b) {
      byMinute[index] = {
        startsAt: t,
        offset: w.offset ?? offsetAt(ctx.zone, t),
        ids: [p.id],
        locs: [w.locationId],
      }
    } else if (b.ids[b.ids.length - 1] !== p.id) {
      // Practitioners arrive in id order, so a repeat of the last id can only be an overlapping window.
      b.ids.push(p.id)
      b.locs.push(w.locationId)
    }
  }
}

export function computeAvailability(input: AvailabilityInput): AvailabilityResult {
  const ctx = makeContext(input)
  const fromDay = parseLocalDate(input.from)
  const toDay = parseLocalDate(input.to)
  const days: AvailabilityDay[] = []
  for (let d = fromDay; d <= toDay; d++) days.push({ date: localLabel(d * DAY_MS, 0).date, slots: [] })
  if (days.length === 0) return { days }

  // Sorted up front so each bucket's id list comes out sorted without a per-slot sort.
  const prepared = input.practitioners.map(prepare).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const byMinute: (Bucket | undefined)[] = []
  for (let d = fromDay; d <= toDay; d++) {
    // Windows of date d lie in [first instant of d, first instant of d + 1), so indexes stay within ~25 h.
    const dayStart = localToUtc(ctx.zone, d, 0).ms
    for (const p of prepared) {
      for (const w of windowsFor(ctx.zone, ctx.location, p, d)) sweepWindow(ctx, p, w, dayStart, byMinute)
    }
    for (let index = 0; index < byMinute.length; index++) {
      const b = byMinute[index]
      if (!b) continue
      byMinute[index] = undefined
      const label = localLabel(b.startsAt, b.offset)
      // Normally day d; only a fall-back across midnight can label a start with the day before, and
      // those starts are later than anything already in that day, so the order holds.
      days[label.dayNum - fromDay]?.slots.push({
        startsAt: b.startsAt,
        endsAt: b.startsAt + ctx.duration,
        localDate: label.date,
        localTime: label.time,
        utcOffsetMinutes: b.offset,
        practitionerIds: b.ids,
        locationIds: b.locs,
      })
    }
  }
  return { days }
}

// `from`/`to` are ignored: the instant itself decides the day, so a booking is checked on its own merits.
export function isSlotAvailable(
  input: AvailabilityInput,
  practitionerId: string,
  startsAt: number,
): { available: boolean; locationId: string | null } {
  const no = { available: false, locationId: null }
  const ctx = makeContext(input)
  const schedule = input.practitioners.find((p) => p.practitionerId === practitionerId)
  if (!schedule || !Number.isFinite(startsAt)) return no
  if (startsAt < ctx.earliest || startsAt >= ctx.latestExclusive) return no
  const p = prepare(schedule)
  const day = localLabel(startsAt, offsetAt(ctx.zone, startsAt)).dayNum
  // Same window order as computeAvailability, so the first window that holds the slot names the location.
  for (let d = day - 1; d <= day + 1; d++) {
    for (const w of windowsFor(ctx.zone, ctx.location, p, d)) {
      if (startsAt < w.start || startsAt + ctx.duration > w.end || (startsAt - w.start) % ctx.step !== 0) {
        continue
      }
      const block = blockedInterval(startsAt, startsAt + ctx.duration, input.service)
      const i = firstBlockEndingAfter(p.blockEnd, block.start)
      const clash = i < p.blockEnd.length && (p.blockStart[i] ?? 0) < block.end
      return clash ? no : { available: true, locationId: w.locationId }
    }
  }
  return no
}
