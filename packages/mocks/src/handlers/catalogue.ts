// Catalogue and availability routes of the mocks: the seeded clinic, read by any key or token.
import { AvailabilityQuery, Clinic, Id, Location, Practitioner, Service } from '@frontdesk/contracts'
import * as z from 'zod'
import { notFound, parseOrThrow } from '../responses.js'
import { computeAvailability } from '../slots.js'
import type { MockStore } from '../store.js'
import type { PrincipalKind, Router } from './route.js'

const anyone: PrincipalKind[] = ['publishable', 'secret', 'visit', 'manage']
const IdParam = z.object({ id: Id })
const byName = <T extends { name: string; id: string }>(a: T, b: T) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1

function query(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams)
}

export function catalogueHandlers(store: MockStore, { route }: Router) {
  const { clinic } = store
  return [
    route('get', 'clinic', anyone, () => ({ status: 200, body: Clinic.parse(clinic) })),

    route('get', 'locations', anyone, () => ({
      status: 200,
      body: { data: clinic.locations.map((location) => Location.parse(location)) },
    })),

    route('get', 'services', anyone, ({ principal }) => ({
      status: 200,
      body: {
        data: clinic.services
          .filter((service) => service.active || principal.kind === 'secret')
          .sort(byName)
          .map((service) => Service.parse(service)),
      },
    })),

    route('get', 'services/:id', anyone, ({ params, principal }) => {
      const { id } = parseOrThrow(IdParam, params)
      const service = clinic.services.find((each) => each.id === id)
      if (!service || (!service.active && principal.kind !== 'secret')) throw notFound('service')
      return { status: 200, body: Service.parse(service) }
    }),

    route('get', 'practitioners', anyone, ({ request, principal }) => {
      const { serviceId } = parseOrThrow(z.object({ serviceId: Id.optional() }), query(request))
      const data = clinic.practitioners
        .filter((practitioner) => practitioner.active || principal.kind === 'secret')
        .filter((practitioner) => serviceId === undefined || practitioner.serviceIds.includes(serviceId))
        .sort(byName)
        .map((practitioner) => Practitioner.parse(practitioner))
      return { status: 200, body: { data } }
    }),

    route('get', 'practitioners/:id', anyone, ({ params, principal }) => {
      const { id } = parseOrThrow(IdParam, params)
      const practitioner = clinic.practitioners.find((each) => each.id === id)
      if (!practitioner || (!practitioner.active && principal.kind !== 'secret'))
        throw notFound('practitioner')
      return { status: 200, body: Practitioner.parse(practitioner) }
    }),

    route('get', 'availability', anyone, ({ request }) => ({
      status: 200,
      body: computeAvailability(store, parseOrThrow(AvailabilityQuery, query(request))),
    })),
  ]
}
