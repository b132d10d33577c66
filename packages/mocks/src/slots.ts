// Slots as the API computes them: weekly hours in the clinic's zone, notice, booking window, buffers, busy time.
import type {
  Availability,
  AvailabilityQuery,
  AvailableSlot,
  Service,
  SlotChoice,
} from '@frontdesk/contracts'
import { MockApiError, notFound } from './responses.js'
import type { MockStore } from './store.js'
import { addDays, isoWeekday, localLabel, localToUtc, wallMinutes } from './time-zone.js'

const MINUTE_MS = 60_000

interface Window {
  start: number
  end: number
  locationId: string | null
}

export interface ResolvedSlot {
  service: Service
  startsAt: number
  endsAt: number
  blocked: { start: number; end: number }
  practitionerId: string
  locationId: string | null
}

export function activeService(store: MockStore, serviceId: string): Service {
  const service = store.clinic.services.find((each) => each.id === serviceId)
  if (!service?.active) throw notFound('service')
  return service
}

/** Active practitioners offering the service, by id (the order the API tries them in). */
function offering(store: MockStore, service: Service, practitionerId: string | undefined) {
  const found = store.clinic.practitioners
    .filter((each) => each.active && each.serviceIds.includes(service.id))
    .filter((each) => practitionerId === undefined || each.id === practitionerId)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  if (practitionerId !== undefined && found.length === 0) throw notFound('practitioner offering this service')
  return found
}

function windowsOn(store: MockStore, practitionerId: string, date: string, locationId: string | undefined) {
  const { timeZone, hours } = store.clinic
  const weekday = isoWeekday(date)
  return hours
    .filter((row) => row.practitionerId === practitionerId && row.weekday === weekday)
    .filter((row) => locationId === undefined || row.locationId === null || row.locationId === locationId)
    .map(
      (row): Window => ({
        start: localToUtc(timeZone, date, wallMinutes(row.start)),
        end: localToUtc(timeZone, date, wallMinutes(row.end)),
        locationId: row.locationId,
      }),
    )
    .filter((window) => window.end > window.start)
}

function limits(store: MockStore, service: Service) {
  const now = store.now()
  const today = localLabel(store.clinic.timeZone, now).date
  return {
    earliest: now + service.minNoticeMinutes * MINUTE_MS,
    latestExclusive: localToUtc(store.clinic.timeZone, addDays(today, service.bookingWindowDays + 1), 0),
  }
}

function blockedFor(service: Service, startsAt: number) {
  return {
    start: startsAt - service.bufferBeforeMinutes * MINUTE_MS,
    end: startsAt + (service.durationMinutes + service.bufferAfterMinutes) * MINUTE_MS,
  }
}

function isFree(busy: { start: number; end: number }[], blocked: { start: number; end: number }) {
  return !busy.some((interval) => interval.start < blocked.end && interval.end > blocked.start)
}

export function computeAvailability(store: MockStore, query: AvailabilityQuery): Availability {
  const service = activeService(store, query.serviceId)
  const practitioners = offering(store, service, query.practitionerId)
  const { earliest, latestExclusive } = limits(store, service)
  const step = service.slotIntervalMinutes * MINUTE_MS
  const duration = service.durationMinutes * MINUTE_MS
  const days: Availability['days'] = []
  for (let date = query.from; date <= query.to; date = addDays(date, 1)) {
    const byStart = new Map<number, string[]>()
    for (const practitioner of practitioners) {
      const busy = store.busy(practitioner.id)
      for (const window of windowsOn(store, practitioner.id, date, query.locationId)) {
        let start = window.start
        if (start < earliest) start += Math.ceil((earliest - start) / step) * step
        for (; start + duration <= window.end && start < latestExclusive; start += step) {
          if (!isFree(busy, blockedFor(service, start))) continue
          const ids = byStart.get(start) ?? []
          if (!ids.includes(practitioner.id)) ids.push(practitioner.id)
          byStart.set(start, ids)
        }
      }
    }
    const slots: AvailableSlot[] = [...byStart.entries()]
      .sort(([a], [b]) => a - b)
      .map(([startsAt, practitionerIds]) => {
        const local = localLabel(store.clinic.timeZone, startsAt)
        return {
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + duration).toISOString(),
          localTime: local.time,
          utcOffsetMinutes: local.offset,
          practitionerIds: practitionerIds.sort(),
        }
      })
    days.push({ date, slots })
  }
  return { serviceId: service.id, timeZone: store.clinic.timeZone, days }
}

/** The row columns a resolved slot fills, alike for a new hold, a moved hold and a direct booking. */
export function slotColumns(slot: ResolvedSlot) {
  return {
    serviceId: slot.service.id,
    practitionerId: slot.practitionerId,
    locationId: slot.locationId,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    blocked: slot.blocked,
  }
}

/**
 * Checks a choice like the API: SLOT_UNAVAILABLE when the clinic does not offer that time at all,
 * SLOT_TAKEN when it does but nobody is free. `ignoreRowId` keeps a hold or booking being moved from
 * blocking itself.
 */
export function resolveSlot(store: MockStore, choice: SlotChoice, ignoreRowId?: string): ResolvedSlot {
  const service = activeService(store, choice.serviceId)
  const practitioners = offering(store, service, choice.practitionerId)
  if (choice.locationId && !store.clinic.locations.some((location) => location.id === choice.locationId)) {
    throw notFound('location')
  }
  const startsAt = Date.parse(choice.startsAt)
  const duration = service.durationMinutes * MINUTE_MS
  const step = service.slotIntervalMinutes * MINUTE_MS
  const { earliest, latestExclusive } = limits(store, service)
  const date = localLabel(store.clinic.timeZone, startsAt).date
  const blocked = blockedFor(service, startsAt)
  let offered = false
  for (const practitioner of practitioners) {
    if (startsAt < earliest || startsAt >= latestExclusive) break
    const window = windowsOn(store, practitioner.id, date, choice.locationId).find(
      (each) =>
        startsAt >= each.start && startsAt + duration <= each.end && (startsAt - each.start) % step === 0,
    )
    if (!window) continue
    offered = true
    if (isFree(store.busy(practitioner.id, ignoreRowId), blocked)) {
      return {
        service,
        startsAt,
        endsAt: startsAt + duration,
        blocked,
        practitionerId: practitioner.id,
        locationId: window.locationId,
      }
    }
  }
  if (!offered) {
    throw new MockApiError(
      'SLOT_UNAVAILABLE',
      'This time is not offered for this service; choose a slot from availability',
    )
  }
  throw new MockApiError('SLOT_TAKEN', 'Someone else has just taken this time; please choose another')
}
