// Availability: the free slots of a service, day by day in the clinic's time zone.
import { type Availability, endpoints } from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type { AvailabilityParams } from '../types/params.js'

export interface AvailabilityResource {
  /**
   * Slots of `serviceId` from `from` to `to` (local dates, inclusive, at most 62 days). Leave out
   * `practitionerId` for any practitioner: each slot lists everyone free for it.
   */
  get(query: AvailabilityParams, options?: RequestOptions): Promise<Availability>
}

export function availabilityResource(transport: Transport): AvailabilityResource {
  return {
    get: (query, options) =>
      transport.call(endpoints.getAvailability, {
        query: {
          serviceId: query.serviceId,
          from: query.from,
          to: query.to,
          practitionerId: query.practitionerId,
          locationId: query.locationId,
        },
        options,
      }),
  }
}
