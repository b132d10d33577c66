// Requests patients make from the clinic's website: a one-time code proves control of the email or
// phone, only then does the clinic see the request with its deadline; completing an access request
// sends a short-lived link that downloads the export. Nothing tells a stranger whether someone is a
// patient; another clinic's keys reach nothing; five wrong codes void a request; starts are limited.
import { describe, expect, it } from 'vitest'
import type { OutgoingEmail } from '../src/messages/transports.js'
import { createTestClinic, patient, type TestClinic, useHarness } from './harness.js'

const harness = useHarness({ rateLimits: { rightsRequestContact: { points: 5, duration: 3600 } } })
const DAY = 24 * 60 * 60_000

const uniqueEmail = () => `p-${crypto.randomUUID().slice(0, 8)}@example.org`

async function bookedPatient(clinic: TestClinic, email = uniqueEmail()) {
  const booked = await harness.call('POST', '/v1/bookings', {
    token: clinic.pk,
    body: { serviceId: clinic.serviceId, startsAt: '2027-03-04T09:00:00Z', patient: { ...patient, email } },
  })
  expect(booked.status).toBe(201)
  const bookingId = booked.body.booking.id as string
  const patientId = (await harness.call('GET', `/v1/bookings/${bookingId}`, { token: clinic.sk })).body
    .patient.id
  return { email, bookingId, patientId: patientId as string }
}

const mailTo = (address: string) =>
  harness.sent.filter((sent): sent is OutgoingEmail => 'subject' in sent && sent.to === address)

async function start(clinic: TestClinic, email: string, kind = 'access', dateOfBirth = patient.dateOfBirth) {
  return harness.call('POST', '/v1/rights-requests', { token: clinic.pk, body: { kind, email, dateOfBirth } })
}

const codeIn = (mail: OutgoingEmail | undefined) => /\b(\d{6})\b/.exec(mail?.text ?? '')?.[1] ?? ''

async function openRequest(clinic: TestClinic, email: string, kind = 'access') {
  const started = await start(clinic, email, kind)
  expect(started.status, JSON.stringify(started.body)).toBe(202)
  const code = codeIn(mailTo(email).at(-1))
  const verified = await harness.call('POST', `/v1/rights-requests/${started.body.requestId}/verify`, {
    token: clinic.pk,
    body: { code },
  })
  expect(verified.status, JSON.stringify(verified.body)).toBe(200)
  return started.body.requestId as string
}

