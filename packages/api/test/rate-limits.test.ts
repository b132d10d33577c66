// Rate limits: per key, per token and per client address, a 429 with Retry-After that writes nothing, shared by instances.
import { sql } from 'kysely'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { createApp } from '../src/app.js'
import type { OpenedDatabase } from '../src/db/database.js'
import { rateLimitsFromEnv } from '../src/rate-limit/policies.js'
import { clientNetwork, RateLimits } from '../src/rate-limit/rate-limits.js'
import {
  type CallResult,
  createTestClinic,
  ORIGIN,
  openTestStorage,
  type TestClinic,
  testRateLimits,
  useHarness,
} from './harness.js'

const LIMITS = {
  publicKey: { points: 5, duration: 60 },
  publicClient: { points: 8, duration: 60 },
  patientToken: { points: 4, duration: 60 },
}
const harness = useHarness({ rateLimits: LIMITS })
const onServer = inject('storage').kind === 'postgres'

let clients = 0
/** A client address no other test uses, so each test starts with its own counts. */
const newClient = () => `203.0.113.${++clients}`

const services = (token: string, client: string) =>
  harness.call('GET', '/v1/services', { token, peer: client })

async function statuses(count: number, send: () => Promise<CallResult>) {
  const answers: number[] = []
  for (let i = 0; i < count; i++) answers.push((await send()).status)
  return answers
}

function expectRateLimited(response: CallResult) {
  expect(response.status).toBe(429)
  expect(response.body).toEqual({
    error: { code: 'RATE_LIMITED', message: expect.any(String), requestId: expect.any(String) },
  })
  expect(response.body.error.requestId).toBe(response.headers.get('X-Request-Id'))
  const retryAfter = response.headers.get('Retry-After') ?? ''
  expect(retryAfter).toMatch(/^[1-9]\d*$/)
  expect(Number(retryAfter)).toBeLessThanOrEqual(60)
}

async function newPublishableKey(clinic: TestClinic): Promise<string> {
  const created = await harness.call('POST', '/v1/keys', { token: clinic.sk, body: { kind: 'publishable' } })
  return created.body.token
}

