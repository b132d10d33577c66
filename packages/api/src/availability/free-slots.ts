// The free slots of a service over local dates, for one practitioner or any: the cached catalogue and
// the day's busy time through the slot engine, answered in wire shape, in full or compact.
import {
  type Availability,
  type AvailabilityQuery,
  type AvailabilityTimes,
  type AvailabilityTimesQuery,
  compactDays,
} from '@frontdesk/contracts'
import type { RequestScope } from '../env.js'
import { catalogueFor } from './catalogue-cache.js'
import { type AvailabilityResult, computeAvailability } from './engine.js'
import { requireOffering, serviceRules } from './offering.js'
import { loadSchedules, spanForDates } from './schedule-store.js'

export async function freeSlots(scope: RequestScope, query: AvailabilityQuery): Promise<Availability> {
  const { serviceId, timeZone, result } = await computeFree(scope, query)
  return {
    serviceId,
    timeZone,
    days: result.days.map((day) => ({
      date: day.date,
      slots: day.slots.map((slot) => ({
        startsAt: new Date(slot.startsAt).toISOString(),
        endsAt: new Date(slot.endsAt).toISOString(),
        localTime: slot.localTime,
        utcOffsetMinutes: slot.utcOffsetMinutes,
        practitionerIds: slot.practitionerIds,
      })),
    })),
  }
}

/** The same free times, compact: per day `HH:MM±HH:MM`, practitioners by index only when asked. */
export async function freeTimes(
  scope: RequestScope,
  query: AvailabilityTimesQuery,
): Promise<AvailabilityTimes> {
  const { serviceId, timeZone, durationMinutes, result } = await computeFree(scope, query)
  return { serviceId, timeZone, durationMinutes, ...compactDays(result.days, query.practitioners === 'true') }
}

async function computeFree(
  scope: RequestScope,
  query: AvailabilityQuery,
): Promise<{ serviceId: string; timeZone: string; durationMinutes: number; result: AvailabilityResult }> {
  const { db, clinic } = scope
  const at = scope.now()
  const catalogue = await catalogueFor(db, clinic, at)
  const { service, practitionerIds } = requireOffering(catalogue, query)
  const schedules = await loadSchedules(
    db,
    clinic.id,
    catalogue,
    practitionerIds,
    spanForDates(query.from, query.to),
    new Date(at),
  )
  const result = computeAvailability({
    timeZone: clinic.timeZone,
    from: query.from,
    to: query.to,
    now: at,
    service: serviceRules(service),
    practitioners: schedules,
    ...(query.locationId ? { locationId: query.locationId } : {}),
  })
  return {
    serviceId: service.id,
    timeZone: clinic.timeZone,
    durationMinutes: service.duration_minutes,
    result,
  }
}
