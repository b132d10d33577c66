// Patient data stays with the clinic's server: never back to a browser key, never in logs, never echoed in errors.
import { beforeAll, describe, expect, it } from 'vitest'
import { type CallResult, useHarness } from '../harness.js'
import { tableRowsMentioning } from './database-scan.js'
import { type Clinic, createClinic, expectError, holdSlot, issuePaths } from './fixtures.js'

const harness = useHarness()

/** Details no fixture or log line could contain by chance. */
const quintessa = {
  name: 'Quintessa Vandermolen-Okafor',
  email: 'Q.Vandermolen@Example.org',
  phone: '+49 30 98765432',
  dateOfBirth: '1961-07-23',
}
const NOTES = 'Penicillin allergy, please call first'
const BAD_EMAIL = 'not-an-email-ZZQ'
const BAD_PHONE = '+999 4242 4242'
const LIST_QUERY = '?from=2027-03-01T00:00:00Z&status=confirmed&limit=7'

const PATIENT_STRINGS = [
  'Quintessa',
  'Vandermolen',
  'Okafor',
  'q.vandermolen',
  '98765432',
  '1961-07-23',
  'Penicillin',
]
const contains = (text: string, needle: string) => text.toLowerCase().includes(needle.toLowerCase())

let clinic: Clinic
const flow: Record<string, CallResult> = {}
const tokens: string[] = []

beforeAll(async () => {
  clinic = await createClinic(harness)
  const { call } = harness
  const hold = await holdSlot(harness, clinic)
  flow.booked = await call('POST', '/v1/bookings', {
    token: hold.visitToken,
    body: { holdId: hold.id, patient: quintessa, notes: NOTES },
  })
  const { booking, visitToken, manageToken } = flow.booked.body
  tokens.push(clinic.pk, clinic.sk, hold.visitToken, visitToken, manageToken)
  flow.readByVisit = await call('GET', `/v1/bookings/${booking.id}`, { token: visitToken })
  flow.readByManage = await call('GET', `/v1/bookings/${booking.id}`, { token: manageToken })
  flow.readBySecret = await call('GET', `/v1/bookings/${booking.id}`, { token: clinic.sk })
  flow.listed = await call('GET', `/v1/bookings${LIST_QUERY}`, { token: clinic.sk })
  flow.cancelled = await call('POST', `/v1/bookings/${booking.id}/cancel`, {
    token: manageToken,
    body: { reason: 'Quintessa is travelling' },
  })
  flow.badEmail = await call('POST', '/v1/bookings', {
    token: clinic.pk,
    body: { serviceId: clinic.serviceId, ...clinic.nextSlot(), patient: { ...quintessa, email: BAD_EMAIL } },
  })
  flow.badPhone = await call('POST', '/v1/bookings', {
    token: clinic.pk,
    body: { serviceId: clinic.serviceId, ...clinic.nextSlot(), patient: { ...quintessa, phone: BAD_PHONE } },
  })
})

