// Finding patients on sealed data: by email and phone through blind indexes, by name by opening the
// clinic's patients in the API; never across clinics, never for a browser key, always audited.
import { beforeAll, describe, expect, it } from 'vitest'
import { useHarness } from './harness.js'
import { type Clinic, createClinic, expectError, issuePaths } from './security/fixtures.js'

const harness = useHarness()

const renee = {
  name: 'Renée Müller-Østergaard',
  email: 'Renee.Mueller@Example.org',
  phone: '+49 30 2223344',
  dateOfBirth: '1972-11-05',
}

let a: Clinic
let b: Clinic
let reneeId: string

const search = (clinic: Clinic, body: unknown, token = clinic.sk) =>
  harness.call('POST', '/v1/patients/search', { token, body })
const ids = (response: { body: { data: { id: string }[] } }) => response.body.data.map((found) => found.id)

async function book(clinic: Clinic, who: object) {
  const response = await harness.call('POST', '/v1/bookings', {
    token: clinic.pk,
    body: { serviceId: clinic.serviceId, ...clinic.nextSlot(), patient: who },
  })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  const read = await harness.call('GET', `/v1/bookings/${response.body.booking.id}`, { token: clinic.sk })
  return read.body.patient.id as string
}

beforeAll(async () => {
  a = await createClinic(harness)
  b = await createClinic(harness)
  reneeId = await book(a, renee)
  await book(a, {
    ...renee,
    name: 'Someone Else',
    email: 'someone.else@example.org',
    dateOfBirth: '1990-01-01',
  })
})

describe('POST /v1/patients/search', () => {
  it('finds a patient by email, whatever its case, with the details opened', async () => {
    const response = await search(a, { email: 'RENEE.MUELLER@example.ORG' })
    expect(response.status).toBe(200)
    expect(response.body.data).toEqual([
      expect.objectContaining({ id: reneeId, name: renee.name, email: 'renee.mueller@example.org' }),
    ])
  })

  it('finds a patient by phone in another notation of the same number', async () => {
    expect(ids(await search(a, { phone: '030 222 33 44', phoneRegion: 'DE' }))).toContain(reneeId)
    expect(ids(await search(a, { phone: '+49302223344' }))).toContain(reneeId)
    expect(ids(await search(a, { phone: '+49 30 2223345' }))).toEqual([])
  })

  it('finds a patient by any part of the name, ignoring case and accents', async () => {
    for (const name of ['muller', 'MÜLLER', 'østergaard', 'renee m']) {
      expect(ids(await search(a, { name })), name).toEqual([reneeId])
    }
    expect(ids(await search(a, { name: 'zzyzx' }))).toEqual([])
  })

  it('recognises a returning patient: the same email and date of birth book as one patient', async () => {
    const again = await book(a, { ...renee, name: 'Renée Müller', phone: undefined })
    expect(again).toBe(reneeId)
    expect(ids(await search(a, { email: renee.email }))).toEqual([reneeId])
  })

  it("another clinic's key finds none of this clinic's patients, by any term", async () => {
    for (const body of [{ email: renee.email }, { phone: renee.phone }, { name: 'Müller' }]) {
      const response = await search(b, body)
      expect(response.status).toBe(200)
      expect(response.body.data).toEqual([])
      expect(JSON.stringify(response.body)).not.toContain(reneeId)
    }
  })

  it('a browser key or a booking token may not search; no key is 401', async () => {
    expectError(await search(a, { email: renee.email }, a.pk), 403, 'FORBIDDEN')
    const response = await harness.call('POST', '/v1/patients/search', { body: { email: renee.email } })
    expectError(response, 401, 'UNAUTHENTICATED')
  })

  it('refuses a search with no term or with two, naming the problem', async () => {
    for (const body of [{}, { email: renee.email, name: 'Renée' }, { name: 'R' }]) {
      const response = await search(a, body)
      expectError(response, 422, 'VALIDATION_FAILED')
      expect(issuePaths(response).length).toBeGreaterThan(0)
      expect(JSON.stringify(response.body)).not.toContain('Renée')
    }
  })

  it('audits each patient found as a read', async () => {
    const before = await patientReads(reneeId)
    await search(a, { name: 'Müller' })
    expect(await patientReads(reneeId)).toBe(before + 1)
  })

  it('does not find an erased patient', async () => {
    const erased = await book(a, { ...renee, email: 'erase.me@example.org', name: 'Erase Mueller' })
    expect((await harness.call('POST', `/v1/patients/${erased}/erasure`, { token: a.sk })).status).toBe(200)
    expect(ids(await search(a, { email: 'erase.me@example.org' }))).toEqual([])
    expect(ids(await search(a, { name: 'Erase' }))).toEqual([])
  })
})

describe("GET /v1/bookings?patientId: one patient's bookings, for the console's patient page", () => {
  const bookingsOf = (clinic: Clinic, patientId: string, token = clinic.sk) =>
    harness.call('GET', `/v1/bookings?patientId=${patientId}`, { token })

  it("lists that patient's bookings and nobody else's, each read audited", async () => {
    const before = await patientReads(reneeId)
    const response = await bookingsOf(a, reneeId)
    expect(response.status).toBe(200)
    const patients = response.body.data.map((booking: { patient: { id: string } }) => booking.patient.id)
    expect(patients.length).toBeGreaterThan(0)
    expect(new Set(patients)).toEqual(new Set([reneeId]))
    expect(await patientReads(reneeId)).toBe(before + patients.length)
  })

  it("another clinic's key with this clinic's patient id gets none of them", async () => {
    const response = await bookingsOf(b, reneeId)
    expect(response.status).toBe(200)
    expect(response.body.data).toEqual([])
  })

  it('refuses an id that is no id, and a browser key', async () => {
    expectError(await bookingsOf(a, 'not an id'), 422, 'VALIDATION_FAILED')
    expectError(await bookingsOf(a, reneeId, a.pk), 403, 'FORBIDDEN')
  })
})

async function patientReads(patientId: string): Promise<number> {
  const rows = await harness.deps.system
    .selectFrom('audit_events')
    .select('id')
    .where('action', '=', 'patient.read')
    .where('object_id', '=', patientId)
    .execute()
  return rows.length
}
