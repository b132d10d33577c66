// Catalogue and availability routes of the mocks: the seeded clinic, read by any key or token.
import { Clinic, compactDays, endpoints, Location, Practitioner, Service } from '@frontdesk/contracts'
import { notFound } from '../responses.js'
import { computeAvailability } from '../slots.js'
import type { MockStore } from '../store.js'
import type { Router } from './route.js'

const byName = <T extends { name: string; id: string }>(a: T, b: T) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1

export function catalogueHandlers(store: MockStore, { route }: Router) {
  const { clinic } = store
  return [
    route(endpoints.getClinic, () => ({ status: 200, body: Clinic.parse(clinic) })),

    route(endpoints.listLocations, () => ({
      status: 200,
      body: { data: clinic.locations.map((location) => Location.parse(location)) },
    })),

    route(endpoints.listServices, ({ principal }) => ({
      status: 200,
      body: {
        data: clinic.services
          .filter((service) => service.active || principal.kind === 'secret')
          .sort(byName)
          .map((service) => Service.parse(service)),
      },
    })),

    route(endpoints.getService, ({ params: { id }, principal }) => {
      const service = clinic.services.find((each) => each.id === id)
      if (!service || (!service.active && principal.kind !== 'secret')) throw notFound('service')
      return { status: 200, body: Service.parse(service) }
    }),

    route(endpoints.listPractitioners, ({ query, principal }) => {
      const { serviceId } = query()
      const data = clinic.practitioners
        .filter((practitioner) => practitioner.active || principal.kind === 'secret')
        .filter((practitioner) => serviceId === undefined || practitioner.serviceIds.includes(serviceId))
        .sort(byName)
        .map((practitioner) => Practitioner.parse(practitioner))
      return { status: 200, body: { data } }
    }),

    route(endpoints.getPractitioner, ({ params: { id }, principal }) => {
      const practitioner = clinic.practitioners.find((each) => each.id === id)
      if (!practitioner || (!practitioner.active && principal.kind !== 'secret'))
        throw notFound('practitioner')
      return { status: 200, body: Practitioner.parse(practitioner) }
    }),

    route(endpoints.getAvailability, ({ query }) => ({
      status: 200,
      body: computeAvailability(store, query()),
    })),

    // The full answer made compact the way the API makes its own: the same times, whichever is asked.
    route(endpoints.getAvailabilityTimes, ({ query }) => {
      const { practitioners, ...range } = query()
      const full = computeAvailability(store, range)
      const service = clinic.services.find((each) => each.id === full.serviceId) as Service
      return {
        status: 200,
        body: {
          serviceId: full.serviceId,
          timeZone: full.timeZone,
          durationMinutes: service.durationMinutes,
          ...compactDays(full.days, practitioners === 'true'),
        },
      }
    }),
  ]
}
