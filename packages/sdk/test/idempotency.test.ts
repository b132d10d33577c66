// Retries and idempotency against the real API: a POST retried after a lost answer books once, and waits are honoured.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ConnectionError,
  createFrontdesk,
  IdempotencyError,
  isFrontdeskError,
  RateLimitError,
} from '../src/index.js'
import { adminClient, patient, publicClient, recordingFetch, testApi } from './support/clients.js'
import { type Practice, seedPractice } from './support/practice.js'
import { slotsOn } from './support/slots.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const admin = adminClient()
let practice: Practice

beforeAll(async () => {
  practice = await seedPractice(admin, 'Idempotency')
})

/** Bookings the clinic sees at one instant for one practitioner: what "booked twice" would show. */
async function bookingsAt(practitionerId: string, startsAt: string) {
  const page = await admin.bookings.list({
    practitionerId,
    from: startsAt,
    to: new Date(Date.parse(startsAt) + 60_000).toISOString(),
  })
  return page.data
}

describe('idempotent POSTs', () => {
  it('adds an Idempotency-Key to every POST by itself, a new one per call, and none to reads', async () => {
    const recorder = recordingFetch()
    const frontdesk = publicClient({ fetch: recorder.fetch })
    const slots = await slotsOn(frontdesk, practice.service.id, 3, 2)
    await frontdesk.holds.create({ serviceId: practice.service.id, startsAt: slots[0]!.startsAt })
    await frontdesk.holds.create({ serviceId: practice.service.id, startsAt: slots[1]!.startsAt })

    const posts = recorder.exchanges.filter((exchange) => exchange.method === 'POST')
    const keys = posts.map((exchange) => exchange.headers.get('Idempotency-Key'))
    expect(keys).toHaveLength(2)
    expect(keys[0]).toMatch(UUID)
    expect(keys[1]).toMatch(UUID)
    expect(keys[0]).not.toBe(keys[1])
    const read = recorder.exchanges.find((exchange) => exchange.path === '/v1/availability')
    expect(read?.headers.has('Idempotency-Key')).toBe(false)
    expect(read?.headers.get('Authorization')).toBe(`Bearer ${testApi().publishableKey}`)
    expect(read?.headers.get('Origin')).toBe(testApi().origin)
  })

  it('answers the same booking when called twice with the same idempotencyKey', async () => {
    const recorder = recordingFetch()
    const frontdesk = publicClient({ fetch: recorder.fetch })
    const [slot] = await slotsOn(frontdesk, practice.service.id, 4)
    const params = {
      serviceId: practice.service.id,
      practitionerId: practice.practitioners[0].id,
      startsAt: slot!.startsAt,
      patient,
    }
    const idempotencyKey = randomUUID()

    const first = await frontdesk.bookings.create(params, { idempotencyKey })
    const again = await frontdesk.bookings.create(params, { idempotencyKey })

    expect(again).toEqual(first)
    const posts = recorder.exchanges.filter((exchange) => exchange.path === '/v1/bookings')
    expect(posts.map((exchange) => exchange.headers.get('Idempotency-Key'))).toEqual([
      idempotencyKey,
      idempotencyKey,
    ])
    expect(posts[1]?.responseHeaders?.get('Idempotent-Replayed')).toBe('true')
    expect(await bookingsAt(practice.practitioners[0].id, slot!.startsAt)).toHaveLength(1)
  })

  it('retries a POST whose answer was lost with the same key, and books once', async () => {
    let dropped = false
    const recorder = recordingFetch((request, _attempt, realFetch) => {
      if (request.method !== 'POST' || dropped) return undefined
      dropped = true
      // The API commits the booking, then the connection drops before the answer arrives.
      return realFetch(request).then(() => {
        throw new TypeError('fetch failed')
      })
    })
    const frontdesk = publicClient({ fetch: recorder.fetch })
    const [slot] = await slotsOn(frontdesk, practice.service.id, 5)
    const practitionerId = practice.practitioners[1].id

    const booked = await frontdesk.bookings.create({
      serviceId: practice.service.id,
      practitionerId,
      startsAt: slot!.startsAt,
      patient,
    })

    const attempts = recorder.exchanges.filter((exchange) => exchange.path === '/v1/bookings')
    expect(attempts).toHaveLength(2)
    expect(attempts[0]?.status).toBeNull()
    expect(attempts[1]?.headers.get('Idempotency-Key')).toBe(attempts[0]?.headers.get('Idempotency-Key'))
    expect(attempts[1]?.responseHeaders?.get('Idempotent-Replayed')).toBe('true')
    const atThatTime = await bookingsAt(practitionerId, slot!.startsAt)
    expect(atThatTime.map((booking) => booking.id)).toEqual([booked.booking.id])
  })

  it('refuses the same key with another request as an IdempotencyError', async () => {
    const frontdesk = publicClient()
    const slots = await slotsOn(frontdesk, practice.service.id, 6, 2)
    const idempotencyKey = randomUUID()
    await frontdesk.holds.create(
      { serviceId: practice.service.id, startsAt: slots[0]!.startsAt },
      { idempotencyKey },
    )
    const reused = frontdesk.holds.create(
      { serviceId: practice.service.id, startsAt: slots[1]!.startsAt },
      { idempotencyKey },
    )
    await expect(reused).rejects.toBeInstanceOf(IdempotencyError)
    await expect(reused).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 })
  })
})

