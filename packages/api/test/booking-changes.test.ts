// Booking after the fact: reschedule and cancel within the clinic's window, idempotency rules, patient matching.
import { describe, expect, it } from 'vitest'
import { IDEMPOTENCY_RETENTION_MS, purgeIdempotencyKeys } from '../src/idempotency/stored-answers.js'
import { createTestClinic, patient, useHarness } from './harness.js'

const harness = useHarness()

async function book(clinic: Awaited<ReturnType<typeof createTestClinic>>, startsAt: string, who = patient) {
  const booked = await harness.call('POST', '/v1/bookings', {
    token: clinic.pk,
    body: { serviceId: clinic.serviceId, practitionerId: clinic.practitionerIds[0], startsAt, patient: who },
  })
  expect(booked.status).toBe(201)
  return booked.body
}

describe('changing a booking', () => {
  it('reschedules with the manage token to a free slot and frees the old one', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const booked = await book(clinic, '2027-03-04T08:00:00Z')
    const moved = await harness.call('POST', `/v1/bookings/${booked.booking.id}/reschedule`, {
      token: booked.manageToken,
      body: { startsAt: '2027-03-04T09:00:00Z' },
    })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ localTime: '10:00', startsAt: '2027-03-04T09:00:00.000Z' })
    const again = await book(clinic, '2027-03-04T08:00:00Z', { ...patient, email: 'other@example.org' })
    expect(again.booking.practitionerId).toBe(clinic.practitionerIds[0])
    const clash = await harness.call('POST', `/v1/bookings/${booked.booking.id}/reschedule`, {
      token: booked.manageToken,
      body: { startsAt: '2027-03-04T08:00:00Z' },
    })
    expect(clash.status).toBe(409)
    expect(clash.body.error.code).toBe('SLOT_TAKEN')
  })

  it('refuses patient changes inside the cancellation window; the clinic can still cancel', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness, { cancellationNoticeMinutes: 24 * 60 })
    const booked = await book(clinic, '2027-03-03T08:00:00Z')
    harness.clock.now = Date.parse('2027-03-02T08:30:00Z') // 23.5 hours before
    const late = await harness.call('POST', `/v1/bookings/${booked.booking.id}/cancel`, {
      token: booked.manageToken,
      body: {},
    })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('CANCELLATION_WINDOW_PASSED')
    const byClinic = await harness.call('POST', `/v1/bookings/${booked.booking.id}/cancel`, {
      token: clinic.sk,
      body: { reason: 'Practitioner ill' },
    })
    expect(byClinic.status).toBe(200)
    const twice = await harness.call('POST', `/v1/bookings/${booked.booking.id}/cancel`, {
      token: clinic.sk,
      body: {},
    })
    expect(twice.body.error.code).toBe('BOOKING_NOT_CHANGEABLE')
    const record = await harness.call('GET', `/v1/bookings/${booked.booking.id}`, { token: clinic.sk })
    expect(record.body).toMatchObject({ status: 'cancelled', cancelReason: 'Practitioner ill' })
  })

  it('gives the manage page what it needs to move a booking, for that booking only and before the notice', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness, { cancellationNoticeMinutes: 24 * 60 })
    const booked = await book(clinic, '2027-03-04T08:00:00Z')
    const other = await createTestClinic(harness)
    const stranger = await book(other, '2027-03-04T08:00:00Z')
    // The page's own question: its practitioner's free times on one day, with the manage token.
    const query = `serviceId=${clinic.serviceId}&practitionerId=${clinic.practitionerIds[0]}&from=2027-03-04&to=2027-03-04`
    const free = await harness.call('GET', `/v1/availability?${query}`, { token: booked.manageToken })
    expect(free.status).toBe(200)
    const starts = free.body.days[0].slots.map((slot: { startsAt: string }) => slot.startsAt)
    expect(starts).toContain('2027-03-04T09:00:00.000Z')
    expect(starts).not.toContain('2027-03-04T08:00:00.000Z')
    // Another clinic's booking is not there for this token, and a time that is no instant is refused.
    const elsewhere = await harness.call('POST', `/v1/bookings/${stranger.booking.id}/reschedule`, {
      token: booked.manageToken,
      body: { startsAt: '2027-03-04T09:00:00Z' },
    })
    expect(elsewhere.status).toBe(404)
    const garbled = await harness.call('POST', `/v1/bookings/${booked.booking.id}/reschedule`, {
      token: booked.manageToken,
      body: { startsAt: 'tomorrow at ten' },
    })
    expect(garbled.status).toBe(422)
    expect(garbled.body.error.code).toBe('VALIDATION_FAILED')
    // Inside the clinic's notice the patient may not move it; the page names this code.
    harness.clock.now = Date.parse('2027-03-03T08:30:00Z')
    const late = await harness.call('POST', `/v1/bookings/${booked.booking.id}/reschedule`, {
      token: booked.manageToken,
      body: { startsAt: '2027-03-05T09:00:00Z' },
    })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('CANCELLATION_WINDOW_PASSED')
    const still = await harness.call('GET', `/v1/bookings/${booked.booking.id}`, {
      token: booked.manageToken,
    })
    expect(still.body.startsAt).toBe('2027-03-04T08:00:00.000Z')
  })

  it('refuses an Idempotency-Key reused with another body, and writes nothing', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const body = { serviceId: clinic.serviceId, practitionerId: clinic.practitionerIds[0], patient }
    const headers = { 'Idempotency-Key': 'same-key' }
    const first = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      headers,
      body: { ...body, startsAt: '2027-03-03T08:00:00Z' },
    })
    expect(first.status).toBe(201)
    const other = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      headers,
      body: { ...body, startsAt: '2027-03-03T09:00:00Z' },
    })
    expect(other.status).toBe(422)
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    const list = await harness.call('GET', '/v1/bookings', { token: clinic.sk })
    expect(list.body.data.map((record: { startsAt: string }) => record.startsAt)).toEqual([
      '2027-03-03T08:00:00.000Z',
    ])
  })

  it('finds the same patient again without saying so, by email or phone with the date of birth', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const a = await book(clinic, '2027-03-03T08:00:00Z', { ...patient, email: 'Maria@Example.org' })
    const b = await book(clinic, '2027-03-03T09:00:00Z', {
      ...patient,
      name: 'Someone Else',
      email: 'maria@example.org',
    })
    const c = await book(clinic, '2027-03-03T10:00:00Z', { ...patient, dateOfBirth: '1990-01-01' })
    expect(Object.keys(a)).toEqual(Object.keys(b))
    const records = await Promise.all(
      [a, b, c].map((booked) =>
        harness.call('GET', `/v1/bookings/${booked.booking.id}`, { token: clinic.sk }),
      ),
    )
    const [pa, pb, pc] = records.map((record) => record.body.patient)
    expect(pa.id).toBe(pb.id)
    // A known patient's details are not overwritten by whoever books next.
    expect(pb.name).toBe('Maria Muster')
    expect(pc.id).not.toBe(pa.id)
  })

  it('normalises phone numbers to E.164 and rejects ones that cannot be reached', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const ok = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      body: {
        serviceId: clinic.serviceId,
        startsAt: '2027-03-03T08:00:00Z',
        phoneRegion: 'DE',
        patient: { name: 'Jonas Weber', phone: '030 1234567', dateOfBirth: '1979-11-30' },
      },
    })
    expect(ok.status).toBe(201)
    const record = await harness.call('GET', `/v1/bookings/${ok.body.booking.id}`, { token: clinic.sk })
    expect(record.body.patient.phone).toBe('+49301234567')
    const bad = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      body: {
        serviceId: clinic.serviceId,
        startsAt: '2027-03-03T09:00:00Z',
        patient: { name: 'Jonas Weber', phone: '12345', dateOfBirth: '1979-11-30' },
      },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.issues[0].path).toBe('patient.phone')
  })
})

