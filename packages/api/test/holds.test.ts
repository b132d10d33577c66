// Holds: they block others, expire by themselves, can be picked again by their holder, and gate booking.
import { describe, expect, it } from 'vitest'
import { createTestClinic, patient, useHarness } from './harness.js'

const harness = useHarness()
const NINE = '2027-03-03T08:00:00Z'
const NINE_THIRTY = '2027-03-03T08:30:00Z'

async function hold(clinic: Awaited<ReturnType<typeof createTestClinic>>, startsAt = NINE) {
  return harness.call('POST', '/v1/holds', {
    token: clinic.pk,
    body: { serviceId: clinic.serviceId, practitionerId: clinic.practitionerIds[0], startsAt },
  })
}

describe('holds', () => {
  it('blocks the slot for everyone else until it expires, then frees it', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness, { holdMinutes: 5 })
    const first = await hold(clinic)
    expect(first.status).toBe(201)
    const second = await hold(clinic)
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('SLOT_TAKEN')

    harness.clock.now += 5 * 60_000 + 1
    const expired = await harness.call('GET', `/v1/holds/${first.body.hold.id}`, {
      token: first.body.visitToken,
    })
    expect(expired.status).toBe(410)
    expect(expired.body.error.code).toBe('HOLD_EXPIRED')
    const third = await hold(clinic)
    expect(third.status).toBe(201)
    const late = await harness.call('POST', '/v1/bookings', {
      token: first.body.visitToken,
      body: { holdId: first.body.hold.id, patient },
    })
    expect(late.status).toBe(410)
    expect(late.body.error.code).toBe('HOLD_EXPIRED')
  })

  it('lets its holder pick the same slot again, or move to another, with a fresh expiry', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const first = await hold(clinic)
    const { id } = first.body.hold
    const visitToken = first.body.visitToken

    harness.clock.now += 4 * 60_000
    const renewed = await harness.call('PUT', `/v1/holds/${id}`, {
      token: visitToken,
      body: { serviceId: clinic.serviceId, practitionerId: clinic.practitionerIds[0], startsAt: NINE },
    })
    expect(renewed.status).toBe(200)
    expect(renewed.body.expiresAt).toBe(new Date(harness.clock.now + 10 * 60_000).toISOString())

    const moved = await harness.call('PUT', `/v1/holds/${id}`, {
      token: visitToken,
      body: { serviceId: clinic.serviceId, practitionerId: clinic.practitionerIds[0], startsAt: NINE_THIRTY },
    })
    expect(moved.status).toBe(200)
    expect(moved.body.startsAt).toBe('2027-03-03T08:30:00.000Z')
    // The old slot is free for others again; the new one is not.
    expect((await hold(clinic, NINE)).status).toBe(201)
    expect((await hold(clinic, NINE_THIRTY)).status).toBe(409)

    // An expired hold can be picked again while nobody else took the slot.
    harness.clock.now += 11 * 60_000
    const revived = await harness.call('PUT', `/v1/holds/${id}`, {
      token: visitToken,
      body: { serviceId: clinic.serviceId, practitionerId: clinic.practitionerIds[0], startsAt: NINE_THIRTY },
    })
    expect(revived.status).toBe(200)
    const booked = await harness.call('POST', '/v1/bookings', {
      token: visitToken,
      body: { holdId: id, patient },
    })
    expect(booked.status).toBe(201)
    expect(booked.body.booking.startsAt).toBe('2027-03-03T08:30:00.000Z')
  })

  it('is released by its holder and then free for others', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const first = await hold(clinic)
    const released = await harness.call('DELETE', `/v1/holds/${first.body.hold.id}`, {
      token: first.body.visitToken,
    })
    expect(released.status).toBe(204)
    expect((await hold(clinic)).status).toBe(201)
  })

  it('needs its visit token to be booked: a publishable key with a hold id is refused', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const first = await hold(clinic)
    const byKey = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      body: { holdId: first.body.hold.id, patient },
    })
    expect(byKey.status).toBe(403)
    const other = await hold(clinic, NINE_THIRTY)
    const byOtherVisit = await harness.call('POST', '/v1/bookings', {
      token: other.body.visitToken,
      body: { holdId: first.body.hold.id, patient },
    })
    expect(byOtherVisit.status).toBe(404)
  })

  it('answers SLOT_UNAVAILABLE for a time the clinic does not offer', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    for (const startsAt of [
      '2027-03-03T08:10:00Z', // off the 30-minute grid
      '2027-03-03T20:00:00Z', // after hours
      '2027-03-06T09:00:00Z', // Saturday
      '2027-03-02T07:30:00Z', // inside the 60-minute notice
      '2027-05-03T08:00:00Z', // beyond the 30-day window
    ]) {
      const attempt = await hold(clinic, startsAt)
      expect(attempt.status, startsAt).toBe(409)
      expect(attempt.body.error.code, startsAt).toBe('SLOT_UNAVAILABLE')
    }
  })
})
