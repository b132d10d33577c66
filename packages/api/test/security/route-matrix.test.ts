// Every /v1 route against every principal: the allowed ones succeed, everyone else gets 401/403 and writes nothing.
import { beforeAll, describe, expect, it } from 'vitest'
import { useHarness } from '../harness.js'
import {
  bookSlot,
  createWorld,
  expectError,
  holdSlot,
  PRINCIPALS,
  type PrincipalKind,
  type World,
} from './fixtures.js'
import { type RouteRequest, routeTable } from './route-table.js'

const harness = useHarness()
const routes = routeTable(harness)
let world: World

beforeAll(async () => {
  world = await createWorld(harness)
})

const send = (
  method: string,
  request: RouteRequest,
  auth: { token?: string; headers?: Record<string, string> },
) =>
  harness.call(method, request.path, { ...auth, ...(request.body !== undefined && { body: request.body }) })

/** Runs `attempt` and checks that what the request would have changed is as it was. */
async function writesNothing(request: RouteRequest, attempt: () => Promise<void>) {
  const before = await request.observe?.()
  await attempt()
  expect(await request.observe?.()).toEqual(before)
}

const SCHEMES: Record<string, PrincipalKind> = {
  publishableKey: 'publishable',
  secretKey: 'secret',
  visitToken: 'visit',
  manageToken: 'manage',
  resumeToken: 'resume',
  receiptToken: 'receipt',
}

describe('the route table', () => {
  it('covers every route of the OpenAPI document, with the principals each one declares', async () => {
    const document = await harness.call('GET', '/openapi.json')
    const declared = Object.entries(document.body.paths as Record<string, Record<string, any>>)
      .flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => ({
          route: `${method.toUpperCase()} ${path}`,
          allowed: (operation.security as Record<string, unknown>[])
            // Staff sessions come with every admin route; role-matrix.test.ts covers them.
            .flatMap((entry) => Object.keys(entry).flatMap((scheme) => SCHEMES[scheme] ?? []))
            .sort(),
        })),
      )
      // Routes only a staff session may call (GET /v1/staff/me) are staff.test.ts's.
      .filter((declaration) => declaration.allowed.length > 0)
      .sort((x, y) => x.route.localeCompare(y.route))
    const tested = routes
      .map((spec) => ({ route: `${spec.method} ${spec.path}`, allowed: [...spec.allowed].sort() }))
      .sort((x, y) => x.route.localeCompare(y.route))
    expect(tested).toEqual(declared)
    expect(tested.length).toBeGreaterThanOrEqual(35)
  })
})

const MALFORMED: { token?: string; headers?: Record<string, string> }[] = [
  { token: 'hunter2' },
  { token: 'sk_test_short' },
  { token: `sk_test_${'A'.repeat(43)}` },
  { token: `pk_test_${'B'.repeat(43)}` },
  { token: `vt_${'C'.repeat(43)}` },
  { token: `mt_${'D'.repeat(43)}` },
  { token: `rt_${'E'.repeat(43)}` },
  { token: `ct_${'F'.repeat(43)}` },
  { headers: { Authorization: 'Basic c2s6c2VjcmV0' } },
  { headers: { Authorization: 'Bearer' } },
]

for (const spec of routes) {
  const route = `${spec.method} ${spec.path}`
  describe(route, () => {
    for (const as of spec.allowed) {
      it(`answers ${spec.status} to a ${as} of the clinic${spec.method === 'GET' ? '' : ', and the change shows'}`, async () => {
        const request = await spec.valid(world, as)
        const before = await request.observe?.()
        const response = await send(spec.method, request, { token: request.token })
        expect({ status: response.status, body: response.body }).toMatchObject({ status: spec.status })
        // Proves the observation sees this route's writes, so "nothing written" below means something.
        if (request.observe) expect(await request.observe()).not.toEqual(before)
      })
    }

    it('answers 401 UNAUTHENTICATED without Authorization, and writes nothing', async () => {
      const request = await spec.valid(world, spec.allowed[0]!)
      await writesNothing(request, async () => {
        const response = await send(spec.method, request, {})
        expectError(response, 401, 'UNAUTHENTICATED')
      })
    })

    it('answers 401 to malformed and unknown tokens, and writes nothing', async () => {
      const request = await spec.valid(world, spec.allowed[0]!)
      await writesNothing(request, async () => {
        for (const auth of MALFORMED) {
          const response = await send(spec.method, request, auth)
          expectError(response, 401, 'UNAUTHENTICATED')
        }
      })
    })

    it('answers 401 to a revoked secret key, and writes nothing', async () => {
      const request = await spec.valid(world, spec.allowed[0]!)
      await writesNothing(request, async () => {
        const response = await send(spec.method, request, { token: world.a.revokedSecretKey })
        expectError(response, 401, 'UNAUTHENTICATED')
      })
    })

    for (const as of PRINCIPALS.filter((kind) => !spec.allowed.includes(kind))) {
      it(`refuses a ${as} with 403 FORBIDDEN, and writes nothing`, async () => {
        const request = await spec.valid(world, as)
        await writesNothing(request, async () => {
          const response = await send(spec.method, request, { token: request.token })
          expectError(response, 403, 'FORBIDDEN')
        })
      })
    }
  })
}