describe('retries', () => {
  it('a retried cancel with its Idempotency-Key answers the first result, not "already cancelled"', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const booked = await book(clinic, '2027-03-05T08:00:00Z')
    const send = () =>
      harness.call('POST', `/v1/bookings/${booked.booking.id}/cancel`, {
        token: booked.manageToken,
        headers: { 'Idempotency-Key': 'cancel-1' },
        body: {},
      })
    const first = await send()
    const retry = await send()
    expect([first.status, retry.status]).toEqual([200, 200])
    expect(retry.body).toEqual(first.body)
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true')
  })

  it('booking a hold twice with one key and its visit token answers the same booking and tokens', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const held = await harness.call('POST', '/v1/holds', {
      token: clinic.pk,
      body: { serviceId: clinic.serviceId, startsAt: '2027-03-05T09:00:00Z' },
    })
    const send = () =>
      harness.call('POST', '/v1/bookings', {
        token: held.body.visitToken,
        headers: { 'Idempotency-Key': 'book-hold-1' },
        body: { holdId: held.body.hold.id, patient },
      })
    const first = await send()
    const retry = await send()
    expect(first.status).toBe(201)
    expect(retry.body).toEqual(first.body)
  })

  it('stores idempotent answers sealed: no token of the booking is readable in the database', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const booked = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      headers: { 'Idempotency-Key': 'sealed-1' },
      body: { serviceId: clinic.serviceId, startsAt: '2027-03-05T10:00:00Z', patient },
    })
    const rows = await harness.deps.system.selectFrom('idempotency_keys').selectAll().execute()
    const dump = JSON.stringify(rows)
    expect(dump).not.toContain(booked.body.manageToken)
    expect(dump).not.toContain(booked.body.visitToken)
    expect(dump).not.toContain('sealed-1')
  })

  it('keeps an idempotent answer for a day: a retry within it replays, housekeeping then drops it', async () => {
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const clinic = await createTestClinic(harness)
    const body = { serviceId: clinic.serviceId, startsAt: '2027-03-05T11:00:00Z', patient }
    const send = () =>
      harness.call('POST', '/v1/bookings', {
        token: clinic.pk,
        headers: { 'Idempotency-Key': 'kept-a-day' },
        body,
      })
    const first = await send()
    expect(first.status).toBe(201)
    const keyRows = () =>
      harness.deps.system
        .selectFrom('idempotency_keys')
        .select('created_at')
        .where('clinic_id', '=', clinic.clinicId)
        .execute()
    const [stored] = await keyRows()
    const storedAt = new Date(stored!.created_at).getTime()
    expect(
      await purgeIdempotencyKeys(
        harness.deps.system,
        storedAt + IDEMPOTENCY_RETENTION_MS - 60_000,
        clinic.clinicId,
      ),
    ).toBe(0)
    expect((await send()).body).toEqual(first.body)
    expect(
      await purgeIdempotencyKeys(
        harness.deps.system,
        storedAt + IDEMPOTENCY_RETENTION_MS + 60_000,
        clinic.clinicId,
      ),
    ).toBe(1)
    expect(await keyRows()).toEqual([])
    // The key is free again: the same request is now a new one (the other practitioner is free then).
    const late = await send()
    expect(late.status).toBe(201)
    expect(late.body.booking.id).not.toBe(first.body.booking.id)
  })
})
