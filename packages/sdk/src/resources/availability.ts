// Availability: the free slots of a service, day by day in the clinic's time zone, in full or compact.
import { type Availability, type AvailabilityTimes, endpoints } from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type { AvailabilityParams, AvailabilityTimesParams } from '../types/params.js'

export interface AvailabilityResource {
  /**
   * Slots of `serviceId` from `from` to `to` (local dates, inclusive, at most 62 days). Leave out
   * `practitionerId` for any practitioner: each slot lists everyone free for it.
   */
  get(query: AvailabilityParams, options?: RequestOptions): Promise<Availability>
  /**
   * The same free times, compact, for clients on slow links: per day `HH:MM±HH:MM` start times, and who is
   * free at each only with `practitioners: true`. `expandTimes(answer, day)` turns a day into instants.
   */
  times(query: AvailabilityTimesParams, options?: RequestOptions): Promise<AvailabilityTimes>
}

export function availabilityResource(transport: Transport): AvailabilityResource {
  const range = (query: AvailabilityParams) => ({
    serviceId: query.serviceId,
    from: query.from,
    to: query.to,
    practitionerId: query.practitionerId,
    locationId: query.locationId,
  })
  return {
    get: (query, options) => transport.call(endpoints.getAvailability, { query: range(query), options }),
    times: (query, options) =>
      transport.call(endpoints.getAvailabilityTimes, {
        query: { ...range(query), ...(query.practitioners && { practitioners: 'true' as const }) },
        options,
      }),
  }
}
