// The audit rows of the route table: the trail and its check, secret key only.
import type { Harness } from '../harness.js'
import { standingToken } from './fixtures.js'
import { type RouteSpec, withPath } from './route-spec.js'

export function auditRoutes(_harness: Harness): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/v1/audit/events',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/audit/events?limit=5', token: standingToken(w.a, as) }),
      bad: [
        { field: 'from', change: withPath('/v1/audit/events?from=yesterday') },
        { field: 'cursor', change: withPath('/v1/audit/events?cursor=bm9wZQ') },
        { field: 'patientId', change: withPath('/v1/audit/events?patientId=nobody') },
      ],
      foreign: [
        {
          name: "another clinic's patient as a filter",
          status: 200,
          build: async (w, ids) => ({
            path: `/v1/audit/events?patientId=${ids.patientId}&action=booking.create`,
            token: w.b.sk,
          }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/audit/verification',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/audit/verification', token: standingToken(w.a, as) }),
    },
  ]
}
