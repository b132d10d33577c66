// The message rows of the route table: the clinic's message settings and delivery status, secret key only.
import type { Harness } from '../harness.js'
import { type Clinic, read, standingToken } from './fixtures.js'
import { pathIdCase, type RouteSpec, withBody, withPath } from './route-spec.js'

export function messageRoutes(harness: Harness): RouteSpec[] {
  const settings = (clinic: Clinic) => () => read(harness, clinic, '/v1/clinic/messaging')
  return [
    {
      method: 'GET',
      path: '/v1/clinic/messaging',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/clinic/messaging', token: standingToken(w.a, as) }),
    },
    {
      method: 'PATCH',
      path: '/v1/clinic/messaging',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: '/v1/clinic/messaging',
        body: { reminderOffsetsMinutes: [1440, 60] },
        token: standingToken(w.a, as),
        observe: settings(w.a),
      }),
      bad: [
        { field: 'reminderOffsetsMinutes.0', change: withBody({ reminderOffsetsMinutes: [5] }) },
        { field: 'reminderOffsetsMinutes', change: withBody({ reminderOffsetsMinutes: [60, 60] }) },
        { field: 'channels.0', change: withBody({ channels: ['fax'] }) },
        { field: 'smsFrom', change: withBody({ channels: ['sms'] }) },
        { field: 'smsFrom', change: withBody({ smsFrom: '0301234567' }) },
        { field: 'replyTo', change: withBody({ replyTo: 'not an address' }) },
      ],
    },
    {
      method: 'GET',
      path: '/v1/bookings/{id}/messages',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/bookings/${w.a.booking.id}/messages`,
        token: standingToken(w.a, as),
      }),
      foreign: [
        pathIdCase(
          "clinic B's key on another clinic's booking",
          (ids) => `/v1/bookings/${ids.bookingId}/messages`,
        ),
      ],
    },
    {
      method: 'GET',
      path: '/v1/messages',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/messages?status=scheduled', token: standingToken(w.a, as) }),
      bad: [
        { field: 'status', change: withPath('/v1/messages?status=lost') },
        { field: 'cursor', change: withPath('/v1/messages?cursor=bm9wZQ') },
        { field: 'limit', change: withPath('/v1/messages?limit=0') },
      ],
      foreign: [
        {
          name: "another clinic's booking as a filter",
          status: 200,
          build: async (w, ids) => ({ path: `/v1/messages?bookingId=${ids.bookingId}`, token: w.b.sk }),
        },
      ],
    },
  ]
}