const intruder = { name: 'Eve Intruder', email: 'eve@example.org', dateOfBirth: '1990-01-01' }

describe('principal rules inside a route', () => {
  it("a publishable key cannot book a hold by its id: only the hold's visit token can", async () => {
    const { a } = world
    const hold = await holdSlot(harness, a)
    const response = await harness.call('POST', '/v1/bookings', {
      token: a.pk,
      body: { holdId: hold.id, patient: intruder },
    })
    expectError(response, 403, 'FORBIDDEN')
    expect((await harness.call('GET', `/v1/holds/${hold.id}`, { token: a.sk })).status).toBe(200)
  })

  it('a visit token books its own hold only, not another hold of the same clinic', async () => {
    const { a } = world
    const [mine, theirs] = [await holdSlot(harness, a), await holdSlot(harness, a)]
    const response = await harness.call('POST', '/v1/bookings', {
      token: mine.visitToken,
      body: { holdId: theirs.id, patient: intruder },
    })
    expectError(response, 404, 'NOT_FOUND')
    expect((await harness.call('GET', `/v1/holds/${theirs.id}`, { token: a.sk })).status).toBe(200)
    expect((await harness.call('GET', `/v1/holds/${theirs.id}`, { token: mine.visitToken })).status).toBe(404)
  })

  it('a visit token cannot book a slot of its own choosing', async () => {
    const { a } = world
    const hold = await holdSlot(harness, a)
    const slot = a.nextSlot()
    const response = await harness.call('POST', '/v1/bookings', {
      token: hold.visitToken,
      body: { serviceId: a.serviceId, ...slot, patient: intruder },
    })
    expectError(response, 403, 'FORBIDDEN')
    const list = await harness.call('GET', `/v1/bookings?from=${slot.startsAt}`, { token: a.sk })
    expect(list.body.data.map((booking: { startsAt: string }) => booking.startsAt)).not.toContain(
      new Date(slot.startsAt).toISOString(),
    )
  })

  it('a manage token reads, cancels and reschedules its own booking only', async () => {
    const { a } = world
    const other = await bookSlot(harness, a)
    const before = await harness.call('GET', `/v1/bookings/${other.id}`, { token: a.sk })
    const { manageToken: token } = await bookSlot(harness, a, intruder)
    expectError(await harness.call('GET', `/v1/bookings/${other.id}`, { token }), 404, 'NOT_FOUND')
    expectError(
      await harness.call('POST', `/v1/bookings/${other.id}/cancel`, { token, body: {} }),
      404,
      'NOT_FOUND',
    )
    const moved = await harness.call('POST', `/v1/bookings/${other.id}/reschedule`, {
      token,
      body: { startsAt: a.nextSlot().startsAt },
    })
    expectError(moved, 404, 'NOT_FOUND')
    expect((await harness.call('GET', `/v1/bookings/${other.id}`, { token: a.sk })).body).toEqual(before.body)
  })

  it("a hold's visit token carries on to the booking made from it, so a retry after a lost answer still works", async () => {
    const { a } = world
    const hold = await holdSlot(harness, a)
    const booked = await harness.call('POST', '/v1/bookings', {
      token: hold.visitToken,
      body: { holdId: hold.id, patient: intruder },
    })
    expect(booked.status).toBe(201)
    expect(booked.body.visitToken).toBe(hold.visitToken)
    const path = `/v1/bookings/${booked.body.booking.id}`
    expect((await harness.call('GET', path, { token: hold.visitToken })).status).toBe(200)
  })

  it('a visit token lapses after 24 hours; the manage token still reaches its booking', async () => {
    const { a } = world
    const booking = await bookSlot(harness, a, intruder)
    const path = `/v1/bookings/${booking.id}`
    const start = harness.clock.now
    try {
      harness.clock.now = start + 23 * 3_600_000
      expect((await harness.call('GET', path, { token: booking.visitToken })).status).toBe(200)
      harness.clock.now = start + 25 * 3_600_000
      expectError(await harness.call('GET', path, { token: booking.visitToken }), 401, 'UNAUTHENTICATED')
      expect((await harness.call('GET', path, { token: booking.manageToken })).status).toBe(200)
    } finally {
      harness.clock.now = start
    }
  })

  it("replaying another principal's Idempotency-Key does not hand a publishable key the patient's tokens", async () => {
    const { a } = world
    const hold = await holdSlot(harness, a)
    const request = {
      body: { holdId: hold.id, patient: intruder },
      headers: { 'Idempotency-Key': `hold-booking-${hold.id}` },
    }
    const first = await harness.call('POST', '/v1/bookings', { token: hold.visitToken, ...request })
    expect(first.status).toBe(201)
    // The publishable key may not book a hold at all (see above); a replay must not be a way around that.
    const replay = await harness.call('POST', '/v1/bookings', { token: a.pk, ...request })
    expect(replay.status).toBeGreaterThanOrEqual(400)
    expect(JSON.stringify(replay.body)).not.toContain(first.body.manageToken)
    expect(JSON.stringify(replay.body)).not.toContain(first.body.visitToken)
  })
})
