// POST /v1/holds/{id}/release, the booking widget's beacon as the patient leaves: a plain-text visit token
// from one of the clinic's pages lets an unbooked hold go at once; nothing else it is sent changes anything.
import { describe, expect, it } from 'vitest'
import {
  type CallResult,
  createTestClinic,
  ORIGIN,
  patient,
  STAFF_ORIGIN,
  type TestClinic,
  useHarness,
} from './harness.js'
import { expectError } from './security/fixtures.js'

const harness = useHarness({ rateLimits: { patientToken: { points: 6, duration: 60 } } })
const NINE = '2027-03-03T08:00:00Z'

interface BeaconOptions {
  origin?: string | null
  type?: string | null
  peer?: string
}

/** What navigator.sendBeacon(url, token) sends: text/plain, the page's Origin, no Authorization. */
async function beacon(holdId: string, body: string, options: BeaconOptions = {}): Promise<CallResult> {
  const { origin = ORIGIN, type = 'text/plain;charset=UTF-8', peer } = options
  const headers = new Headers()
  if (origin) headers.set('Origin', origin)
  if (type) headers.set('Content-Type', type)
  const env = peer
    ? { incoming: { socket: { remoteAddress: peer, remotePort: 50000, remoteFamily: 'IPv4' } } }
    : undefined
  const response = await harness.app.request(
    `/v1/holds/${holdId}/release`,
    { method: 'POST', headers, body },
    env,
  )
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers }
}

async function hold(clinic: TestClinic, startsAt = NINE) {
  const held = await harness.call('POST', '/v1/holds', {
    token: clinic.pk,
    body: { serviceId: clinic.serviceId, practitionerId: clinic.practitionerIds[0], startsAt },
  })
  expect(held.status).toBe(201)
  return { id: held.body.hold.id as string, visitToken: held.body.visitToken as string }
}

/** Whether the first practitioner is offered at `startsAt`, as the widget asks with the publishable key. */
async function offered(clinic: TestClinic, startsAt = NINE): Promise<boolean> {
  const answer = await harness.call(
    'GET',
    `/v1/availability?serviceId=${clinic.serviceId}&practitionerId=${clinic.practitionerIds[0]}&from=2027-03-03&to=2027-03-03`,
    { token: clinic.pk },
  )
  expect(answer.status).toBe(200)
  const slots = answer.body.days[0].slots as { startsAt: string }[]
  return slots.some((slot) => Date.parse(slot.startsAt) === Date.parse(startsAt))
}