describe('rights requests', () => {
  it('verifies by code, reaches the clinic with its deadline, and hands the patient a download link', async () => {
    const clinic = await createTestClinic(harness)
    const mine = await bookedPatient(clinic)
    const started = await start(clinic, mine.email)
    expect(started.status).toBe(202)
    expect(started.body).toMatchObject({ codeSentTo: 'email', requestId: expect.stringMatching(/^rr_/) })
    const code = codeIn(mailTo(mine.email).at(-1))
    expect(code).toMatch(/^\d{6}$/)
    // Unverified, the clinic does not see it.
    expect((await harness.call('GET', '/v1/rights-requests', { token: clinic.sk })).body.data).toEqual([])

    const wrong = await harness.call('POST', `/v1/rights-requests/${started.body.requestId}/verify`, {
      token: clinic.pk,
      body: { code: code === '000000' ? '111111' : '000000' },
    })
    expect(wrong.status).toBe(422)
    expect(wrong.body.error).toMatchObject({ code: 'CODE_INVALID', issues: [{ path: 'code' }] })
    const right = await harness.call('POST', `/v1/rights-requests/${started.body.requestId}/verify`, {
      token: clinic.pk,
      body: { code },
    })
    expect(right.body).toEqual({
      id: started.body.requestId,
      status: 'open',
      dueAt: new Date(harness.clock.now + 30 * DAY).toISOString(),
    })

    const listed = await harness.call('GET', '/v1/rights-requests?status=open', { token: clinic.sk })
    expect(listed.body.data).toEqual([
      expect.objectContaining({
        id: started.body.requestId,
        kind: 'access',
        contact: mine.email,
        patientId: mine.patientId,
      }),
    ])
    const decided = await harness.call('POST', `/v1/rights-requests/${started.body.requestId}/decision`, {
      token: clinic.sk,
      body: { decision: 'complete' },
    })
    expect(decided.status, JSON.stringify(decided.body)).toBe(200)
    expect(decided.body).toMatchObject({ status: 'completed' })
    const link = /(http:\/\/localhost\/v1\/rights\/download#request=(rr_\w+)&token=(xt_[\w-]+))/.exec(
      mailTo(mine.email).at(-1)!.text,
    )
    expect(link?.[2]).toBe(started.body.requestId)
    const token = link![3]!

    const download = await harness.call('POST', `/v1/rights-requests/${started.body.requestId}/export`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(download.status).toBe(200)
    expect(download.headers.get('content-disposition')).toContain('attachment')
    expect(download.body.patient).toMatchObject({ id: mine.patientId, email: mine.email })
    expect(download.body.bookings.map((b: { id: string }) => b.id)).toEqual([mine.bookingId])
    const fhir = await harness.call(
      'POST',
      `/v1/rights-requests/${started.body.requestId}/export?format=fhir`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    )
    expect(fhir.body.resourceType).toBe('Bundle')
    // The download is audited as the patient's own.
    const trail = await harness.call('GET', '/v1/audit/events?action=rights_request.download', {
      token: clinic.sk,
    })
    expect(trail.body.data[0]).toMatchObject({ actor: { type: 'patient' } })

    // A week later the link is dead; a made-up token never worked.
    harness.clock.now += 7 * DAY + 1000
    const late = await harness.call('POST', `/v1/rights-requests/${started.body.requestId}/export`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(late.status).toBe(401)
    harness.clock.now -= 7 * DAY + 1000
    const forged = await harness.call('POST', `/v1/rights-requests/${started.body.requestId}/export`, {
      headers: { Authorization: `Bearer xt_${'A'.repeat(43)}` },
    })
    expect(forged.status).toBe(401)
    // The token opens its own request only, and a format the API does not make is refused by name.
    const other = await openRequest(clinic, uniqueEmail())
    const crossed = await harness.call('POST', `/v1/rights-requests/${other}/export`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(crossed.status).toBe(401)
    const pdf = await harness.call(
      'POST',
      `/v1/rights-requests/${started.body.requestId}/export?format=pdf`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    )
    expect(pdf.status).toBe(422)
    expect(pdf.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['format'])
    // Decided once.
    const again = await harness.call('POST', `/v1/rights-requests/${started.body.requestId}/decision`, {
      token: clinic.sk,
      body: { decision: 'reject' },
    })
    expect(again.body.error.code).toBe('REQUEST_NOT_OPEN')
  })

  it('answers a stranger exactly as a patient, and the clinic names the patient before acting', async () => {
    const clinic = await createTestClinic(harness)
    const mine = await bookedPatient(clinic)
    const stranger = uniqueEmail()
    const [known, unknown] = [await start(clinic, mine.email), await start(clinic, stranger)]
    const shape = (body: Record<string, unknown>) => ({ ...body, requestId: 'x', expiresAt: 'x' })
    expect(known.status).toBe(unknown.status)
    expect(shape(known.body)).toEqual(shape(unknown.body))
    expect(mailTo(stranger)).toHaveLength(1)
    const verified = await harness.call('POST', `/v1/rights-requests/${unknown.body.requestId}/verify`, {
      token: clinic.pk,
      body: { code: codeIn(mailTo(stranger)[0]) },
    })
    expect(Object.keys(verified.body).sort()).toEqual(['dueAt', 'id', 'status'])
    const listed = (await harness.call('GET', '/v1/rights-requests', { token: clinic.sk })).body.data
    expect(listed.find((r: { id: string }) => r.id === unknown.body.requestId)).toMatchObject({
      patientId: null,
    })
    const unnamed = await harness.call('POST', `/v1/rights-requests/${unknown.body.requestId}/decision`, {
      token: clinic.sk,
      body: { decision: 'complete' },
    })
    expect(unnamed.status).toBe(422)
    expect(unnamed.body.error.issues[0].path).toBe('patientId')
    const declined = await harness.call('POST', `/v1/rights-requests/${unknown.body.requestId}/decision`, {
      token: clinic.sk,
      body: { decision: 'reject', note: 'We have no records for this address.' },
    })
    expect(declined.body.status).toBe('rejected')
    expect(mailTo(stranger).at(-1)?.text).toContain('declined')
  })

  it('erases the patient when an erasure request is completed', async () => {
    const clinic = await createTestClinic(harness)
    const mine = await bookedPatient(clinic)
    const id = await openRequest(clinic, mine.email, 'erasure')
    const done = await harness.call('POST', `/v1/rights-requests/${id}/decision`, {
      token: clinic.sk,
      body: { decision: 'complete' },
    })
    expect(done.status).toBe(200)
    const record = await harness.call('GET', `/v1/patients/${mine.patientId}`, { token: clinic.sk })
    expect(record.body).toMatchObject({ email: null, erasedAt: expect.any(String) })
  })

  it('voids a request after five wrong codes', async () => {
    const clinic = await createTestClinic(harness)
    const email = uniqueEmail()
    const started = await start(clinic, email)
    const code = codeIn(mailTo(email)[0])
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++) {
      await harness.call('POST', `/v1/rights-requests/${started.body.requestId}/verify`, {
        token: clinic.pk,
        body: { code: wrong },
      })
    }
    const late = await harness.call('POST', `/v1/rights-requests/${started.body.requestId}/verify`, {
      token: clinic.pk,
      body: { code },
    })
    expect(late.status).toBe(422)
    expect(late.body.error.message).toContain('start the request again')
  })

  it('keeps clinics apart, refuses the wrong keys and bad input, and limits starts per address', async () => {
    const a = await createTestClinic(harness)
    const b = await createTestClinic(harness)
    const mine = await bookedPatient(a)
    const id = await openRequest(a, mine.email)
    expect(
      (
        await harness.call('POST', `/v1/rights-requests/${id}/verify`, {
          token: b.pk,
          body: { code: '123456' },
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await harness.call('POST', `/v1/rights-requests/${id}/decision`, {
          token: b.sk,
          body: { decision: 'reject' },
        })
      ).status,
    ).toBe(404)
    expect((await harness.call('GET', '/v1/rights-requests', { token: b.sk })).body.data).toEqual([])
    expect((await harness.call('GET', '/v1/rights-requests', {})).status).toBe(401)
    expect((await harness.call('GET', '/v1/rights-requests', { token: a.pk })).status).toBe(403)
    expect(
      (
        await harness.call('POST', '/v1/rights-requests', {
          token: a.sk,
          body: { kind: 'access', email: uniqueEmail(), dateOfBirth: '1980-01-01' },
        })
      ).status,
    ).toBe(403)
    const bad = await harness.call('POST', '/v1/rights-requests', {
      token: a.pk,
      body: { kind: 'everything', email: 'nope', dateOfBirth: 'yesterday' },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'dateOfBirth',
      'email',
      'kind',
    ])
    const both = await harness.call('POST', '/v1/rights-requests', {
      token: a.pk,
      body: { kind: 'access', email: uniqueEmail(), phone: '+49 30 1234567', dateOfBirth: '1980-01-01' },
    })
    expect(both.status).toBe(422)
    const unreachable = await harness.call('POST', '/v1/rights-requests', {
      token: a.pk,
      body: { kind: 'access', phone: '+49 0000000', dateOfBirth: '1980-01-01' },
    })
    expect(unreachable.status).toBe(422)
    expect(unreachable.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['phone'])
    // The request is still open and undecided.
    expect(
      (await harness.call('GET', '/v1/rights-requests?status=open', { token: a.sk })).body.data,
    ).toHaveLength(1)

    const busy = uniqueEmail()
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await start(a, busy)).status)
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429])
    expect(mailTo(busy)).toHaveLength(5)
  })
})
