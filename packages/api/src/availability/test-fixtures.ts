// Shared builders for the availability tests: compact schedules and views of results.
import {
  type AvailabilityInput,
  type AvailabilityResult,
  computeAvailability,
  type PractitionerSchedule,
  type ServiceRules,
  type WeeklyHours,
} from './engine.js'

export const NY = 'America/New_York'
export const BERLIN = 'Europe/Berlin'
export const utc = (mo: number, d: number, h: number, mi = 0) => Date.UTC(2026, mo - 1, d, h, mi)

export function hours(
  days: number[],
  start: string,
  end: string,
  locationId: string | null = null,
): WeeklyHours[] {
  return days.map((weekday) => ({ weekday, start, end, locationId }))
}
export const ALL = [1, 2, 3, 4, 5, 6, 7]
export const WEEKDAYS = [1, 2, 3, 4, 5]

export function pr(practitionerId: string, patch: Partial<PractitionerSchedule> = {}): PractitionerSchedule {
  return { practitionerId, weekly: [], overrides: [], timeOff: [], busy: [], ...patch }
}

type InputPatch = Partial<Omit<AvailabilityInput, 'service'>> & { service?: Partial<ServiceRules> }
export function input(patch: InputPatch): AvailabilityInput {
  const service: ServiceRules = {
    durationMinutes: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    bookingWindowDays: 400,
    slotIntervalMinutes: 60,
    ...patch.service,
  }
  return {
    timeZone: BERLIN,
    from: '2026-06-15',
    to: '2026-06-15',
    now: utc(1, 1, 0),
    practitioners: [],
    ...patch,
    service,
  }
}

export const slotsOf = (r: AvailabilityResult) => r.days.flatMap((d) => d.slots)
export const view = (r: AvailabilityResult) =>
  slotsOf(r).map((s) => [s.localTime, s.startsAt, s.utcOffsetMinutes])
export const timesByDay = (r: AvailabilityResult) => r.days.map((d) => d.slots.map((s) => s.localTime))
export const one = (
  zone: string,
  date: string,
  start: string,
  end: string,
  service: Partial<ServiceRules> = {},
) =>
  computeAvailability(
    input({
      timeZone: zone,
      from: date,
      to: date,
      service,
      practitioners: [pr('p1', { weekly: hours(ALL, start, end) })],
    }),
  )
