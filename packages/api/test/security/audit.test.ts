// The audit log: every read or change of patient data leaves one row saying who, which clinic, what and which request.
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { type CallResult, useHarness } from '../harness.js'
import { bookSlot, type Clinic, createClinic, holdSlot } from './fixtures.js'

const harness = useHarness()
let clinic: Clinic

beforeAll(async () => {
  clinic = await createClinic(harness)
})

const patient = { name: 'Ada Audit', email: 'ada.audit@example.org', dateOfBirth: '1970-01-01' }

async function auditRowsOf(response: CallResult) {
  const requestId = response.headers.get('X-Request-Id')!
  expect(requestId).toBeTruthy()
  const rows = await harness.deps.system
    .selectFrom('audit_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    clinic: row.clinic_id,
    actor: `${row.actor_type}:${row.actor_id}`,
    action: row.action,
    object: `${row.object_type}:${row.object_id}`,
  }))
}

async function patientOf(bookingId: string) {
  const record = await harness.call('GET', `/v1/bookings/${bookingId}`, { token: clinic.sk })
  return record.body.patient.id as string
}

describe('audit events', () => {
  it('a booking made by a browser: the publishable key, the patient matched and the booking created', async () => {
    const response = await harness.call('POST', '/v1/bookings', {
      token: clinic.pk,
      body: { serviceId: clinic.serviceId, ...clinic.nextSlot(), patient },
    })
    expect(response.status).toBe(201)
    const bookingId = response.body.booking.id
    const actor = `publishable:${clinic.publishableKeyId}`
    expect(await auditRowsOf(response)).toEqual([
      {
        clinic: clinic.clinicId,
        actor,
        action: 'patient.match_or_create',
        object: `patient:${await patientOf(bookingId)}`,
      },
      { clinic: clinic.clinicId, actor, action: 'booking.create', object: `booking:${bookingId}` },
    ])
  })

  it("a booking made from a hold: the hold's visit token", async () => {
    const hold = await holdSlot(harness, clinic)
    const response = await harness.call('POST', '/v1/bookings', {
      token: hold.visitToken,
      body: { holdId: hold.id, patient },
    })
    expect(response.status).toBe(201)
    const bookingId = response.body.booking.id
    const rows = await auditRowsOf(response)
    expect(rows.map((row) => row.action)).toEqual(['patient.match_or_create', 'booking.create'])
    expect(rows.every((row) => row.actor === `visit:${bookingId}` && row.clinic === clinic.clinicId)).toBe(
      true,
    )
  })

  it("the clinic reading one booking: the secret key, the booking and the patient's record", async () => {
    const booking = await bookSlot(harness, clinic, patient)
    const response = await harness.call('GET', `/v1/bookings/${booking.id}`, { token: clinic.sk })
    expect(response.status).toBe(200)
    const actor = `secret:${clinic.secretKeyId}`
    expect(await auditRowsOf(response)).toEqual([
      { clinic: clinic.clinicId, actor, action: 'booking.read', object: `booking:${booking.id}` },
      {
        clinic: clinic.clinicId,
        actor,
        action: 'patient.read',
        object: `patient:${response.body.patient.id}`,
      },
    ])
  })

  it('the clinic listing bookings: one booking.list and one patient.read per booking shown', async () => {
    const response = await harness.call('GET', '/v1/bookings?limit=3', { token: clinic.sk })
    expect(response.body.data).toHaveLength(3)
    const rows = await auditRowsOf(response)
    const expected = response.body.data.flatMap((record: { id: string; patient: { id: string } }) => [
      { action: 'booking.list', object: `booking:${record.id}` },
      { action: 'patient.read', object: `patient:${record.patient.id}` },
    ])
    expect(rows.map(({ action, object }) => ({ action, object }))).toEqual(expected)
    expect(new Set(rows.map((row) => row.actor))).toEqual(new Set([`secret:${clinic.secretKeyId}`]))
  })

  it('the patient cancelling with the manage token, and the clinic rescheduling', async () => {
    const first = await bookSlot(harness, clinic, patient)
    const cancelled = await harness.call('POST', `/v1/bookings/${first.id}/cancel`, {
      token: first.manageToken,
      body: { reason: 'Better' },
    })
    expect(cancelled.status).toBe(200)
    expect(await auditRowsOf(cancelled)).toEqual([
      {
        clinic: clinic.clinicId,
        actor: `manage:${first.id}`,
        action: 'booking.cancel',
        object: `booking:${first.id}`,
      },
    ])
    const second = await bookSlot(harness, clinic, patient)
    const moved = await harness.call('POST', `/v1/bookings/${second.id}/reschedule`, {
      token: clinic.sk,
      body: { startsAt: clinic.nextSlot().startsAt },
    })
    expect(moved.status).toBe(200)
    expect(await auditRowsOf(moved)).toEqual([
      {
        clinic: clinic.clinicId,
        actor: `secret:${clinic.secretKeyId}`,
        action: 'booking.reschedule',
        object: `booking:${second.id}`,
      },
    ])
  })

  it('refused requests leave no audit row, because nothing was read or changed', async () => {
    const booking = await bookSlot(harness, clinic, patient)
    const refused = [
      await harness.call('GET', `/v1/bookings/${booking.id}`, { token: clinic.pk }),
      await harness.call('POST', '/v1/bookings', {
        token: clinic.pk,
        body: { serviceId: clinic.serviceId, ...clinic.nextSlot(), patient: { ...patient, email: 'nope' } },
      }),
    ]
    expect(refused.map((response) => response.status)).toEqual([403, 422])
    for (const response of refused) expect(await auditRowsOf(response)).toEqual([])
  })

  it('records when, and from where when the app sits behind a trusted proxy', async () => {
    const app = createApp(harness.deps, { trustedProxies: ['10.0.0.0/8'] })
    const booking = await bookSlot(harness, clinic, patient)
    // The peer is our proxy at 10.0.0.2; it appended the hop before it (10.0.0.1, also ours) to the client's.
    const response = await app.request(
      `/v1/bookings/${booking.id}`,
      { headers: { Authorization: `Bearer ${clinic.sk}`, 'X-Forwarded-For': '203.0.113.7, 10.0.0.1' } },
      { incoming: { socket: { remoteAddress: '10.0.0.2', remoteFamily: 'IPv4', remotePort: 40000 } } },
    )
    expect(response.status).toBe(200)
    const rows = await harness.deps.system
      .selectFrom('audit_events')
      .select(['client_ip', 'occurred_at'])
      .where('request_id', '=', response.headers.get('X-Request-Id'))
      .execute()
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row.client_ip).toBe('203.0.113.7')
      expect(Math.abs(new Date(row.occurred_at).getTime() - Date.now())).toBeLessThan(60_000)
    }
  })
})

describe('the audit log is append-only', () => {
  const mine = () =>
    harness.deps.system
      .selectFrom('audit_events')
      .selectAll()
      .where('clinic_id', '=', clinic.clinicId)
      .orderBy('id')

  it('refuses UPDATE and keeps the row as it was', async () => {
    await bookSlot(harness, clinic, patient)
    const before = await mine().execute()
    expect(before.length).toBeGreaterThan(0)
    await expect(
      harness.deps.system
        .updateTable('audit_events')
        .set({ actor_id: 'someone-else' })
        .where('clinic_id', '=', clinic.clinicId)
        .execute(),
    ).rejects.toThrow(/append-only/)
    expect(await mine().execute()).toEqual(before)
  })

  it('refuses DELETE and keeps every row', async () => {
    const before = await mine().execute()
    await expect(
      harness.deps.system.deleteFrom('audit_events').where('clinic_id', '=', clinic.clinicId).execute(),
    ).rejects.toThrow(/append-only/)
    expect(await mine().execute()).toEqual(before)
  })
})
