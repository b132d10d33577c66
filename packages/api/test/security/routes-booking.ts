// The booking rows of the route table: availability, holds and bookings.
import { type Harness, patient } from '../harness.js'
import {
  type Clinic,
  type ClinicIds,
  holdSlot,
  type PrincipalKind,
  read,
  standingToken,
  type World,
} from './fixtures.js'
import { anyone, type RouteRequest, type RouteSpec, withBody, withPath } from './route-spec.js'

const day = (instant: string) => instant.slice(0, 10)
const halfHourLater = (instant: string) => new Date(Date.parse(instant) + 30 * 60_000).toISOString()

export function bookingRoutes(harness: Harness): RouteSpec[] {
  // harness.call exists only once the harness has opened its storage, after the table is built.
  const call: Harness['call'] = (...args) => harness.call(...args)
  const get = (clinic: Clinic, path: string) => () => read(harness, clinic, path)
  const availabilityOn = (clinic: Clinic, instant: string) =>
    get(clinic, `/v1/availability?serviceId=${clinic.serviceId}&from=${day(instant)}&to=${day(instant)}`)
  const bookingsAt = (clinic: Clinic, instant: string) =>
    get(clinic, `/v1/bookings?from=${instant}&to=${halfHourLater(instant)}`)
  const freshBooking = async (clinic: Clinic) => {
    const slot = clinic.nextSlot()
    const created = await call('POST', '/v1/bookings', {
      token: clinic.sk,
      body: { serviceId: clinic.serviceId, ...slot, patient },
    })
    return { id: created.body.booking.id as string, ...created.body }
  }
  const bookingToken = (
    clinic: Clinic,
    as: PrincipalKind,
    own: { visitToken: string; manageToken: string },
  ) => (as === 'visit' ? own.visitToken : as === 'manage' ? own.manageToken : standingToken(clinic, as))
  const holdToken = (clinic: Clinic, as: PrincipalKind, own: { visitToken: string }) =>
    as === 'visit' ? own.visitToken : standingToken(clinic, as)

  return [
    {
      method: 'GET',
      path: '/v1/availability',
      allowed: anyone,
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/availability?serviceId=${w.a.serviceId}&from=2027-03-03&to=2027-03-05`,
        token: standingToken(w.a, as),
      }),
      bad: [
        {
          field: 'to',
          change: (r, w) =>
            withPath(`/v1/availability?serviceId=${w.a.serviceId}&from=2027-03-05&to=2027-03-03`)(r),
        },
        { field: 'serviceId', change: withPath('/v1/availability?from=2027-03-03&to=2027-03-05') },
      ],
      foreign: [
        {
          name: "another clinic's service",
          status: 404,
          build: async (w, ids) => ({
            path: `/v1/availability?serviceId=${ids.serviceId}&from=2027-03-03&to=2027-03-03`,
            token: w.b.pk,
          }),
        },
        {
          name: "another clinic's practitioner",
          status: 404,
          build: async (w, ids) => ({
            path: `/v1/availability?serviceId=${w.b.serviceId}&practitionerId=${ids.practitionerId}&from=2027-03-03&to=2027-03-03`,
            token: w.b.pk,
          }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/availability/times',
      allowed: anyone,
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/availability/times?serviceId=${w.a.serviceId}&from=2027-03-03&to=2027-03-05&practitioners=true`,
        token: standingToken(w.a, as),
      }),
      bad: [
        {
          field: 'to',
          change: (r, w) =>
            withPath(`/v1/availability/times?serviceId=${w.a.serviceId}&from=2027-03-05&to=2027-03-03`)(r),
        },
        {
          field: 'practitioners',
          change: (r, w) =>
            withPath(
              `/v1/availability/times?serviceId=${w.a.serviceId}&from=2027-03-03&to=2027-03-05&practitioners=1`,
            )(r),
        },
        { field: 'serviceId', change: withPath('/v1/availability/times?from=2027-03-03&to=2027-03-05') },
      ],
      foreign: [
        {
          name: "another clinic's service",
          status: 404,
          build: async (w, ids) => ({
            path: `/v1/availability/times?serviceId=${ids.serviceId}&from=2027-03-03&to=2027-03-03`,
            token: w.b.pk,
          }),
        },
        {
          name: "another clinic's practitioner",
          status: 404,
          build: async (w, ids) => ({
            path: `/v1/availability/times?serviceId=${w.b.serviceId}&practitionerId=${ids.practitionerId}&from=2027-03-03&to=2027-03-03`,
            token: w.b.pk,
          }),
        },
      ],
    },
    {
      method: 'POST',
      path: '/v1/holds',
      allowed: ['publishable', 'secret'],
      status: 201,
      valid: async (w, as) => {
        const slot = w.a.nextSlot()
        return {
          path: '/v1/holds',
          body: { serviceId: w.a.serviceId, ...slot },
          token: standingToken(w.a, as),
          observe: availabilityOn(w.a, slot.startsAt),
        }
      },
      bad: [
        {
          field: 'startsAt',
          as: 'publishable',
          change: (r) => ({ ...r, body: { ...(r.body as object), startsAt: '2027-03-03 09:00' } }),
        },
        { field: 'serviceId', change: (r) => ({ ...r, body: { ...(r.body as object), serviceId: 42 } }) },
      ],
      foreign: [
        {
          name: "another clinic's service",
          status: 404,
          build: async (w, ids) => {
            const slot = w.a.nextSlot()
            return {
              path: '/v1/holds',
              body: { serviceId: ids.serviceId, startsAt: slot.startsAt },
              token: w.b.pk,
              observe: availabilityOn(w.a, slot.startsAt),
            }
          },
        },
        {
          name: "another clinic's practitioner",
          status: 404,
          build: async (w, ids) => {
            const slot = w.b.nextSlot()
            return {
              path: '/v1/holds',
              body: { serviceId: w.b.serviceId, practitionerId: ids.practitionerId, startsAt: slot.startsAt },
              token: w.b.pk,
              observe: availabilityOn(w.a, slot.startsAt),
            }
          },
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/holds/{id}',
      allowed: ['visit', 'secret'],
      status: 200,
      valid: async (w, as) => ({ path: `/v1/holds/${w.a.hold.id}`, token: holdToken(w.a, as, w.a.hold) }),
      foreign: (['secret', 'visit'] as const).map((as) => ({
        name: `clinic B's ${as} on another clinic's hold`,
        status: 404 as const,
        build: async (w: World, ids: ClinicIds) => ({
          path: `/v1/holds/${ids.holdId}`,
          token: holdToken(w.b, as, w.b.hold),
        }),
      })),
    },
    {
      method: 'PUT',
      path: '/v1/holds/{id}',
      allowed: ['visit'],
      status: 200,
      valid: async (w, as) => {
        const hold = await holdSlot(harness, w.a)
        return {
          path: `/v1/holds/${hold.id}`,
          body: { serviceId: w.a.serviceId, ...w.a.nextSlot() },
          token: holdToken(w.a, as, hold),
          observe: get(w.a, `/v1/holds/${hold.id}`),
        }
      },
      bad: [
        { field: 'serviceId', change: (r) => ({ ...r, body: { ...(r.body as object), serviceId: 'x' } }) },
      ],
      foreign: [
        {
          name: "clinic B's visit token on another clinic's hold",
          status: 404,
          build: async (w, ids) => ({
            path: `/v1/holds/${ids.holdId}`,
            body: { serviceId: w.b.serviceId, ...w.b.nextSlot() },
            token: w.b.hold.visitToken,
            observe: get(w.a, `/v1/holds/${w.a.hold.id}`),
          }),
        },
      ],
    },
    {
      method: 'DELETE',
      path: '/v1/holds/{id}',
      allowed: ['visit', 'secret'],
      status: 204,
      valid: async (w, as) => {
        const hold = await holdSlot(harness, w.a)
        return {
          path: `/v1/holds/${hold.id}`,
          token: holdToken(w.a, as, hold),
          observe: get(w.a, `/v1/holds/${hold.id}`),
        }
      },
      foreign: (['secret', 'visit'] as const).map((as) => ({
        name: `clinic B's ${as} on another clinic's hold`,
        status: 404 as const,
        build: async (w: World, ids: ClinicIds) => ({
          path: `/v1/holds/${ids.holdId}`,
          token: holdToken(w.b, as, w.b.hold),
          observe: get(w.a, `/v1/holds/${w.a.hold.id}`),
        }),
      })),
    },
    {
      method: 'POST',
      path: '/v1/bookings',
      allowed: ['publishable', 'secret', 'visit'],
      status: 201,
      valid: async (w, as) => {
        if (as === 'visit') {
          const hold = await holdSlot(harness, w.a)
          return {
            path: '/v1/bookings',
            body: { holdId: hold.id, patient },
            token: hold.visitToken,
            observe: bookingsAt(w.a, hold.startsAt),
          }
        }
        const slot = w.a.nextSlot()
        return {
          path: '/v1/bookings',
          body: { serviceId: w.a.serviceId, ...slot, patient },
          token: standingToken(w.a, as),
          observe: bookingsAt(w.a, slot.startsAt),
        }
      },
      bad: [
        {
          field: 'patient.email',
          as: 'publishable',
          change: withPatient({ email: 'maria-at-example.org' }),
        },
        {
          field: 'patient.dateOfBirth',
          as: 'publishable',
          change: withPatient({ dateOfBirth: '2999-01-01' }),
        },
        { field: 'patient.phone', as: 'visit', change: withPatient({ phone: '+49 1' }) },
        { field: 'patient.name', as: 'visit', change: withPatient({ name: '<script>' }) },
      ],
      foreign: [
        {
          name: "clinic B's secret key with another clinic's hold",
          status: 404,
          build: async (w, ids) => ({
            path: '/v1/bookings',
            body: { holdId: ids.holdId, patient },
            token: w.b.sk,
            observe: get(w.a, `/v1/holds/${w.a.hold.id}`),
          }),
        },
        {
          name: "clinic B's visit token with another clinic's hold",
          status: 404,
          build: async (w, ids) => ({
            path: '/v1/bookings',
            body: { holdId: ids.holdId, patient },
            token: w.b.hold.visitToken,
            observe: get(w.a, `/v1/holds/${w.a.hold.id}`),
          }),
        },
        {
          name: "clinic B's publishable key with another clinic's service",
          status: 404,
          build: async (w, ids) => {
            const slot = w.a.nextSlot()
            return {
              path: '/v1/bookings',
              body: { serviceId: ids.serviceId, startsAt: slot.startsAt, patient },
              token: w.b.pk,
              observe: bookingsAt(w.a, slot.startsAt),
            }
          },
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/bookings',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/bookings?limit=5', token: standingToken(w.a, as) }),
      bad: [
        { field: 'limit', change: withPath('/v1/bookings?limit=0') },
        { field: 'from', change: withPath('/v1/bookings?from=yesterday') },
        { field: 'status', change: withPath('/v1/bookings?status=held') },
        {
          // A cursor this API never gave out, whose instant PostgreSQL cannot hold.
          field: 'cursor',
          change: withPath(
            `/v1/bookings?cursor=${Buffer.from('-100000-01-01T00:00:00.000Z|bkg_x').toString('base64url')}`,
          ),
        },
      ],
      foreign: [
        {
          name: "another clinic's practitioner as a filter",
          status: 200,
          build: async (w, ids) => ({
            path: `/v1/bookings?practitionerId=${ids.practitionerId}`,
            token: w.b.sk,
          }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/bookings/{id}',
      allowed: ['secret', 'visit', 'manage'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/bookings/${w.a.booking.id}`,
        token: bookingToken(w.a, as, w.a.booking),
      }),
      foreign: (['secret', 'visit', 'manage'] as const).map((as) => ({
        name: `clinic B's ${as} on another clinic's booking`,
        status: 404 as const,
        build: async (w: World, ids: ClinicIds) => ({
          path: `/v1/bookings/${ids.bookingId}`,
          token: bookingToken(w.b, as, w.b.booking),
        }),
      })),
    },
    ...(['cancel', 'reschedule'] as const).map(
      (action): RouteSpec => ({
        method: 'POST',
        path: `/v1/bookings/{id}/${action}`,
        allowed: ['secret', 'manage'],
        status: 200,
        valid: async (w, as) => {
          const booking = await freshBooking(w.a)
          return {
            path: `/v1/bookings/${booking.id}/${action}`,
            body: action === 'cancel' ? { reason: 'Feeling better' } : w.a.nextSlot(),
            token: bookingToken(w.a, as, booking),
            observe: get(w.a, `/v1/bookings/${booking.id}`),
          }
        },
        bad: [
          action === 'cancel'
            ? { field: 'reason', as: 'manage', change: withBody({ reason: 'x'.repeat(501) }) }
            : { field: 'startsAt', as: 'manage', change: withBody({ startsAt: 'next tuesday' }) },
        ],
        foreign: [
          ...(['secret', 'manage'] as const).map((as) => ({
            name: `clinic B's ${as} on another clinic's booking`,
            status: 404 as const,
            build: async (w: World, ids: ClinicIds) => ({
              path: `/v1/bookings/${ids.bookingId}/${action}`,
              body: action === 'cancel' ? {} : w.a.nextSlot(),
              token: bookingToken(w.b, as, w.b.booking),
              observe: get(w.a, `/v1/bookings/${w.a.booking.id}`),
            }),
          })),
          ...(action === 'reschedule'
            ? [
                {
                  name: "another clinic's practitioner as the new one",
                  status: 404 as const,
                  build: async (w: World, ids: ClinicIds) => {
                    const booking = await freshBooking(w.b)
                    return {
                      path: `/v1/bookings/${booking.id}/reschedule`,
                      body: { startsAt: w.b.nextSlot().startsAt, practitionerId: ids.practitionerId },
                      token: w.b.sk,
                      observe: get(w.b, `/v1/bookings/${booking.id}`),
                    }
                  },
                },
              ]
            : []),
        ],
      }),
    ),
  ]
}

function withPatient(change: Record<string, string>) {
  return (request: RouteRequest) => {
    const body = request.body as { patient: object }
    return { ...request, body: { ...body, patient: { ...body.patient, ...change } } }
  }
}
