// Origins and CORS: publishable keys only from the clinic's own pages, secret keys never from a browser.
import { beforeAll, describe, expect, it } from 'vitest'
import { ORIGIN, STAFF_ORIGIN, useHarness } from '../harness.js'
import { type Clinic, createClinic, expectError, read } from './fixtures.js'

const harness = useHarness()
let clinic: Clinic

beforeAll(async () => {
  clinic = await createClinic(harness)
})

const FOREIGN_ORIGINS = [
  'https://evil.example',
  'http://clinic.example',
  'https://clinic.example:8443',
  'https://clinic.example.evil.example',
  'https://sub.clinic.example',
  'null',
]

/** A hold request from a page, and the availability of its day to see whether it was made. */
async function holdAttempt(origin: string | null, token = clinic.pk) {
  const slot = clinic.nextSlot()
  const day = slot.startsAt.slice(0, 10)
  const availability = () =>
    read(harness, clinic, `/v1/availability?serviceId=${clinic.serviceId}&from=${day}&to=${day}`)
  const before = await availability()
  const response = await harness.call('POST', '/v1/holds', {
    token,
    origin,
    body: { serviceId: clinic.serviceId, ...slot },
  })
  return { response, unchanged: async () => expect(await availability()).toEqual(before) }
}

describe('publishable keys', () => {
  for (const origin of FOREIGN_ORIGINS) {
    it(`from ${origin} → 403 ORIGIN_NOT_ALLOWED, no hold made`, async () => {
      const { response, unchanged } = await holdAttempt(origin)
      expectError(response, 403, 'ORIGIN_NOT_ALLOWED')
      await unchanged()
    })
  }

  it('with no Origin header (a server or curl) → 403 ORIGIN_NOT_ALLOWED, no hold made', async () => {
    const { response, unchanged } = await holdAttempt(null)
    expectError(response, 403, 'ORIGIN_NOT_ALLOWED')
    await unchanged()
  })

  it('from the allowed origin → served, with that origin allowed to read the answer', async () => {
    const { response } = await holdAttempt(ORIGIN)
    expect(response.status).toBe(201)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    expect(response.headers.get('Vary')).toContain('Origin')
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('X-Request-Id')
  })

  it("from this API's own origin (its hosted pages and frames) → served, though no clinic lists it", async () => {
    const { response } = await holdAttempt(STAFF_ORIGIN)
    expect(response.status).toBe(201)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(STAFF_ORIGIN)
  })

  it("from this API's own pages by a same-origin GET, which a browser sends without Origin → served", async () => {
    const catalogue = (headers: Record<string, string>) =>
      harness.call('GET', '/v1/services', { token: clinic.pk, origin: null, headers })
    // Isolated mode's frame reads the catalogue so: Sec-Fetch-Site, which only a browser sets, says whose page.
    expect((await catalogue({ 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200)
    for (const site of ['cross-site', 'same-site', 'none'])
      expectError(await catalogue({ 'Sec-Fetch-Site': site }), 403, 'ORIGIN_NOT_ALLOWED')
  })

  it('are refused as origins with 422 when malformed, a bare host included, and the list is kept', async () => {
    for (const bad of ['clinic.example', 'https://clinic.example/book', 'not a url']) {
      const response = await harness.call('PATCH', '/v1/clinic', {
        token: clinic.sk,
        body: { allowedOrigins: [bad] },
      })
      expectError(response, 422, 'VALIDATION_FAILED')
    }
    const settings = await read(harness, clinic, '/v1/clinic/settings')
    expect(settings.body.allowedOrigins).toEqual([ORIGIN])
  })

  it('stop working from an origin as soon as the clinic removes it', async () => {
    const other = await createClinic(harness)
    const patch = await harness.call('PATCH', '/v1/clinic', {
      token: other.sk,
      body: { allowedOrigins: ['https://new.clinic.example'] },
    })
    expect(patch.status).toBe(200)
    expectError(
      await harness.call('GET', '/v1/services', { token: other.pk, origin: ORIGIN }),
      403,
      'ORIGIN_NOT_ALLOWED',
    )
    const moved = await harness.call('GET', '/v1/services', {
      token: other.pk,
      origin: 'https://new.clinic.example',
    })
    expect(moved.status).toBe(200)
    expect(moved.headers.get('Access-Control-Allow-Origin')).toBe('https://new.clinic.example')
  })
})

describe('secret keys', () => {
  for (const origin of [ORIGIN, 'https://evil.example']) {
    it(`with an Origin header (${origin}) → 403 FORBIDDEN, nothing written, no CORS grant`, async () => {
      const { response, unchanged } = await holdAttempt(origin, clinic.sk)
      expectError(response, 403, 'FORBIDDEN')
      expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull()
      await unchanged()
    })
  }

  it('with an Origin header cannot even read the catalogue', async () => {
    const response = await harness.call('GET', '/v1/clinic/settings', { token: clinic.sk, origin: ORIGIN })
    expectError(response, 403, 'FORBIDDEN')
    expect(JSON.stringify(response.body)).not.toContain('allowedOrigins')
  })
})

describe('CORS on success', () => {
  it('a foreign origin never gets itself echoed on a successful answer', async () => {
    const tokens = [clinic.booking.visitToken, clinic.booking.manageToken]
    for (const token of tokens) {
      for (const origin of FOREIGN_ORIGINS) {
        const response = await harness.call('GET', `/v1/bookings/${clinic.booking.id}`, { token, origin })
        expect(response.status).toBe(200)
        expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull()
      }
    }
  })

  it('a visit token from the allowed origin gets the CORS grant for that origin only', async () => {
    const response = await harness.call('GET', `/v1/bookings/${clinic.booking.id}`, {
      token: clinic.booking.visitToken,
      origin: ORIGIN,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
  })

  it('never grants a wildcard or credentials', async () => {
    const response = await harness.call('GET', '/v1/services', { token: clinic.pk })
    expect(response.headers.get('Access-Control-Allow-Origin')).not.toBe('*')
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull()
  })
})

describe('preflight', () => {
  it('OPTIONS answers 204 with the methods and headers a widget sends, Idempotency-Key included', async () => {
    const response = await harness.call('OPTIONS', '/v1/bookings', {
      origin: ORIGIN,
      headers: {
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key',
      },
    })
    expect(response.status).toBe(204)
    expect(response.body).toBeNull()
    const allowed = (response.headers.get('Access-Control-Allow-Headers') ?? '').toLowerCase().split(/,\s*/)
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']))
    const methods = (response.headers.get('Access-Control-Allow-Methods') ?? '').split(/,\s*/)
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']))
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull()
  })

  it('OPTIONS names no clinic and reads no data, with or without a token', async () => {
    const response = await harness.call('OPTIONS', '/v1/clinic/settings', {
      origin: ORIGIN,
      headers: { Authorization: `Bearer ${clinic.sk}`, 'Access-Control-Request-Method': 'GET' },
    })
    expect(response.status).toBe(204)
    expect(response.body).toBeNull()
  })
})
