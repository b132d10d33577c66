// The rights-request rows of the route table: patients start and verify with the publishable key, the
// clinic lists and decides with the secret key. Codes are read from what the app sent.
import type { OutgoingEmail } from '../../src/messages/transports.js'
import type { Harness } from '../harness.js'
import { type Clinic, read, standingToken, unique } from './fixtures.js'
import { type RouteSpec, withBody, withPath } from './route-spec.js'

export function rightsRoutes(harness: Harness): RouteSpec[] {
  const startBody = () => ({
    kind: 'access',
    email: `rights-${unique()}@example.org`,
    dateOfBirth: '1985-04-12',
  })
  const started = async (clinic: Clinic) => {
    const body = startBody()
    const answer = await harness.call('POST', '/v1/rights-requests', { token: clinic.pk, body })
    if (answer.status !== 202) throw new Error(`rights request: ${JSON.stringify(answer.body)}`)
    const mail = harness.sent
      .filter((sent): sent is OutgoingEmail => 'subject' in sent && sent.to === body.email)
      .at(-1)
    return { id: answer.body.requestId as string, code: /\b(\d{6})\b/.exec(mail?.text ?? '')?.[1] ?? '' }
  }
  const open = async (clinic: Clinic) => {
    const request = await started(clinic)
    await harness.call('POST', `/v1/rights-requests/${request.id}/verify`, {
      token: clinic.pk,
      body: { code: request.code },
    })
    return request.id
  }
  const list = (clinic: Clinic) => () => read(harness, clinic, '/v1/rights-requests')
  return [
    {
      method: 'POST',
      path: '/v1/rights-requests',
      allowed: ['publishable'],
      status: 202,
      valid: async (w, as) => ({
        path: '/v1/rights-requests',
        token: standingToken(w.a, as),
        body: startBody(),
      }),
      bad: [
        { field: 'kind', change: withBody({ ...startBody(), kind: 'everything' }) },
        { field: 'email', change: withBody({ ...startBody(), email: 'nope' }) },
        { field: 'dateOfBirth', change: withBody({ ...startBody(), dateOfBirth: 'yesterday' }) },
      ],
    },
    {
      method: 'POST',
      path: '/v1/rights-requests/{id}/verify',
      allowed: ['publishable'],
      status: 200,
      valid: async (w, as) => {
        const request = await started(w.a)
        return {
          path: `/v1/rights-requests/${request.id}/verify`,
          token: standingToken(w.a, as),
          body: { code: request.code },
          observe: list(w.a),
        }
      },
      bad: [{ field: 'code', change: withBody({ code: '12ab' }) }],
      foreign: [
        {
          name: "clinic B's key verifying another clinic's request",
          status: 404,
          build: async (w, ids) => {
            const request =
              ids.serviceId === w.a.ids.serviceId
                ? await started(w.a)
                : { id: 'rr_Ghost00000000000000', code: '123456' }
            return {
              path: `/v1/rights-requests/${request.id}/verify`,
              token: w.b.pk,
              body: { code: request.code },
              observe: list(w.a),
            }
          },
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/rights-requests',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/rights-requests', token: standingToken(w.a, as) }),
      bad: [{ field: 'status', change: withPath('/v1/rights-requests?status=unverified') }],
    },
    {
      method: 'POST',
      path: '/v1/rights-requests/{id}/decision',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/rights-requests/${await open(w.a)}/decision`,
        token: standingToken(w.a, as),
        body: { decision: 'reject', note: 'Not ours' },
        observe: list(w.a),
      }),
      bad: [
        { field: 'decision', change: withBody({ decision: 'maybe' }) },
        { field: 'patientId', change: withBody({ decision: 'complete', patientId: 'not an id!' }) },
      ],
      foreign: [
        {
          name: "clinic B's key deciding another clinic's request",
          status: 404,
          build: async (w, ids) => ({
            path: `/v1/rights-requests/${ids.serviceId === w.a.ids.serviceId ? await open(w.a) : 'rr_Ghost00000000000000'}/decision`,
            token: w.b.sk,
            body: { decision: 'reject' },
            observe: list(w.a),
          }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/clinic/retention',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/clinic/retention', token: standingToken(w.a, as) }),
    },
    {
      method: 'PATCH',
      path: '/v1/clinic/retention',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: '/v1/clinic/retention',
        token: standingToken(w.a, as),
        body: { auditDays: 3650 },
        observe: () => read(harness, w.a, '/v1/clinic/retention'),
      }),
      bad: [
        { field: 'auditDays', change: withBody({ auditDays: 0 }) },
        { field: 'bookingsDays', change: withBody({ bookingsDays: 'forever' }) },
      ],
    },
    {
      method: 'POST',
      path: '/v1/retention/runs',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => ({
        path: '/v1/retention/runs',
        token: standingToken(w.a, as),
        observe: () => read(harness, w.a, '/v1/retention/runs'),
      }),
      bad: [
        { field: 'dryRun', change: withBody({ dryRun: 'yes' }) },
        { field: 'dryRun', change: withBody({ dryRun: 1 }) },
      ],
    },
    {
      method: 'GET',
      path: '/v1/retention/runs',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/retention/runs', token: standingToken(w.a, as) }),
    },
  ]
}
