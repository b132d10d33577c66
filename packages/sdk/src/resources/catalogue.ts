// The catalogue: the clinic, its services, practitioners and locations; anyone reads it, a secret key changes it.
import { type Clinic, endpoints, type Location, type Practitioner, type Service } from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
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
    clinic: (options) => transport.call(endpoints.getClinic, { options }),
    services: {
      list: (options) => transport.call(endpoints.listServices, { options }),
      get: (serviceId, options) =>
        transport.call(endpoints.getService, { params: { id: serviceId }, options }),
    },
    practitioners: {
      list: (filter = {}, options) =>
        transport.call(endpoints.listPractitioners, { query: { serviceId: filter.serviceId }, options }),
      get: (practitionerId, options) =>
        transport.call(endpoints.getPractitioner, { params: { id: practitionerId }, options }),
    },
    locations: {
      list: (options) => transport.call(endpoints.listLocations, { options }),
    },
  }
}

export function adminCatalogueResource(transport: Transport): AdminCatalogueResource {
  const reads = catalogueResource(transport)
  return {
    clinic: reads.clinic,
    services: {
      ...reads.services,
      create: (params, options) => transport.call(endpoints.createService, { body: params, options }),
      update: (serviceId, params, options) =>
        transport.call(endpoints.updateService, { params: { id: serviceId }, body: params, options }),
    },
    practitioners: {
      ...reads.practitioners,
      create: (params, options) => transport.call(endpoints.createPractitioner, { body: params, options }),
      update: (practitionerId, params, options) =>
        transport.call(endpoints.updatePractitioner, {
          params: { id: practitionerId },
          body: params,
          options,
        }),
    },
    locations: {
      ...reads.locations,
      create: (params, options) => transport.call(endpoints.createLocation, { body: params, options }),
      update: (locationId, params, options) =>
        transport.call(endpoints.updateLocation, { params: { id: locationId }, body: params, options }),
    },
  }
}