describe('POST /v1/holds/{id}/release', () => {
  it('lets an unbooked hold go at once, so the time is offered again and another patient can hold it', async () => {
    const clinic = await createTestClinic(harness)
    const held = await hold(clinic)
    expect(await offered(clinic)).toBe(false)

    const released = await beacon(held.id, held.visitToken)
    expect(released.status).toBe(204)
    expect(released.body).toBeNull()
    expect(await offered(clinic)).toBe(true)
    const read = await harness.call('GET', `/v1/holds/${held.id}`, { token: held.visitToken })
    expectError(read, 410, 'HOLD_EXPIRED')
    await hold(clinic)
  })

  it('answers 204 again for a hold already let go or expired: a page may send its beacon twice', async () => {
    const clinic = await createTestClinic(harness, { holdMinutes: 5 })
    const held = await hold(clinic)
    expect((await beacon(held.id, held.visitToken)).status).toBe(204)
    expect((await beacon(held.id, ` ${held.visitToken}\n`)).status).toBe(204)

    const later = await hold(clinic, '2027-03-03T09:00:00Z')
    harness.clock.now += 5 * 60_000 + 1
    expect((await beacon(later.id, later.visitToken)).status).toBe(204)
    harness.clock.now -= 5 * 60_000 + 1
  })

  it('never touches a confirmed booking, whichever of its visit tokens is sent', async () => {
    const clinic = await createTestClinic(harness)
    const held = await hold(clinic)
    const booked = await harness.call('POST', '/v1/bookings', {
      token: held.visitToken,
      body: { holdId: held.id, patient },
    })
    expect(booked.status).toBe(201)
    for (const token of [held.visitToken, booked.body.visitToken as string]) {
      expectError(await beacon(held.id, token), 404, 'NOT_FOUND')
    }
    const kept = await harness.call('GET', `/v1/bookings/${booked.body.booking.id}`, { token: clinic.sk })
    expect({ status: kept.status, booking: kept.body.status }).toEqual({ status: 200, booking: 'confirmed' })
    expect(await offered(clinic)).toBe(false)
  })

  it("answers another clinic's token with 404 and a token nobody issued with 401, releasing nothing", async () => {
    const clinicA = await createTestClinic(harness)
    const clinicB = await createTestClinic(harness)
    const heldA = await hold(clinicA)
    const heldB = await hold(clinicB)
    expectError(await beacon(heldA.id, heldB.visitToken), 404, 'NOT_FOUND')
    // Another hold of the same clinic is no better: a visit token acts on its own hold only.
    const otherA = await hold(clinicA, '2027-03-03T10:00:00Z')
    expectError(await beacon(heldA.id, otherA.visitToken), 404, 'NOT_FOUND')
    expectError(await beacon(heldA.id, `vt_${'x'.repeat(43)}`), 401, 'UNAUTHENTICATED')
    expect(await offered(clinicA)).toBe(false)
    expect(await offered(clinicB)).toBe(false)
  })

  it("is refused from a page that is not the clinic's, or with no Origin at all; the API's own pages may", async () => {
    const clinic = await createTestClinic(harness)
    const held = await hold(clinic)
    for (const origin of ['https://evil.example', 'null', `${ORIGIN}:8443`, null]) {
      const refused = await beacon(held.id, held.visitToken, { origin })
      expectError(refused, 403, 'ORIGIN_NOT_ALLOWED')
      expect(refused.body.error.message).not.toContain(held.visitToken)
    }
    expect(await offered(clinic)).toBe(false)
    expect((await beacon(held.id, held.visitToken, { origin: STAFF_ORIGIN })).status).toBe(204)
    expect(await offered(clinic)).toBe(true)
  })

  it('refuses a body that is not a visit token, or not plain text, in the one error shape', async () => {
    const clinic = await createTestClinic(harness)
    const held = await hold(clinic)
    // Plain text is never read as JSON here: brackets nested past JSON's limit are just not a token.
    const garbage = [
      '',
      '   ',
      'hello',
      held.visitToken.slice(0, 10),
      `${held.visitToken}\u0000`,
      '['.repeat(100),
    ]
    for (const body of garbage) {
      const refused = await beacon(held.id, body)
      expectError(refused, 422, 'VALIDATION_FAILED')
      expect(refused.body.error.issues).toEqual([{ path: 'body', message: expect.any(String) }])
    }
    const keyAsBody = await beacon(held.id, clinic.pk)
    expectError(keyAsBody, 422, 'VALIDATION_FAILED')
    expect(JSON.stringify(keyAsBody.body)).not.toContain(clinic.pk)
    for (const type of ['application/json', 'application/x-www-form-urlencoded', 'text/html']) {
      expectError(
        await beacon(held.id, JSON.stringify(held.visitToken), { type }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      )
    }
    expectError(await beacon(held.id, 'x'.repeat(70 * 1024)), 413, 'PAYLOAD_TOO_LARGE')
    expect(await offered(clinic)).toBe(false)
  })

  it("is rate-limited like the visit token's other requests", async () => {
    const clinic = await createTestClinic(harness)
    const held = await hold(clinic, '2027-03-03T11:00:00Z')
    const statuses: number[] = []
    for (let attempt = 0; attempt < 8; attempt++)
      statuses.push((await beacon(held.id, held.visitToken)).status)
    expect(statuses.slice(0, 6).every((status) => status === 204)).toBe(true)
    const limited = await beacon(held.id, held.visitToken)
    expectError(limited, 429, 'RATE_LIMITED')
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
  })
})