describe('a full patient flow', () => {
  it('went through: booked, read, listed and cancelled, with the two bad requests refused', () => {
    expect(flow.booked!.status).toBe(201)
    expect(flow.readBySecret!.body.patient).toMatchObject({ name: quintessa.name, dateOfBirth: '1961-07-23' })
    expect(flow.readBySecret!.body.notes).toBe(NOTES)
    expect(flow.listed!.body.data.map((record: { id: string }) => record.id)).toContain(
      flow.booked!.body.booking.id,
    )
    expect(flow.cancelled!.body.status).toBe('cancelled')
    expectError(flow.badEmail!, 422, 'VALIDATION_FAILED')
    expect(issuePaths(flow.badEmail!)).toContain('patient.email')
    expectError(flow.badPhone!, 422, 'VALIDATION_FAILED')
    expect(issuePaths(flow.badPhone!)).toContain('patient.phone')
  })

  it('the booking answer to the browser carries no patient details', () => {
    const text = JSON.stringify(flow.booked!.body)
    for (const needle of PATIENT_STRINGS) expect(contains(text, needle), needle).toBe(false)
  })

  it("visit and manage tokens read their booking without the patient's details", () => {
    for (const response of [flow.readByVisit!, flow.readByManage!, flow.cancelled!]) {
      expect(response.status).toBe(200)
      expect(response.body).not.toHaveProperty('patient')
      expect(response.body).not.toHaveProperty('notes')
      const text = JSON.stringify(response.body)
      for (const needle of [...PATIENT_STRINGS, 'travelling'])
        expect(contains(text, needle), needle).toBe(false)
    }
  })

  it('error messages never echo the values that were refused', () => {
    for (const response of [flow.badEmail!, flow.badPhone!]) {
      // Without the request id: a random id holds "zzq" or "4242" now and then, and it echoes nothing.
      const { requestId, ...error } = response.body.error
      expect(typeof requestId).toBe('string')
      const text = JSON.stringify(error)
      for (const needle of [BAD_EMAIL, 'ZZQ', '4242', ...PATIENT_STRINGS])
        expect(contains(text, needle), needle).toBe(false)
    }
  })

  it('no log line holds patient details, a token, a refused value or a query string', () => {
    expect(harness.logs.length).toBeGreaterThan(10)
    const requestIds = Object.values(flow).map((response) => response.headers.get('X-Request-Id')!)
    for (const id of requestIds)
      expect(
        harness.logs.some((line) => line.includes(id)),
        id,
      ).toBe(true)
    const secrets = [
      ...PATIENT_STRINGS,
      'travelling',
      BAD_EMAIL,
      '4242',
      '+4930',
      ...tokens,
      ...tokens.map((token) => token.slice(-20)),
      LIST_QUERY.slice(1),
      'status=confirmed',
      'limit=7',
    ]
    for (const line of harness.logs) {
      for (const needle of secrets) expect(contains(line, needle), `${needle} in ${line}`).toBe(false)
    }
  })
})

describe('a publishable key', () => {
  it('books without getting patient details back', async () => {
    const response = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      body: { serviceId: clinic.serviceId, ...clinic.nextSlot(), patient: quintessa, notes: NOTES },
    })
    expect(response.status).toBe(201)
    expect(Object.keys(response.body).sort()).toEqual(['booking', 'manageToken', 'visitToken'])
    const text = JSON.stringify(response.body)
    for (const needle of PATIENT_STRINGS) expect(contains(text, needle), needle).toBe(false)
  })

  it('cannot read a booking or the booking list (403), even from the allowed origin', async () => {
    const id = flow.booked!.body.booking.id
    for (const path of [`/v1/bookings/${id}`, '/v1/bookings', `/v1/bookings${LIST_QUERY}`]) {
      const response = await harness.call('GET', path, { token: clinic.pk })
      expectError(response, 403, 'FORBIDDEN')
      for (const needle of PATIENT_STRINGS)
        expect(contains(JSON.stringify(response.body), needle)).toBe(false)
    }
  })

  it('cannot get patient details back by replaying a booking request with its Idempotency-Key', async () => {
    const body = { serviceId: clinic.serviceId, ...clinic.nextSlot(), patient: quintessa }
    const headers = { 'Idempotency-Key': `replay-${Date.now()}` }
    const first = await harness.call('POST', '/v1/bookings', { token: clinic.pk, body, headers })
    const replay = await harness.call('POST', '/v1/bookings', { token: clinic.pk, body, headers })
    expect(first.status).toBe(201)
    expect(replay.status).toBe(201)
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    for (const needle of PATIENT_STRINGS)
      expect(contains(JSON.stringify(replay.body), needle), needle).toBe(false)
  })
})

describe('tokens at rest', () => {
  it('no table holds a visit or manage token in plain, also when the booking came with an Idempotency-Key', async () => {
    const response = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      headers: { 'Idempotency-Key': `rest-${Date.now()}` },
      body: { serviceId: clinic.serviceId, ...clinic.nextSlot(), patient: quintessa },
    })
    expect(response.status).toBe(201)
    const { visitToken, manageToken } = response.body
    // A database dump must not let anyone cancel or reschedule a patient's booking.
    expect(await tableRowsMentioning(harness.deps.system, clinic.clinicId, manageToken)).toEqual([])
    expect(await tableRowsMentioning(harness.deps.system, clinic.clinicId, visitToken)).toEqual([])
  })
})