describe('per publishable key', () => {
  it('answers 429 with Retry-After once the key is over its limit, still readable by the clinic page', async () => {
    const clinic = await createTestClinic(harness)
    const client = newClient()
    expect(await statuses(5, () => services(clinic.pk, client))).toEqual([200, 200, 200, 200, 200])
    const refused = await services(clinic.pk, client)
    expectRateLimited(refused)
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    expect(refused.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After')
  })

  it('counts the key wherever its requests come from, and leaves other keys alone', async () => {
    const clinic = await createTestClinic(harness)
    const spread = await statuses(6, () => services(clinic.pk, newClient()))
    expect(spread).toEqual([200, 200, 200, 200, 200, 429])
    const other = await newPublishableKey(clinic)
    expect((await services(other, newClient())).status).toBe(200)
  })
})

describe('per client address', () => {
  it('counts one address across keys, and leaves other addresses alone', async () => {
    const clinic = await createTestClinic(harness)
    const keys = [clinic.pk, await newPublishableKey(clinic), await newPublishableKey(clinic)]
    const client = newClient()
    // 8 requests over three keys: none of them is over its own limit of 5, the address reaches its 8.
    let sent = 0
    expect(await statuses(8, () => services(keys[sent++ % 3]!, client))).toEqual(Array(8).fill(200))
    const fresh = await newPublishableKey(clinic)
    expectRateLimited(await services(fresh, client))
    expect((await services(fresh, newClient())).status).toBe(200)
  })

  it('groups an IPv6 client by its /64, and reads IPv4-mapped addresses as IPv4', () => {
    expect(clientNetwork('2001:db8:1:2:aaaa::1')).toBe(clientNetwork('2001:0db8:0001:0002:ffff:1:2:3'))
    expect(clientNetwork('2001:db8:1:2::1')).not.toBe(clientNetwork('2001:db8:1:3::1'))
    expect(clientNetwork('::ffff:198.51.100.7')).toBe('198.51.100.7')
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
  })
})

describe('per patient token', () => {
  it('limits one visit token; a refused request writes nothing', async () => {
    const clinic = await createTestClinic(harness)
    const client = newClient()
    const holdBody = (startsAt: string) => ({
      serviceId: clinic.serviceId,
      practitionerId: clinic.practitionerIds[0],
      startsAt,
    })
    const made = await harness.call('POST', '/v1/holds', {
      token: clinic.pk,
      body: holdBody('2027-03-03T08:00:00Z'),
      peer: client,
    })
    expect(made.status).toBe(201)
    const { visitToken, hold } = made.body
    const read = () =>
      harness.call('GET', `/v1/holds/${hold.id}`, {
        token: visitToken,
        peer: client,
      })
    expect(await statuses(4, read)).toEqual([200, 200, 200, 200])
    expectRateLimited(await read())

    // The publishable key has made 1 request; 4 more reach its limit, and the next hold is refused.
    await statuses(4, () => services(clinic.pk, newClient()))
    const before = await holdCount(clinic)
    const refused = await harness.call('POST', '/v1/holds', {
      token: clinic.pk,
      body: holdBody('2027-03-03T09:00:00Z'),
      peer: newClient(),
    })
    expectRateLimited(refused)
    expect(await holdCount(clinic)).toBe(before)
  })
})

/** Holds and bookings of the clinic, counted in the database. */
async function holdCount(clinic: TestClinic): Promise<number> {
  const row = await harness.opened.system
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('clinic_id', '=', clinic.clinicId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('RateLimits', () => {
  it('hashes what it counts by: one account however its email is typed', async () => {
    const limits = new RateLimits({
      storage: 'memory',
      overrides: { signInAccount: { points: 2, duration: 900 } },
    })
    expect(await limits.consume('signInAccount', 'Maria@Example.org')).toEqual({ allowed: true })
    expect(await limits.consume('signInAccount', ' maria@example.org')).toEqual({ allowed: true })
    const third = await limits.consume('signInAccount', 'MARIA@example.org')
    expect(third).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) })
    expect(third.allowed || third.retryAfterSeconds).toBeGreaterThan(800)
    expect(await limits.consume('signInAccount', 'ada@example.org')).toEqual({ allowed: true })
  })

  it('reads FRONTDESK_RATE_LIMITS: defaults, off, overrides, and refuses what it cannot read', () => {
    expect(rateLimitsFromEnv(undefined)).toEqual({})
    expect(rateLimitsFromEnv(' off ')).toBe('off')
    expect(rateLimitsFromEnv('publicClient=1200/60, signInAccount=5/900')).toEqual({
      publicClient: { points: 1200, duration: 60 },
      signInAccount: { points: 5, duration: 900 },
    })
    expect(() => rateLimitsFromEnv('publicClinet=1200/60')).toThrow(/publicClinet/)
    expect(() => rateLimitsFromEnv('publicClient=0/60')).toThrow(/FRONTDESK_RATE_LIMITS/)
    expect(() => rateLimitsFromEnv('publicClient=many')).toThrow(/name=points\/seconds/)
  })
})

describe.runIf(onServer)('on a PostgreSQL server', () => {
  const others: OpenedDatabase[] = []
  afterAll(async () => {
    await Promise.all(others.map((opened) => opened.close()))
  })

  /** Another API instance: its own pool, its own limiter, the same database. */
  async function anotherInstance() {
    const opened = await openTestStorage(5)
    others.push(opened)
    const deps = {
      ...harness.deps,
      db: opened.db,
      system: opened.system,
      changes: opened.changes,
      rateLimits: testRateLimits(opened, LIMITS),
    }
    return createApp(deps)
  }

  it('shares the counts between instances: requests split between two reach one limit', async () => {
    const clinic = await createTestClinic(harness)
    const instances = [await anotherInstance(), await anotherInstance()]
    const answers: Response[] = []
    for (let i = 0; i < 8; i++) {
      answers.push(
        await instances[i % 2]!.request('/v1/services', {
          headers: { Authorization: `Bearer ${clinic.pk}`, Origin: ORIGIN },
        }),
      )
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429])
    for (const refused of answers.slice(5)) {
      expectRateLimited({ status: refused.status, body: await refused.json(), headers: refused.headers })
    }
  })

  it('stores no address, email or key in the counters table', async () => {
    const clinic = await createTestClinic(harness)
    const client = newClient()
    await services(clinic.pk, client)
    await harness.deps.rateLimits!.consume('signInAccount', 'maria@example.org')
    const { rows } = await sql<{ key: string }>`SELECT key FROM rate_limits`.execute(harness.opened.system)
    const keys = JSON.stringify(rows)
    expect(rows.length).toBeGreaterThan(0)
    for (const secret of [client, 'maria', clinic.pk, clinic.pk.slice(8)]) expect(keys).not.toContain(secret)
  })
})
