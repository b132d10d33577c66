// The patient's path end to end: availability, hold, book from the hold, read, cancel with the manage token.
import { describe, expect, it } from 'vitest'
import { createTestClinic, patient, useHarness } from './harness.js'

const harness = useHarness()

describe('booking flow', () => {
  it('books a held slot and cancels it with the manage token', async () => {
    const clinic = await createTestClinic(harness)
    const { call } = harness
    const availability = await call(
      'GET',
      `/v1/availability?serviceId=${clinic.serviceId}&from=2027-03-03&to=2027-03-03`,
      {
        token: clinic.pk,
      },
    )
    expect(availability.status).toBe(200)
    const [day] = availability.body.days
    expect(day.date).toBe('2027-03-03')
    // 09:00–17:00 Berlin in winter (UTC+1), 30-minute slots: 16 slots, both practitioners free.
    expect(day.slots).toHaveLength(16)
    expect(day.slots[0]).toMatchObject({
      startsAt: '2027-03-03T08:00:00.000Z',
      localTime: '09:00',
      utcOffsetMinutes: 60,
      practitionerIds: [...clinic.practitionerIds].sort(),
    })

    const hold = await call('POST', '/v1/holds', {
      token: clinic.pk,
      body: {
        serviceId: clinic.serviceId,
        practitionerId: clinic.practitionerIds[0],
        startsAt: '2027-03-03T08:00:00Z',
      },
    })
    expect(hold.status).toBe(201)
    expect(hold.body.hold.expiresAt).toBe(new Date(harness.clock.now + 10 * 60_000).toISOString())

    const booked = await call('POST', '/v1/bookings', {
      token: hold.body.visitToken,
      body: { holdId: hold.body.hold.id, patient },
    })
    expect(booked.status).toBe(201)
    expect(booked.body.booking).toMatchObject({
      status: 'confirmed',
      practitionerId: clinic.practitionerIds[0],
      localDate: '2027-03-03',
      localTime: '09:00',
      timeZone: 'Europe/Berlin',
    })
    expect(JSON.stringify(booked.body)).not.toContain('maria')

    const after = await call(
      'GET',
      `/v1/availability?serviceId=${clinic.serviceId}&from=2027-03-03&to=2027-03-03`,
      {
        token: clinic.pk,
      },
    )
    expect(after.body.days[0].slots[0].practitionerIds).toEqual([clinic.practitionerIds[1]])

    const record = await call('GET', `/v1/bookings/${booked.body.booking.id}`, { token: clinic.sk })
    expect(record.status).toBe(200)
    expect(record.body.patient).toMatchObject({
      name: 'Maria Muster',
      email: 'maria@example.org',
      phone: '+49301234567',
    })

    const cancelled = await call('POST', `/v1/bookings/${booked.body.booking.id}/cancel`, {
      token: booked.body.manageToken,
      body: {},
    })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    const freed = await call(
      'GET',
      `/v1/availability?serviceId=${clinic.serviceId}&from=2027-03-03&to=2027-03-03`,
      {
        token: clinic.pk,
      },
    )
    expect(freed.body.days[0].slots[0].practitionerIds).toHaveLength(2)
  })
})