describe('retries', () => {
  it('waits as long as Retry-After says before trying a 503 again', async () => {
    const recorder = recordingFetch((_request, attempt) =>
      attempt === 1
        ? Promise.resolve(new Response('busy', { status: 503, headers: { 'Retry-After': '1' } }))
        : undefined,
    )
    const frontdesk = publicClient({ fetch: recorder.fetch })
    const started = performance.now()
    const clinic = await frontdesk.catalogue.clinic()
    expect(clinic.timeZone).toBe('Europe/Berlin')
    expect(performance.now() - started).toBeGreaterThanOrEqual(950)
    expect(recorder.exchanges.map((exchange) => exchange.status)).toEqual([503, 200])
  })

  it('leaves a Retry-After of more than a minute to the caller, as a RateLimitError', async () => {
    const body = { error: { code: 'RATE_LIMITED', message: 'Slow down', requestId: 'req_limited1' } }
    const recorder = recordingFetch(() =>
      Promise.resolve(Response.json(body, { status: 429, headers: { 'Retry-After': '120' } })),
    )
    const frontdesk = publicClient({ fetch: recorder.fetch })
    const error = await frontdesk.catalogue.clinic().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      retryAfter: 120,
      requestId: 'req_limited1',
    })
    expect(recorder.exchanges).toHaveLength(1)
  })

  it('gives up on an unreachable API with a ConnectionError after its retries', async () => {
    const recorder = recordingFetch(() => Promise.reject(new TypeError('fetch failed')))
    const frontdesk = publicClient({ fetch: recorder.fetch, maxRetries: 1 })
    const error = await frontdesk.catalogue.services.list().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error).toMatchObject({ code: 'CONNECTION_FAILED', status: 0, requestId: null })
    expect(recorder.exchanges).toHaveLength(2)
  })

  it("rejects with the caller's own AbortError when the call is cancelled", async () => {
    const controller = new AbortController()
    controller.abort()
    const api = testApi()
    const frontdesk = createFrontdesk({
      publishableKey: api.publishableKey,
      baseUrl: api.baseUrl,
      origin: api.origin,
    })
    const error = await frontdesk.catalogue
      .clinic({ signal: controller.signal })
      .catch((caught: unknown) => caught)
    expect((error as Error).name).toBe('AbortError')
    expect(isFrontdeskError(error)).toBe(false)
  })
})
