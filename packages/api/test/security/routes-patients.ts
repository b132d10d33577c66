// The patient rows of the route table: the clinic's record of a patient and their rights, secret key only.
// Destructive requests (erasure, holds) act on a fresh patient each time.

import type { Harness } from '../harness.js'
import { patient } from '../harness.js'
import { bookSlot, type Clinic, type ClinicIds, read, standingToken, unique, type World } from './fixtures.js'
import { pathIdCase, type RouteSpec, withBody, withPath } from './route-spec.js'

export function patientRoutes(harness: Harness): RouteSpec[] {
  const freshPatient = async (clinic: Clinic) => {
    const booking = await bookSlot(harness, clinic, { ...patient, email: `patient-${unique()}@example.org` })
    return (await read(harness, clinic, `/v1/bookings/${booking.id}`)).body.patient.id as string
  }
  const observe = (w: World, id: string) => () => read(harness, w.a, `/v1/patients/${id}`)
  const onFresh =
    (path: (id: string) => string, body?: unknown) =>
    async (w: World, as: Parameters<typeof standingToken>[1]) => {
      const id = await freshPatient(w.a)
      return {
        path: path(id),
        token: standingToken(w.a, as),
        observe: observe(w, id),
        ...(body !== undefined && { body }),
      }
    }
  const foreign = (name: string, path: (ids: ClinicIds) => string, body?: unknown) =>
    pathIdCase(name, path, (w) => () => read(harness, w.a, `/v1/patients/${w.a.ids.patientId}`), body)
  return [
    {
      method: 'POST',
      path: '/v1/patients/search',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: '/v1/patients/search',
        token: standingToken(w.a, as),
        body: { email: patient.email },
      }),
      bad: [
        { field: 'email', change: withBody({ email: 'nope' }) },
        { field: 'name', change: withBody({ name: 'x' }) },
        { field: 'limit', change: withBody({ name: 'Maria', limit: 1000 }) },
        { field: '', change: withBody({ email: patient.email, name: 'Maria' }) },
      ],
      // Across clinics: ../patient-search.test.ts (a search names no id to swap).
    },
    {
      method: 'GET',
      path: '/v1/patients/{id}',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: `/v1/patients/${w.a.ids.patientId}`, token: standingToken(w.a, as) }),
      foreign: [
        foreign("clinic B's key reading another clinic's patient", (ids) => `/v1/patients/${ids.patientId}`),
      ],
    },
    {
      method: 'PATCH',
      path: '/v1/patients/{id}',
      allowed: ['secret'],
      status: 200,
      valid: onFresh((id) => `/v1/patients/${id}`, { name: 'Maria Corrected' }),
      bad: [
        { field: 'name', change: withBody({ name: '' }) },
        { field: 'email', change: withBody({ email: 'nope' }) },
        { field: 'dateOfBirth', change: withBody({ dateOfBirth: '2999-01-01' }) },
      ],
      foreign: [
        foreign(
          "clinic B's key correcting another clinic's patient",
          (ids) => `/v1/patients/${ids.patientId}`,
          {
            name: 'Hijacked',
          },
        ),
      ],
    },
    {
      method: 'GET',
      path: '/v1/patients/{id}/export',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/patients/${w.a.ids.patientId}/export`,
        token: standingToken(w.a, as),
      }),
      bad: [{ field: 'format', change: (r) => withPath(`${r.path}?format=pdf`)(r) }],
      foreign: [
        foreign(
          "clinic B's key exporting another clinic's patient",
          (ids) => `/v1/patients/${ids.patientId}/export`,
        ),
      ],
    },
    {
      method: 'POST',
      path: '/v1/patients/{id}/erasure',
      allowed: ['secret'],
      status: 200,
      valid: onFresh((id) => `/v1/patients/${id}/erasure`),
      foreign: [
        foreign(
          "clinic B's key erasing another clinic's patient",
          (ids) => `/v1/patients/${ids.patientId}/erasure`,
        ),
      ],
    },
    {
      method: 'PUT',
      path: '/v1/patients/{id}/restriction',
      allowed: ['secret'],
      status: 200,
      valid: onFresh((id) => `/v1/patients/${id}/restriction`, { restricted: true }),
      bad: [{ field: 'restricted', change: withBody({ restricted: 'yes' }) }],
      foreign: [
        foreign(
          "clinic B's key restricting another clinic's patient",
          (ids) => `/v1/patients/${ids.patientId}/restriction`,
          { restricted: true },
        ),
      ],
    },
    {
      method: 'GET',
      path: '/v1/patients/{id}/legal-holds',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/patients/${w.a.ids.patientId}/legal-holds`,
        token: standingToken(w.a, as),
      }),
      foreign: [
        foreign(
          "clinic B's key listing another clinic's holds",
          (ids) => `/v1/patients/${ids.patientId}/legal-holds`,
        ),
      ],
    },
    {
      method: 'POST',
      path: '/v1/patients/{id}/legal-holds',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => {
        const id = await freshPatient(w.a)
        return {
          path: `/v1/patients/${id}/legal-holds`,
          token: standingToken(w.a, as),
          body: { kinds: ['consent'], reason: 'Court case 12/27' },
          observe: () => read(harness, w.a, `/v1/patients/${id}/legal-holds`),
        }
      },
      bad: [
        { field: 'kinds.0', change: withBody({ kinds: ['everything'], reason: 'x' }) },
        { field: 'reason', change: withBody({ kinds: ['consent'], reason: '' }) },
        { field: 'until', change: withBody({ kinds: ['consent'], reason: 'x', until: 'soon' }) },
      ],
      foreign: [
        foreign(
          "clinic B's key holding another clinic's patient",
          (ids) => `/v1/patients/${ids.patientId}/legal-holds`,
          {
            kinds: ['consent'],
            reason: 'x',
          },
        ),
      ],
    },
    {
      method: 'POST',
      path: '/v1/legal-holds/{id}/release',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => {
        const id = await freshPatient(w.a)
        const hold = await harness.call('POST', `/v1/patients/${id}/legal-holds`, {
          token: w.a.sk,
          body: { kinds: ['intake'], reason: 'Audit 2027' },
        })
        return {
          path: `/v1/legal-holds/${hold.body.id}/release`,
          token: standingToken(w.a, as),
          observe: () => read(harness, w.a, `/v1/patients/${id}/legal-holds`),
        }
      },
      foreign: [
        {
          name: "clinic B's key releasing another clinic's hold",
          status: 404,
          build: async (w, ids) => {
            const mine = ids.patientId === w.a.ids.patientId
            const hold = mine
              ? (
                  await harness.call('POST', `/v1/patients/${ids.patientId}/legal-holds`, {
                    token: w.a.sk,
                    body: { kinds: ['audit'], reason: 'Tax audit' },
                  })
                ).body.id
              : 'lh_Ghost0000000000000000'
            return {
              path: `/v1/legal-holds/${hold}/release`,
              token: w.b.sk,
              observe: () => read(harness, w.a, `/v1/patients/${w.a.ids.patientId}/legal-holds`),
            }
          },
        },
      ],
    },
  ]
}
