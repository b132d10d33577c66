// The compact availability: the same free times as the full answer, per day as `HH:MM±HH:MM`, exact on DST
// days, who is free only when asked, and the query refused like the full one's.
import { type AvailabilityTimes, expandTimes } from '@frontdesk/contracts'
import { describe, expect, it } from 'vitest'
import { createTestClinic, patient, useHarness } from './harness.js'

const harness = useHarness()

async function get(token: string, path: string) {
  const response = await harness.call('GET', path, { token })
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body
}

describe('compact availability', () => {
  it("answers the full answer's times, instants and practitioners across both New York DST changes", async () => {
    harness.clock.now = Date.parse('2026-02-20T12:00:00Z')
    const clinic = await createTestClinic(harness, {
      timeZone: 'America/New_York',
      hours: [{ weekday: 7, start: '00:00', end: '04:00' }],
      service: { bookingWindowDays: 300, minNoticeMinutes: 0 },
    })
    for (const date of ['2026-03-08', '2026-11-01']) {
      const query = `serviceId=${clinic.serviceId}&from=${date}&to=${date}`
      const full = await get(clinic.pk, `/v1/availability?${query}`)
      const compact: AvailabilityTimes = await get(
        clinic.pk,
        `/v1/availability/times?${query}&practitioners=true`,
      )
      expect(compact).toMatchObject({
        serviceId: clinic.serviceId,
        timeZone: 'America/New_York',
        durationMinutes: 30,
      })
      expect(expandTimes(compact, compact.days[0]!)).toEqual(full.days[0].slots)
    }
    const autumn: AvailabilityTimes = await get(
      clinic.pk,
      `/v1/availability/times?serviceId=${clinic.serviceId}&from=2026-11-01&to=2026-11-01`,
    )
    // The hour that happens twice: the same wall-clock times, told apart by their offsets.
    expect(autumn.days[0]!.times.slice(2, 6)).toEqual([
      '01:00-04:00',
      '01:30-04:00',
      '01:00-05:00',
      '01:30-05:00',
    ])
  })

  it('lists who is free only when asked, each practitioner once, and keeps empty days', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const [ada, ben] = clinic.practitionerIds
    const booked = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      body: { serviceId: clinic.serviceId, practitionerId: ada, startsAt: '2027-03-03T08:00:00Z', patient },
    })
    expect(booked.status).toBe(201)
    // Wednesday to Saturday: two working days, then a Saturday nobody works.
    const range = `serviceId=${clinic.serviceId}&from=2027-03-03&to=2027-03-06`

    const plain: AvailabilityTimes = await get(clinic.pk, `/v1/availability/times?${range}`)
    expect(plain).not.toHaveProperty('practitionerIds')
    expect(plain.days.map((day) => day.date)).toEqual([
      '2027-03-03',
      '2027-03-04',
      '2027-03-05',
      '2027-03-06',
    ])
    expect(plain.days[0]).not.toHaveProperty('practitioners')
    expect(plain.days[0]!.times.slice(0, 2)).toEqual(['09:00+01:00', '09:30+01:00'])
    expect(plain.days[3]!.times).toEqual([])

    const withWho: AvailabilityTimes = await get(
      clinic.pk,
      `/v1/availability/times?${range}&practitioners=true`,
    )
    expect(withWho.practitionerIds).toEqual([ada, ben].sort())
    expect(withWho.days.map((day) => day.times)).toEqual(plain.days.map((day) => day.times))
    const [nine, halfPast] = expandTimes(withWho, withWho.days[0]!)
    // Ada is booked at 09:00: only Ben is free then; both are at 09:30.
    expect(nine!.practitionerIds).toEqual([ben])
    expect(halfPast!.practitionerIds).toEqual([ada, ben].sort())

    const full = await get(clinic.pk, `/v1/availability?${range}`)
    const expanded = withWho.days.map((day) => expandTimes(withWho, day))
    expect(expanded).toEqual(full.days.map((day: { slots: unknown[] }) => day.slots))
  })

  it("is a fraction of the full answer's size for the same month", async () => {
    const clinic = await createTestClinic(harness)
    const range = `serviceId=${clinic.serviceId}&from=2027-03-03&to=2027-04-01`
    const full = await harness.call('GET', `/v1/availability?${range}`, { token: clinic.pk })
    const compact = await harness.call('GET', `/v1/availability/times?${range}`, { token: clinic.pk })
    const size = (body: unknown) => JSON.stringify(body).length
    expect(size(compact.body) * 8).toBeLessThan(size(full.body))
  })

  it('refuses a bad flag or range with 422 naming the field, and an unknown service with 404', async () => {
    const clinic = await createTestClinic(harness)
    const times = (query: string) =>
      harness.call('GET', `/v1/availability/times?${query}`, { token: clinic.pk })
    const flag = await times(`serviceId=${clinic.serviceId}&from=2027-03-03&to=2027-03-04&practitioners=yes`)
    expect(flag.status).toBe(422)
    expect(flag.body.error).toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(flag.body.error.issues[0].path).toBe('practitioners')
    const backwards = await times(`serviceId=${clinic.serviceId}&from=2027-03-05&to=2027-03-01`)
    expect(backwards.status).toBe(422)
    expect(backwards.body.error.issues[0].path).toBe('to')
    const long = await times(`serviceId=${clinic.serviceId}&from=2027-03-01&to=2027-06-01`)
    expect(long.status).toBe(422)
    const unknown = await times('serviceId=svc_doesnotexist&from=2027-03-01&to=2027-03-02')
    expect(unknown.status).toBe(404)
  })
})
