// The catalogue: the clinic, its services, practitioners and locations; anyone reads it, a secret key changes it.
import { Clinic, Location, Practitioner, Service } from '@frontdesk/contracts'
import * as z from 'zod'
import { segment, type Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type {
  CreateLocationParams,
  CreatePractitionerParams,
  CreateServiceParams,
  List,
  UpdateLocationParams,
  UpdatePractitionerParams,
  UpdateServiceParams,
} from '../types/params.js'

const listResponse = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) })
const Services = listResponse(Service)
const Practitioners = listResponse(Practitioner)
const Locations = listResponse(Location)

export interface CatalogueResource {
  /** The clinic: name, time zone and booking policy. */
  clinic(options?: RequestOptions): Promise<Clinic>
  services: {
    /** What patients can book (a secret key also sees inactive services). */
    list(options?: RequestOptions): Promise<List<Service>>
    get(serviceId: string, options?: RequestOptions): Promise<Service>
  }
  practitioners: {
    /** Practitioners, or with `serviceId` only those who offer that service. */
    list(filter?: { serviceId?: string | undefined }, options?: RequestOptions): Promise<List<Practitioner>>
    get(practitionerId: string, options?: RequestOptions): Promise<Practitioner>
  }
  locations: {
    list(options?: RequestOptions): Promise<List<Location>>
  }
}

export interface AdminCatalogueResource extends CatalogueResource {
  services: CatalogueResource['services'] & {
    create(params: CreateServiceParams, options?: RequestOptions): Promise<Service>
    /** Bookings already made keep their times. */
    update(serviceId: string, params: UpdateServiceParams, options?: RequestOptions): Promise<Service>
  }
  practitioners: CatalogueResource['practitioners'] & {
    create(params: CreatePractitionerParams, options?: RequestOptions): Promise<Practitioner>
    update(
      practitionerId: string,
      params: UpdatePractitionerParams,
      options?: RequestOptions,
    ): Promise<Practitioner>
  }
  locations: CatalogueResource['locations'] & {
    create(params: CreateLocationParams, options?: RequestOptions): Promise<Location>
    update(locationId: string, params: UpdateLocationParams, options?: RequestOptions): Promise<Location>
  }
}

export function catalogueResource(transport: Transport): CatalogueResource {
  return {
    clinic: (options) => transport.send(Clinic, { method: 'get', path: 'clinic', options }),
    services: {
      list: (options) => transport.send(Services, { method: 'get', path: 'services', options }),
      get: (serviceId, options) =>
        transport.send(Service, { method: 'get', path: `services/${segment(serviceId)}`, options }),
    },
    practitioners: {
      list: (filter = {}, options) =>
        transport.send(Practitioners, {
          method: 'get',
          path: 'practitioners',
          query: { serviceId: filter.serviceId },
          options,
        }),
      get: (practitionerId, options) =>
        transport.send(Practitioner, {
          method: 'get',
          path: `practitioners/${segment(practitionerId)}`,
          options,
        }),
    },
    locations: {
      list: (options) => transport.send(Locations, { method: 'get', path: 'locations', options }),
    },
  }
}

export function adminCatalogueResource(transport: Transport): AdminCatalogueResource {
  const reads = catalogueResource(transport)
  return {
    clinic: reads.clinic,
    services: {
      ...reads.services,
      create: (params, options) =>
        transport.send(Service, { method: 'post', path: 'services', body: params, options }),
      update: (serviceId, params, options) =>
        transport.send(Service, {
          method: 'patch',
          path: `services/${segment(serviceId)}`,
          body: params,
          options,
        }),
    },
    practitioners: {
      ...reads.practitioners,
      create: (params, options) =>
        transport.send(Practitioner, { method: 'post', path: 'practitioners', body: params, options }),
      update: (practitionerId, params, options) =>
        transport.send(Practitioner, {
          method: 'patch',
          path: `practitioners/${segment(practitionerId)}`,
          body: params,
          options,
        }),
    },
    locations: {
      ...reads.locations,
      create: (params, options) =>
        transport.send(Location, { method: 'post', path: 'locations', body: params, options }),
      update: (locationId, params, options) =>
        transport.send(Location, {
          method: 'patch',
          path: `locations/${segment(locationId)}`,
          body: params,
          options,
        }),
    },
  }
}
