// The webhook rows of the route table: endpoints are the clinic's own, secret key only. Receivers here
// are at a .invalid name, which never resolves, so a test delivery fails at once and is logged.
import type { Harness } from '../harness.js'
import {
  type Clinic,
  type ClinicIds,
  type PrincipalKind,
  read,
  standingToken,
  unique,
  type World,
} from './fixtures.js'
import { type ForeignRequest, type RouteRequest, type RouteSpec, withBody } from './route-spec.js'

const hook = () => ({
  url: `https://hooks-${unique()}.clinic.invalid/frontdesk`,
  events: ['booking.created'],
})

export function webhookRoutes(harness: Harness): RouteSpec[] {
  const call: Harness['call'] = (...args) => harness.call(...args)
  const get = (clinic: Clinic, path: string) => () => read(harness, clinic, path)
  const endpointOf = async (clinic: Clinic) => {
    const created = await call('POST', '/v1/webhooks/endpoints', { token: clinic.sk, body: hook() })
    if (created.status !== 201) throw new Error(`endpoint: ${JSON.stringify(created.body)}`)
    return created.body.endpoint.id as string
  }
  /** Clinic A's own endpoint when the case names A's ids, a made-up one otherwise. */
  const endpointFor = async (w: World, ids: ClinicIds) =>
    ids.serviceId === w.a.ids.serviceId ? endpointOf(w.a) : 'whk_Ghost0000000000000000'
  const foreign = (name: string, path: (endpoint: string) => string, body?: unknown): ForeignRequest => ({
    name,
    status: 404,
    build: async (w, ids) => ({
      path: path(await endpointFor(w, ids)),
      token: w.b.sk,
      ...(body !== undefined && { body }),
      observe: get(w.a, '/v1/webhooks/endpoints'),
    }),
  })
  const own =
    (path: (endpoint: string) => string, body?: unknown, observe = true) =>
    async (w: World, as: PrincipalKind): Promise<RouteRequest> => {
      const endpoint = await endpointOf(w.a)
      return {
        path: path(endpoint),
        token: standingToken(w.a, as),
        ...(body !== undefined && { body }),
        ...(observe && { observe: get(w.a, '/v1/webhooks/endpoints') }),
      }
    }

  return [
    {
      method: 'POST',
      path: '/v1/webhooks/endpoints',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => ({
        path: '/v1/webhooks/endpoints',
        body: hook(),
        token: standingToken(w.a, as),
        observe: get(w.a, '/v1/webhooks/endpoints'),
      }),
      bad: [
        { field: 'url', change: withBody({ url: 'ftp://files.example/hook', events: ['booking.created'] }) },
        {
          field: 'url',
          change: withBody({ url: 'http://hooks.clinic.invalid/x', events: ['booking.created'] }),
        },
        { field: 'events', change: withBody({ url: 'https://hooks.clinic.invalid/x', events: [] }) },
        {
          field: 'events.0',
          change: withBody({ url: 'https://hooks.clinic.invalid/x', events: ['booking.exploded'] }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/webhooks/endpoints',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/webhooks/endpoints', token: standingToken(w.a, as) }),
    },
    {
      method: 'PATCH',
      path: '/v1/webhooks/endpoints/{id}',
      allowed: ['secret'],
      status: 200,
      valid: own((endpoint) => `/v1/webhooks/endpoints/${endpoint}`, { enabled: false }),
      bad: [{ field: 'events', change: withBody({ events: [] }) }],
      foreign: [
        foreign("clinic B's key pausing another clinic's endpoint", (e) => `/v1/webhooks/endpoints/${e}`, {
          enabled: false,
        }),
      ],
    },
    {
      method: 'DELETE',
      path: '/v1/webhooks/endpoints/{id}',
      allowed: ['secret'],
      status: 204,
      valid: own((endpoint) => `/v1/webhooks/endpoints/${endpoint}`),
      foreign: [
        foreign("clinic B's key removing another clinic's endpoint", (e) => `/v1/webhooks/endpoints/${e}`),
      ],
    },
    {
      method: 'POST',
      path: '/v1/webhooks/endpoints/{id}/roll-secret',
      allowed: ['secret'],
      status: 200,
      valid: own((endpoint) => `/v1/webhooks/endpoints/${endpoint}/roll-secret`),
      foreign: [
        foreign(
          "clinic B's key rolling another clinic's secret",
          (e) => `/v1/webhooks/endpoints/${e}/roll-secret`,
        ),
      ],
    },
    {
      method: 'POST',
      path: '/v1/webhooks/endpoints/{id}/test',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => {
        const endpoint = await endpointOf(w.a)
        return {
          path: `/v1/webhooks/endpoints/${endpoint}/test`,
          token: standingToken(w.a, as),
          observe: get(w.a, `/v1/webhooks/endpoints/${endpoint}/deliveries`),
        }
      },
      foreign: [
        foreign(
          "clinic B's key testing another clinic's endpoint",
          (e) => `/v1/webhooks/endpoints/${e}/test`,
        ),
      ],
    },
    {
      method: 'GET',
      path: '/v1/webhooks/endpoints/{id}/deliveries',
      allowed: ['secret'],
      status: 200,
      valid: own((endpoint) => `/v1/webhooks/endpoints/${endpoint}/deliveries`, undefined, false),
      foreign: [
        foreign(
          "clinic B's key reading another clinic's delivery log",
          (e) => `/v1/webhooks/endpoints/${e}/deliveries`,
        ),
      ],
    },
  ]
}
