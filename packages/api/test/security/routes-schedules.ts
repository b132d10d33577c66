// The schedule rows of the route table: weekly hours, date overrides and time off.
import type { Harness } from '../harness.js'
import { type Clinic, farDate, read, sparePractitioner, standingToken, unique } from './fixtures.js'
import { pathIdCase, type RouteSpec, withBody, withPath } from './route-spec.js'

export function scheduleRoutes(harness: Harness): RouteSpec[] {
  // harness.call exists only once the harness has opened its storage, after the table is built.
  const call: Harness['call'] = (...args) => harness.call(...args)
  const get = (clinic: Clinic, path: string) => () => read(harness, clinic, path)

  return [
    {
      method: 'GET',
      path: '/v1/practitioners/{id}/hours',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/practitioners/${w.a.practitionerIds[0]}/hours`,
        token: standingToken(w.a, as),
      }),
      foreign: [
        pathIdCase("another clinic's practitioner", (ids) => `/v1/practitioners/${ids.practitionerId}/hours`),
      ],
    },
    {
      method: 'PUT',
      path: '/v1/practitioners/{id}/hours',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => {
        const id = await sparePractitioner(harness, w.a)
        return {
          path: `/v1/practitioners/${id}/hours`,
          body: { hours: [{ weekday: 2, start: '13:00', end: '15:00', locationId: w.a.locationId }] },
          token: standingToken(w.a, as),
          observe: get(w.a, `/v1/practitioners/${id}/hours`),
        }
      },
      bad: [
        { field: 'hours.0.end', change: withBody({ hours: [{ weekday: 2, start: '15:00', end: '13:00' }] }) },
        {
          // The first row is fine: the whole week must stay as it was, not half-replaced.
          field: /^(hours\.1\.)?locationId$/,
          change: (r, w) =>
            withBody({
              hours: [
                { weekday: 3, start: '09:00', end: '10:00', locationId: w.a.locationId },
                { weekday: 4, start: '09:00', end: '10:00', locationId: w.ghost.locationId },
              ],
            })(r),
        },
      ],
      foreign: [
        pathIdCase(
          "another clinic's practitioner",
          (ids) => `/v1/practitioners/${ids.practitionerId}/hours`,
          (w) => get(w.a, `/v1/practitioners/${w.a.practitionerIds[0]}/hours`),
          { hours: [] },
        ),
        {
          name: "another clinic's location in the hours",
          status: 422,
          field: /^(hours\.0\.)?locationId$/,
          build: async (w, ids) => {
            const id = await sparePractitioner(harness, w.b)
            return {
              path: `/v1/practitioners/${id}/hours`,
              body: { hours: [{ weekday: 5, start: '09:00', end: '12:00', locationId: ids.locationId }] },
              token: w.b.sk,
              observe: get(w.b, `/v1/practitioners/${id}/hours`),
            }
          },
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/practitioners/{id}/overrides',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/practitioners/${w.a.practitionerIds[0]}/overrides`,
        token: standingToken(w.a, as),
      }),
      foreign: [
        pathIdCase(
          "another clinic's practitioner",
          (ids) => `/v1/practitioners/${ids.practitionerId}/overrides`,
        ),
      ],
    },
    {
      method: 'PUT',
      path: '/v1/practitioners/{id}/overrides',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/practitioners/${w.a.practitionerIds[1]}/overrides`,
        body: { date: farDate(), windows: [{ start: '10:00', end: '12:00', locationId: w.a.locationId }] },
        token: standingToken(w.a, as),
        observe: get(w.a, `/v1/practitioners/${w.a.practitionerIds[1]}/overrides`),
      }),
      bad: [
        {
          field: 'windows.0.end',
          change: withBody({ date: farDate(), windows: [{ start: '12:00', end: '10:00' }] }),
        },
        { field: 'date', change: withBody({ date: '2027-02-30', windows: [] }) },
      ],
      foreign: [
        pathIdCase(
          "another clinic's practitioner",
          (ids) => `/v1/practitioners/${ids.practitionerId}/overrides`,
          (w) => get(w.a, `/v1/practitioners/${w.a.practitionerIds[0]}/overrides`),
          { date: '2027-07-02', windows: [] },
        ),
        {
          name: "another clinic's location in a window",
          status: 422,
          field: /^(windows\.0\.)?locationId$/,
          build: async (w, ids) => ({
            path: `/v1/practitioners/${w.b.practitionerIds[1]}/overrides`,
            body: {
              date: farDate(),
              windows: [{ start: '09:00', end: '10:00', locationId: ids.locationId }],
            },
            token: w.b.sk,
            observe: get(w.b, `/v1/practitioners/${w.b.practitionerIds[1]}/overrides`),
          }),
        },
      ],
    },
    {
      method: 'DELETE',
      path: '/v1/practitioners/{id}/overrides/{date}',
      allowed: ['secret'],
      status: 204,
      valid: async (w, as) => {
        const practitioner = w.a.practitionerIds[1]
        const date = farDate()
        await call('PUT', `/v1/practitioners/${practitioner}/overrides`, {
          token: w.a.sk,
          body: { date, windows: [] },
        })
        return {
          path: `/v1/practitioners/${practitioner}/overrides/${date}`,
          token: standingToken(w.a, as),
          observe: get(w.a, `/v1/practitioners/${practitioner}/overrides`),
        }
      },
      bad: [
        {
          field: 'date',
          change: (r) => withPath(r.path.replace(/\d{4}-\d{2}-\d{2}$/, '2027-02-30'))(r),
        },
      ],
      foreign: [
        pathIdCase(
          "another clinic's practitioner and date",
          (ids) => `/v1/practitioners/${ids.practitionerId}/overrides/${ids.overrideDate}`,
          (w) => get(w.a, `/v1/practitioners/${w.a.practitionerIds[0]}/overrides`),
        ),
      ],
    },
    {
      method: 'GET',
      path: '/v1/time-off',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/time-off', token: standingToken(w.a, as) }),
      bad: [{ field: 'practitionerId', change: withPath('/v1/time-off?practitionerId=Robert') }],
      foreign: [
        {
          name: "another clinic's practitioner as a filter",
          status: 200,
          build: async (w, ids) => ({
            path: `/v1/time-off?practitionerId=${ids.practitionerId}`,
            token: w.b.sk,
          }),
        },
      ],
    },
    {
      method: 'POST',
      path: '/v1/time-off',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => {
        const date = `2028-${String(2 + (unique() % 10)).padStart(2, '0')}-15`
        return {
          path: '/v1/time-off',
          body: {
            practitionerId: w.a.practitionerIds[0],
            startsAt: `${date}T08:00:00Z`,
            endsAt: `${date}T09:00:00Z`,
            reason: 'Conference',
          },
          token: standingToken(w.a, as),
          observe: get(w.a, '/v1/time-off'),
        }
      },
      bad: [
        {
          field: 'endsAt',
          change: withBody({
            startsAt: '2028-02-02T10:00:00Z',
            endsAt: '2028-02-02T09:00:00Z',
            reason: 'Backwards',
          }),
        },
      ],
      foreign: [
        {
          name: "another clinic's practitioner",
          status: 422,
          field: 'practitionerId',
          build: async (w, ids) => ({
            path: '/v1/time-off',
            body: {
              practitionerId: ids.practitionerId,
              startsAt: '2028-03-01T08:00:00Z',
              endsAt: '2028-03-01T09:00:00Z',
            },
            token: w.b.sk,
            observe: get(w.b, '/v1/time-off'),
          }),
        },
      ],
    },
    {
      method: 'DELETE',
      path: '/v1/time-off/{id}',
      allowed: ['secret'],
      status: 204,
      valid: async (w, as) => {
        const created = await call('POST', '/v1/time-off', {
          token: w.a.sk,
          body: { startsAt: '2028-06-01T08:00:00Z', endsAt: '2028-06-01T09:00:00Z', reason: 'Closed' },
        })
        return {
          path: `/v1/time-off/${created.body.id}`,
          token: standingToken(w.a, as),
          observe: get(w.a, '/v1/time-off'),
        }
      },
      foreign: [
        pathIdCase(
          "another clinic's time off",
          (ids) => `/v1/time-off/${ids.timeOffId}`,
          (w) => get(w.a, '/v1/time-off'),
        ),
      ],
    },
  ]
}
