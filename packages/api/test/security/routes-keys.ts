// The key rows of the route table: list, create, revoke and roll the clinic's API keys.
import type { Harness } from '../harness.js'
import { type Clinic, read, standingToken, unique } from './fixtures.js'
import { type RouteSpec, withBody } from './route-spec.js'

export function keyRoutes(harness: Harness): RouteSpec[] {
  // harness.call exists only once the harness has opened its storage, after the table is built.
  const call: Harness['call'] = (...args) => harness.call(...args)
  const get = (clinic: Clinic, path: string) => () => read(harness, clinic, path)

  return [
    {
      method: 'GET',
      path: '/v1/keys',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/keys', token: standingToken(w.a, as) }),
    },
    {
      method: 'POST',
      path: '/v1/keys',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => ({
        path: '/v1/keys',
        body: { kind: 'secret', label: `Server ${unique()}` },
        token: standingToken(w.a, as),
        observe: get(w.a, '/v1/keys'),
      }),
      bad: [
        { field: 'kind', change: withBody({ kind: 'admin', label: 'Root' }) },
        { field: 'mode', change: withBody({ kind: 'secret', mode: 'production', label: 'Prod' }) },
      ],
    },
    {
      method: 'POST',
      path: '/v1/keys/{id}/revoke',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => {
        const created = await call('POST', '/v1/keys', { token: w.a.sk, body: { kind: 'publishable' } })
        return {
          path: `/v1/keys/${created.body.key.id}/revoke`,
          token: standingToken(w.a, as),
          observe: get(w.a, '/v1/keys'),
        }
      },
      foreign: [
        {
          name: "clinic B's secret key on another clinic's key",
          status: 404,
          build: async (w, ids) => ({
            path: `/v1/keys/${ids.keyId}/revoke`,
            token: w.b.sk,
            observe: get(w.a, '/v1/keys'),
          }),
        },
      ],
    },
    {
      method: 'POST',
      path: '/v1/keys/{id}/roll',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => {
        const created = await call('POST', '/v1/keys', { token: w.a.sk, body: { kind: 'publishable' } })
        return {
          path: `/v1/keys/${created.body.key.id}/roll`,
          body: { overlapHours: 1 },
          token: standingToken(w.a, as),
          observe: get(w.a, '/v1/keys'),
        }
      },
      bad: [
        { field: 'overlapHours', change: withBody({ overlapHours: 169 }) },
        { field: 'overlapHours', change: withBody({ overlapHours: -1 }) },
        { field: 'overlapHours', change: withBody({ overlapHours: '24' }) },
        { field: 'overlap', change: withBody({ overlap: 24 }) },
      ],
      foreign: [
        {
          name: "clinic B's secret key on another clinic's key",
          status: 404,
          build: async (w, ids) => ({
            path: `/v1/keys/${ids.keyId}/roll`,
            body: { overlapHours: 1 },
            token: w.b.sk,
            observe: get(w.a, '/v1/keys'),
          }),
        },
      ],
    },
  ]
}
