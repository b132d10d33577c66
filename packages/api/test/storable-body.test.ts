// Text PostgreSQL cannot store (NUL, unpaired surrogates) and a PATCH with nothing to change are refused
// for every route with a 422 naming the field: no 500, and nothing written.
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestClinic, type TestClinic, useHarness } from './harness.js'
import { expectError, intakeTestForm, issuePaths } from './security/fixtures.js'

const harness = useHarness()
let clinic: TestClinic

beforeAll(async () => {
  clinic = await createTestClinic(harness)
})

const NUL = 'Main\u0000street'
const LONE = 'Main \uD800 street'

async function count(path: string) {
  const response = await harness.call('GET', path, { token: clinic.sk })
  return response.body.data.length as number
}

describe('text that cannot be stored', () => {
  const cases = [
    { path: '/v1/locations', body: { name: NUL }, field: 'name', list: '/v1/locations' },
    { path: '/v1/services', body: { name: LONE, durationMinutes: 30 }, field: 'name', list: '/v1/services' },
    { path: '/v1/practitioners', body: { name: NUL }, field: 'name', list: '/v1/practitioners' },
    { path: '/v1/keys', body: { kind: 'secret', label: NUL }, field: 'label', list: '/v1/keys' },
    {
      path: '/v1/time-off',
      body: { startsAt: '2027-04-01T08:00:00Z', endsAt: '2027-04-01T10:00:00Z', reason: NUL },
      field: 'reason',
      list: '/v1/time-off',
    },
  ]
  for (const { path, body, field, list } of cases) {
    it(`POST ${path} with it in ${field} → 422 naming ${field}, nothing written`, async () => {
      const before = await count(list)
      const response = await harness.call('POST', path, { token: clinic.sk, body })
      expectError(response, 422, 'VALIDATION_FAILED')
      expect(issuePaths(response)).toEqual([field])
      expect(JSON.stringify(response.body)).not.toContain('street')
      expect(await count(list)).toBe(before)
    })
  }

  it("names the field deep in a body: a booking's patient name", async () => {
    const response = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      body: {
        serviceId: clinic.serviceId,
        startsAt: '2027-03-03T09:00:00Z',
        patient: { name: 'Ann \uDC00 Lee', email: 'ann@example.org', dateOfBirth: '1980-01-01' },
      },
    })
    expectError(response, 422, 'VALIDATION_FAILED')
    expect(issuePaths(response)).toEqual(['patient.name'])
  })

  it('changes nothing in PATCH /v1/clinic, and takes a name with an emoji (a valid pair)', async () => {
    expectError(
      await harness.call('PATCH', '/v1/clinic', { token: clinic.sk, body: { name: NUL } }),
      422,
      'VALIDATION_FAILED',
    )
    const fine = await harness.call('PATCH', '/v1/clinic', {
      token: clinic.sk,
      body: { name: 'Praxis 🌿 Linde' },
    })
    expect(fine.status).toBe(200)
  })
})

describe('a PATCH with nothing to change', () => {
  it('is a 422 for an intake form and a webhook endpoint, and the object stays as it was', async () => {
    const form = await harness.call('POST', '/v1/intake/forms', {
      token: clinic.sk,
      body: { name: 'Empty patch', definition: intakeTestForm },
    })
    expect(form.status, JSON.stringify(form.body)).toBe(201)
    const endpoint = await harness.call('POST', '/v1/webhooks/endpoints', {
      token: clinic.sk,
      body: { url: 'https://hooks.example.org/frontdesk', events: ['booking.created'] },
    })
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201)
    const read = (path: string) =>
      harness.call('GET', path, { token: clinic.sk }).then((answer) => answer.body)
    for (const [path, observe] of [
      [`/v1/intake/forms/${form.body.id}`, `/v1/intake/forms/${form.body.id}`],
      [`/v1/webhooks/endpoints/${endpoint.body.id}`, '/v1/webhooks/endpoints'],
    ] as const) {
      const before = await read(observe)
      const response = await harness.call('PATCH', path, { token: clinic.sk, body: {} })
      expectError(response, 422, 'VALIDATION_FAILED')
      expect(response.body.error.message).toBe('Name at least one field to change')
      expect(await read(observe)).toEqual(before)
    }
  })
})
