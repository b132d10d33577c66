// Availability through the API: DST days in the clinic zone, schedules set by the clinic, buffers and bookings.
import { describe, expect, it } from 'vitest'
import { createTestClinic, patient, useHarness } from './harness.js'

const harness = useHarness()

type Day = {
  date: string
  slots: { startsAt: string; localTime: string; utcOffsetMinutes: number; practitionerIds: string[] }[]
}

async function days(token: string, query: string): Promise<Day[]> {
  const response = await harness.call('GET', `/v1/availability?${query}`, { token })
  expect(response.status).toBe(200)
  return response.body.days
}

describe('availability', () => {
  it('follows New York across both DST changes of 2026', async () => {
    harness.clock.now = Date.parse('2026-02-20T12:00:00Z')
    const clinic = await createTestClinic(harness, {
      timeZone: 'America/New_York',
      hours: [{ weekday: 7, start: '00:00', end: '04:00' }],
      service: { bookingWindowDays: 300, minNoticeMinutes: 0 },
    })
    const q = (date: string) =>
      `serviceId=${clinic.serviceId}&practitionerId=${clinic.practitionerIds[0]}&from=${date}&to=${date}`
    const [spring] = await days(clinic.pk, q('2026-03-08'))
    expect(spring!.slots.map((slot) => slot.localTime)).toEqual([
      '00:00',
      '00:30',
      '01:00',
      '01:30',
      '03:00',
      '03:30',
    ])
    expect(spring!.slots[0]!.startsAt).toBe('2026-03-08T05:00:00.000Z')
    expect(spring!.slots[4]).toMatchObject({ startsAt: '2026-03-08T07:00:00.000Z', utcOffsetMinutes: -240 })

    const [autumn] = await days(clinic.pk, q('2026-11-01'))
    expect(autumn!.slots.map((slot) => slot.localTime)).toEqual([
      '00:00',
      '00:30',
      '01:00',
      '01:30',
      '01:00',
      '01:30',
      '02:00',
      '02:30',
      '03:00',
      '03:30',
    ])
    expect(autumn!.slots.map((slot) => slot.utcOffsetMinutes).slice(2, 6)).toEqual([-240, -240, -300, -300])
    expect(autumn!.slots[4]!.startsAt).toBe('2026-11-01T06:00:00.000Z')
  })

  it('applies date overrides, practitioner time off and clinic closures set through the API', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const [ada, ben] = clinic.practitionerIds
    const query = `serviceId=${clinic.serviceId}&from=2027-03-03&to=2027-03-05`
    const override = await harness.call('PUT', `/v1/practitioners/${ada}/overrides`, {
      token: clinic.sk,
      body: {
        date: '2027-03-03',
        windows: [{ start: '14:00', end: '15:00', locationId: clinic.locationId }],
      },
    })
    expect(override.status).toBe(200)
    const timeOff = await harness.call('POST', '/v1/time-off', {
      token: clinic.sk,
      body: {
        practitionerId: ben,
        startsAt: '2027-03-04T09:00:00+01:00',
        endsAt: '2027-03-04T12:00:00+01:00',
      },
    })
    expect(timeOff.status).toBe(201)
    const closure = await harness.call('POST', '/v1/time-off', {
      token: clinic.sk,
      body: {
        practitionerId: null,
        startsAt: '2027-03-05T00:00:00+01:00',
        endsAt: '2027-03-06T00:00:00+01:00',
        reason: 'Holiday',
      },
    })
    expect(closure.status).toBe(201)

    const [wednesday, thursday, friday] = await days(clinic.pk, query)
    const ofAda = (day: Day) =>
      day.slots.filter((slot) => slot.practitionerIds.includes(ada)).map((slot) => slot.localTime)
    const ofBen = (day: Day) =>
      day.slots.filter((slot) => slot.practitionerIds.includes(ben)).map((slot) => slot.localTime)
    expect(ofAda(wednesday!)).toEqual(['14:00', '14:30'])
    expect(ofBen(wednesday!)).toHaveLength(16)
    expect(ofBen(thursday!)[0]).toBe('12:00')
    expect(ofAda(thursday!)[0]).toBe('09:00')
    expect(friday!.slots).toEqual([])

    const removed = await harness.call('DELETE', `/v1/practitioners/${ada}/overrides/2027-03-03`, {
      token: clinic.sk,
    })
    expect(removed.status).toBe(204)
    const [again] = await days(clinic.pk, `serviceId=${clinic.serviceId}&from=2027-03-03&to=2027-03-03`)
    expect(ofAda(again!)).toHaveLength(16)
  })

  it("keeps a booked slot and its buffers out of everyone's availability", async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness, {
      service: { durationMinutes: 30, slotIntervalMinutes: 15, bufferAfterMinutes: 15 },
    })
    const [ada] = clinic.practitionerIds
    const booked = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      body: { serviceId: clinic.serviceId, practitionerId: ada, startsAt: '2027-03-03T09:00:00Z', patient },
    })
    expect(booked.status).toBe(201)
    const [day] = await days(
      clinic.pk,
      `serviceId=${clinic.serviceId}&practitionerId=${ada}&from=2027-03-03&to=2027-03-03`,
    )
    const times = day!.slots.map((slot) => slot.localTime)
    // Booked 10:00–10:30 plus 15 minutes after; a new 30-minute slot needs its own 15 minutes after too.
    expect(times).toContain('09:15')
    expect(times).not.toContain('09:30')
    expect(times).not.toContain('09:45')
    expect(times).not.toContain('10:30')
    expect(times).toContain('10:45')
  })

  it('refuses a range that is backwards or longer than 62 days, and an unknown service', async () => {
    const clinic = await createTestClinic(harness)
    const backwards = await harness.call(
      'GET',
      `/v1/availability?serviceId=${clinic.serviceId}&from=2027-03-05&to=2027-03-01`,
      {
        token: clinic.pk,
      },
    )
    expect(backwards.status).toBe(422)
    expect(backwards.body.error.issues[0].path).toBe('to')
    const long = await harness.call(
      'GET',
      `/v1/availability?serviceId=${clinic.serviceId}&from=2027-03-01&to=2027-06-01`,
      {
        token: clinic.pk,
      },
    )
    expect(long.status).toBe(422)
    const unknown = await harness.call(
      'GET',
      '/v1/availability?serviceId=svc_doesnotexist&from=2027-03-01&to=2027-03-02',
      {
        token: clinic.pk,
      },
    )
    expect(unknown.status).toBe(404)
    const nowhere = await harness.call(
      'GET',
      `/v1/availability?serviceId=${clinic.serviceId}&locationId=loc_nowhere&from=2027-03-01&to=2027-03-02`,
      { token: clinic.pk },
    )
    expect(nowhere.status).toBe(404)
  })
})
