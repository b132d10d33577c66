// Per-practitioner preparation: working windows of a local date as instants, and merged blocked time.
import type { PractitionerSchedule, TimeWindow } from './engine.js'
import { isoWeekday, localToUtc, parseLocalDate, parseWallTime, type ResolvedInstant } from './local-time.js'

interface WallWindow {
  startMin: number
  endMin: number
  locationId: string | null
}

export interface Window {
  start: number
  end: number
  locationId: string | null
  // null when a DST transition may lie inside, so labels need a per-slot offset lookup.
  offset: number | null
}

export interface Prepared {
  id: string
  weekly: WallWindow[][]
  overrides: Map<number, WallWindow[]>
  // Coalesced, sorted busy + time off, as parallel arrays for a tight sweep.
  blockStart: number[]
  blockEnd: number[]
}

function toWall(w: TimeWindow): WallWindow {
  return { startMin: parseWallTime(w.start), endMin: parseWallTime(w.end), locationId: w.locationId }
}

export function prepare(p: PractitionerSchedule): Prepared {
  const weekly: WallWindow[][] = [[], [], [], [], [], [], [], []]
  for (const w of p.weekly) {
    const list = weekly[w.weekday]
    if (!list || w.weekday < 1) throw new RangeError(`Invalid ISO weekday ${w.weekday}`)
    list.push(toWall(w))
  }
  const overrides = new Map<number, WallWindow[]>()
  for (const o of p.overrides) {
    // Several overrides for one date are unioned rather than letting the last one win silently.
    const day = parseLocalDate(o.date)
    const list = overrides.get(day) ?? []
    for (const w of o.windows) list.push(toWall(w))
    overrides.set(day, list)
  }
  const blocks = [...p.busy, ...p.timeOff].filter((b) => b.end > b.start).sort((a, b) => a.start - b.start)
  const blockStart: number[] = []
  const blockEnd: number[] = []
  for (const b of blocks) {
    const last = blockEnd.length - 1
    if (last >= 0 && b.start <= (blockEnd[last] ?? 0)) {
      blockEnd[last] = Math.max(blockEnd[last] ?? 0, b.end)
    } else {
      blockStart.push(b.start)
      blockEnd.push(b.end)
    }
  }
  return { id: p.practitionerId, weekly, overrides, blockStart, blockEnd }
}

function locationOrder(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  return a < b ? -1 : 1
}

// Windows of one practitioner on one local date, as instants: filtered by location, same-location
// overlaps and touching windows merged (the practitioner is continuously available), sorted by start.
export function windowsFor(zone: string, location: string | null, p: Prepared, dayNum: number): Window[] {
  const wall = p.overrides.get(dayNum) ?? p.weekly[isoWeekday(dayNum)] ?? []
  if (wall.length === 0) return []
  const parts: { start: ResolvedInstant; end: ResolvedInstant; locationId: string | null }[] = []
  for (const w of wall) {
    if (location !== null && w.locationId !== null && w.locationId !== location) continue
    const start = localToUtc(zone, dayNum, w.startMin)
    const end = localToUtc(zone, dayNum, w.endMin)
    // A window lying wholly inside a DST gap collapses to nothing.
    if (end.ms > start.ms) parts.push({ start, end, locationId: w.locationId })
  }
  if (parts.length > 1) {
    parts.sort((a, b) => locationOrder(a.locationId, b.locationId) || a.start.ms - b.start.ms)
  }
  const out: Window[] = []
  let cur = parts[0]
  for (let i = 1; i <= parts.length; i++) {
    const next = parts[i]
    if (cur && next && next.locationId === cur.locationId && next.start.ms <= cur.end.ms) {
      if (next.end.ms > cur.end.ms) cur = { ...cur, end: next.end }
      continue
    }
    if (cur) {
      // Constant offset at both ends means no transition inside (two transitions in one window don't occur).
      const offset = cur.start.offset === cur.end.offset ? cur.start.offset : null
      out.push({ start: cur.start.ms, end: cur.end.ms, locationId: cur.locationId, offset })
    }
    cur = next
  }
  if (out.length > 1) out.sort((a, b) => a.start - b.start || locationOrder(a.locationId, b.locationId))
  return out
}

// First index whose block ends after `t`; block ends are sorted because blocks are coalesced.
export function firstBlockEndingAfter(ends: number[], t: number): number {
  let lo = 0
  let hi = ends.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((ends[mid] ?? 0) <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}
