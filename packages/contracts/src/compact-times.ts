// Turning free slots into the compact availability answer and back. No zod here: the widgets' bundle
// imports these and only these.
import type { AvailabilityTimes, AvailabilityTimesDay } from './availability-times.js'

/** What a day of slots must carry to be written compactly: the API's engine and the full answer both do. */
export interface SlotsOfDay {
  date: string
  slots: readonly { localTime: string; utcOffsetMinutes: number; practitionerIds: readonly string[] }[]
}

/** A compact time made whole again: its instants and who is free (when the answer lists them). */
export interface ExpandedTime {
  /** The start as an ISO instant in UTC, as holds and bookings take it. */
  startsAt: string
  endsAt: string
  /** The start as wall-clock time in the clinic zone, `HH:MM`. */
  localTime: string
  utcOffsetMinutes: number
  /** Who is free at this time, by id: only when the answer was asked with `practitioners=true`. */
  practitionerIds?: string[]
}

/** `+01:00` for 60, `-04:00` for -240. */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** The days in compact form; with `withPractitioners`, who is free at each time, as indexes into sorted ids. */
export function compactDays(
  days: readonly SlotsOfDay[],
  withPractitioners: boolean,
): Pick<AvailabilityTimes, 'days' | 'practitionerIds'> {
  const times = (day: SlotsOfDay) =>
    day.slots.map((slot) => `${slot.localTime}${formatUtcOffset(slot.utcOffsetMinutes)}`)
  if (!withPractitioners) return { days: days.map((day) => ({ date: day.date, times: times(day) })) }
  const practitionerIds = [
    ...new Set(days.flatMap((day) => day.slots.flatMap((slot) => slot.practitionerIds))),
  ].sort()
  const index = new Map(practitionerIds.map((id, at) => [id, at]))
  return {
    practitionerIds,
    days: days.map((day) => ({
      date: day.date,
      times: times(day),
      practitioners: day.slots.map((slot) =>
        slot.practitionerIds.map((id) => index.get(id) as number).sort((a, b) => a - b),
      ),
    })),
  }
}

/** Parses `HH:MM±HH:MM` into the local time and the offset in minutes. */
export function parseOffsetTime(time: string): { localTime: string; utcOffsetMinutes: number } {
  const sign = time[5] === '-' ? -1 : 1
  return {
    localTime: time.slice(0, 5),
    utcOffsetMinutes: sign * (Number(time.slice(6, 8)) * 60 + Number(time.slice(9, 11))),
  }
}

/** The times of one compact day as instants, with their practitioners when the answer lists them. */
export function expandTimes(
  answer: Pick<AvailabilityTimes, 'durationMinutes' | 'practitionerIds'>,
  day: AvailabilityTimesDay,
): ExpandedTime[] {
  return day.times.map((time, at) => {
    const { localTime, utcOffsetMinutes } = parseOffsetTime(time)
    const start = Date.parse(`${day.date}T${time}`)
    const expanded: ExpandedTime = {
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + answer.durationMinutes * 60_000).toISOString(),
      localTime,
      utcOffsetMinutes,
    }
    const free = day.practitioners?.[at]
    if (free && answer.practitionerIds) {
      expanded.practitionerIds = free.map((index) => answer.practitionerIds?.[index] as string)
    }
    return expanded
  })
}
