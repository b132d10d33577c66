// Tenancy: one clinic's principals naming another clinic's ids get exactly what a made-up id gets, and change nothing.
import { beforeAll, describe, expect, it } from 'vitest'
import { type CallResult, useHarness } from '../harness.js'
import { createWorld, expectError, issuePaths, type World } from './fixtures.js'
import { type RouteRequest, routeTable } from './route-table.js'

const harness = useHarness()
const routes = routeTable(harness)
let world: World

beforeAll(async () => {
  world = await createWorld(harness)
})

const send = (method: string, request: RouteRequest) =>
  harness.call(method, request.path, {
    token: request.token,
    ...(request.body !== undefined && { body: request.body }),
  })

/** What a caller can tell apart: status and body, without the per-request id. */
function answer(response: CallResult) {
  if (!response.body?.error) {
    // A chain's signed head is the caller's own clinic's, and moves as its audit trail grows (reading the
    // trail is audited too): what must match is what the page says about the ids asked for.
    const { head: _head, ...body } = response.body ?? {}
    return { status: response.status, body: response.body?.head ? body : response.body }
  }
  const { requestId: _requestId, ...error } = response.body.error
  return { status: response.status, error }
}

const CODES = { 404: 'NOT_FOUND', 422: 'VALIDATION_FAILED' } as const

describe("another clinic's ids", () => {
  for (const spec of routes) {
    for (const foreign of spec.foreign ?? []) {
      it(`${spec.method} ${spec.path}: ${foreign.name} → ${foreign.status}, like a made-up id`, async () => {
        const request = await foreign.build(world, world.a.ids)
        const before = await request.observe?.()
        const real = await send(spec.method, request)
        const madeUp = await send(spec.method, await foreign.build(world, world.ghost))

        if (foreign.status === 200) expect(real.status).toBe(200)
        else expectError(real, foreign.status, CODES[foreign.status])
        if (foreign.field) expect(issuePaths(real)).toContainEqual(expect.stringMatching(foreign.field))
        expect(answer(real)).toEqual(answer(madeUp))
        expect(JSON.stringify(real.body)).not.toContain(world.a.clinicId)
        expect(await request.observe?.()).toEqual(before)
      })
    }
  }
})

describe('lists', () => {
  const lists = [
    '/v1/locations',
    '/v1/practitioners',
    '/v1/services',
    '/v1/time-off',
    '/v1/bookings?limit=100',
    '/v1/keys',
  ]
  for (const path of lists) {
    it(`GET ${path} shows none of the other clinic's objects`, async () => {
      const { a, b } = world
      const response = await harness.call('GET', path, { token: b.sk })
      expect(response.status).toBe(200)
      expect(response.body.data.length).toBeGreaterThan(0)
      const text = JSON.stringify(response.body)
      for (const id of [...Object.values(a.ids), ...a.practitionerIds, a.clinicId, a.secretKeyId]) {
        if (!id.startsWith('2027')) expect(text).not.toContain(id)
      }
    })
  }

  it("GET /v1/clinic answers the key's own clinic", async () => {
    const { a, b } = world
    expect((await harness.call('GET', '/v1/clinic', { token: a.pk })).body.id).toBe(a.clinicId)
    expect((await harness.call('GET', '/v1/clinic', { token: b.booking.manageToken })).body.id).toBe(
      b.clinicId,
    )
  })

  it("a clinic's patient list never shows another clinic's patient, even with the same email and birth date", async () => {
    const { a, b } = world
    const [inA, inB] = await Promise.all([
      harness.call('GET', `/v1/bookings/${a.booking.id}`, { token: a.sk }),
      harness.call('GET', `/v1/bookings/${b.booking.id}`, { token: b.sk }),
    ])
    // Both clinics booked the same patient details: each must get its own patient record.
    expect(inA.body.patient.email).toBe(inB.body.patient.email)
    expect(inA.body.patient.id).not.toBe(inB.body.patient.id)
  })
})
