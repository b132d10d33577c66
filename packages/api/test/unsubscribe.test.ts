// Unsubscribing from a clinic's optional email (RFC 8058, RFC 2369): a reminder carries the unsubscribe link in
// its text and HTML and the List-Unsubscribe and List-Unsubscribe-Post headers (read back with mailparser
// from what came over SMTP); the confirmation does not. Opening the link changes nothing; the one-click POST
// withdraws consent to email as STOP does on SMS, once, audited, with the token kept out of the log; the next
// reminder is suppressed and the cancellation still goes. Forged, altered, malformed and other clinics'
// tokens, and bodies that are not the one-click form, are refused in the one error shape and change nothing.
import { describe, expect, it } from 'vitest'
import { mintUnsubscribeToken } from '../src/messages/unsubscribe-token.js'
import { createTestClinic, patient, type TestClinic, useHarness } from './harness.js'
import { messageDispatcher, messagesOf, readMail, testQueue, useInbox } from './messages-support.js'

const harness = useHarness()
const mail = useInbox()
const queue = testQueue()

const uniqueEmail = () => `patient-${crypto.randomUUID().slice(0, 8)}@example.org`
const oneClick = (body = 'List-Unsubscribe=One-Click', type = 'application/x-www-form-urlencoded') =>
  new Blob([body], { type })

async function bookByEmail(clinic: TestClinic, email: string, startsAt = '2027-03-04T09:00:00Z') {
  const response = await harness.call('POST', '/v1/bookings', {
    token: clinic.sk,
    body: {
      serviceId: clinic.serviceId,
      practitionerId: clinic.practitionerIds[0],
      startsAt,
      patient: { ...patient, email, phone: undefined },
    },
  })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  const booking = await harness.call('GET', `/v1/bookings/${response.body.booking.id}`, { token: clinic.sk })
  return { bookingId: response.body.booking.id as string, patientId: booking.body.patient.id as string }
}

async function channelState(clinic: TestClinic, patientId: string) {
  const state = await harness.call('GET', `/v1/consent/state?patientId=${patientId}`, { token: clinic.sk })
  expect(state.status).toBe(200)
  return Object.fromEntries(
    (state.body.purposes as { purpose: string; state: string }[]).map((entry) => [
      entry.purpose,
      entry.state,
    ]),
  )
}

const ledgerLength = async (clinic: TestClinic, patientId: string) =>
  (await harness.call('GET', `/v1/consent/records?patientId=${patientId}`, { token: clinic.sk })).body.data
    .length

async function settle(clinic: TestClinic, bookingId: string) {
  await expect
    .poll(
      async () => (await messagesOf(harness, clinic, bookingId)).filter((m) => m.status === 'queued').length,
      { timeout: 15_000, interval: 100 },
    )
    .toBe(0)
}

describe('unsubscribe from optional email', () => {
  it('puts the link and both headers in a reminder, withdraws on the one-click POST, and stops the next reminder only', async () => {
    const clinic = await createTestClinic(harness)
    const email = uniqueEmail()
    const dispatcher = await messageDispatcher(harness, [clinic], { smtpPort: mail.inbox.smtp.port, queue })
    try {
      const { bookingId, patientId } = await bookByEmail(clinic, email)
      await dispatcher.runNow()
      await settle(clinic, bookingId)
      // The confirmation is owed under the booking: no unsubscribe in it.
      const confirmation = await readMail(mail.mailsTo(email)[0])
      expect(confirmation.mail.headers.has('list-unsubscribe')).toBe(false)
      expect(confirmation.mail.text).not.toContain('/v1/unsubscribe')

      // The day-before reminder is optional: link in both parts, both headers.
      harness.clock.now = Date.parse('2027-03-03T09:00:00Z')
      await dispatcher.runNow()
      await settle(clinic, bookingId)
      await expect.poll(() => mail.mailsTo(email).length, { timeout: 10_000 }).toBe(2)
      const reminder = await readMail(mail.mailsTo(email)[1])
      expect(reminder.mail.subject).toContain('reminder')
      const header = (name: string) =>
        reminder.mail.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n[ \t]+/g, ' ')
      const listUnsubscribe = /^List-Unsubscribe:\s*<([^>]+)>$/i.exec(header('list-unsubscribe') ?? '')
      expect(listUnsubscribe, header('list-unsubscribe')).not.toBeNull()
      const url = new URL(listUnsubscribe![1]!)
      expect(url.origin + url.pathname).toBe('http://localhost/v1/unsubscribe')
      expect(header('list-unsubscribe-post')).toMatch(
        /^List-Unsubscribe-Post:\s*List-Unsubscribe=One-Click$/i,
      )
      expect(reminder.mail.text).toContain(url.href)
      expect(reminder.mail.html).toContain(`href="${url.href}"`)
      expect(reminder.mail.text).toContain('Unsubscribe from reminders')
      // The token names nobody in clear.
      const token = url.searchParams.get('token')!
      expect(token).not.toContain(patientId)
      expect(token).not.toContain(email)
      const path = `${url.pathname}${url.search}`

      // Opening the link (as a mail scanner does) shows the page and changes nothing.
      const page = await harness.call('GET', path)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toContain('text/html')
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(await channelState(clinic, patientId)).toEqual({})

      // The mail program's one-click POST, exactly as RFC 8058 writes it.
      const done = await harness.call('POST', path, { body: oneClick() })
      expect(done.status, JSON.stringify(done.body)).toBe(200)
      expect(done.body).toEqual({ channel: 'email', unsubscribed: true })
      expect(await channelState(clinic, patientId)).toMatchObject({ messages_email: 'refused' })
      const trail = await harness.call('GET', '/v1/audit/events?action=consent.withdraw', {
        token: clinic.sk,
      })
      expect(trail.body.data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: expect.objectContaining({ type: 'patient' }) }),
        ]),
      )
      const records = await harness.call('GET', `/v1/consent/records?patientId=${patientId}`, {
        token: clinic.sk,
      })
      expect(records.body.data.at(-1)).toMatchObject({ method: 'email_unsubscribe', decision: 'refused' })
      // The request log names the route, never the token.
      expect(harness.logs.some((line) => line.includes('/v1/unsubscribe'))).toBe(true)
      expect(harness.logs.some((line) => line.includes(token.slice(-24)))).toBe(false)

      // Posting again (a second click, a retry) adds nothing.
      const before = await ledgerLength(clinic, patientId)
      const again = await harness.call('POST', path, { body: oneClick() })
      expect(again.status).toBe(200)
      expect(await ledgerLength(clinic, patientId)).toBe(before)

      // The two-hours-before reminder is not sent, and says why.
      harness.clock.now = Date.parse('2027-03-04T07:00:00Z')
      await dispatcher.runNow()
      await settle(clinic, bookingId)
      expect(
        (await messagesOf(harness, clinic, bookingId)).filter((m) => m.kind === 'reminder'),
      ).toMatchObject([
        { offsetMinutes: 1440, status: 'sent' },
        { offsetMinutes: 120, status: 'suppressed', reason: 'channel_stopped' },
      ])
      expect(mail.mailsTo(email)).toHaveLength(2)

      // News of the booking itself still comes: the cancellation is sent.
      const cancelled = await harness.call('POST', `/v1/bookings/${bookingId}/cancel`, {
        token: clinic.sk,
        body: {},
      })
      expect(cancelled.status).toBe(200)
      await dispatcher.runNow()
      await settle(clinic, bookingId)
      await expect.poll(() => mail.mailsTo(email).length, { timeout: 10_000 }).toBe(3)
      const cancellation = await readMail(mail.mailsTo(email)[2])
      expect(cancellation.mail.subject).toContain('is cancelled')
      expect(cancellation.mail.headers.has('list-unsubscribe')).toBe(false)
    } finally {
      await dispatcher.stop()
      harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    }
  }, 60_000)

  it('refuses forged, altered, malformed and other clinics’ tokens in the one shape, changing nothing', async () => {
    const a = await createTestClinic(harness)
    const b = await createTestClinic(harness)
    const ofA = await bookByEmail(a, uniqueEmail())
    const ofB = await bookByEmail(b, uniqueEmail())
    const cipher = harness.deps.cipher!
    const tokenA = await mintUnsubscribeToken(cipher, a.clinicId, ofA.patientId, 'email')
    const tokenB = await mintUnsubscribeToken(cipher, b.clinicId, ofB.patientId, 'email')
    const sealedA = tokenA.split('.')[1]!
    const sealedB = tokenB.split('.')[1]!
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1)
    const post = (token: string | null, body = oneClick()) =>
      harness.call(
        'POST',
        token === null ? '/v1/unsubscribe' : `/v1/unsubscribe?${new URLSearchParams({ token })}`,
        {
          body,
        },
      )

    const notFound = [
      // Altered anywhere in the sealed part: the authentication fails.
      `ut_${a.clinicId}.${flip(sealedA, 5)}`,
      `ut_${a.clinicId}.${flip(sealedA, sealedA.length - 3)}`,
      // Made up without the key.
      `ut_${a.clinicId}.${Buffer.from(crypto.getRandomValues(new Uint8Array(60))).toString('base64url')}`,
      // Another clinic's token, put under this clinic's id, and this clinic's under the other's.
      `ut_${a.clinicId}.${sealedB}`,
      `ut_${b.clinicId}.${sealedA}`,
      // A clinic that does not exist.
      `ut_cln_${'x'.repeat(22)}.${sealedA}`,
    ]
    for (const token of notFound) {
      const answer = await post(token)
      expect(answer.status, token).toBe(404)
      expect(answer.body.error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) })
      expect(JSON.stringify(answer.body)).not.toContain(ofA.patientId)
    }
    for (const token of [null, 'nonsense', `ut_${a.clinicId}`, `${tokenA}!`]) {
      const answer = await post(token)
      expect(answer.status, String(token)).toBe(422)
      expect(answer.body.error.code).toBe('VALIDATION_FAILED')
      expect(answer.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['token'])
    }
    // Not the one-click form: another value, another field, nothing; and not a form at all.
    for (const body of ['List-Unsubscribe=Two-Click', 'unsubscribe=yes', '']) {
      const answer = await post(tokenA, oneClick(body))
      expect(answer.status, body).toBe(422)
      expect(answer.body.error.code).toBe('VALIDATION_FAILED')
    }
    for (const type of ['application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
      const answer = await post(tokenA, oneClick('List-Unsubscribe=One-Click', type))
      expect(answer.status, type).toBe(415)
      expect(answer.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    }
    const json = await harness.call('POST', `/v1/unsubscribe?${new URLSearchParams({ token: tokenA })}`, {
      body: { 'List-Unsubscribe': 'One-Click' },
    })
    expect(json.status).toBe(415)
    expect(await channelState(a, ofA.patientId)).toEqual({})

    // Clinic B's own token works for B's patient and leaves clinic A alone.
    expect((await post(tokenB)).status).toBe(200)
    expect(await channelState(b, ofB.patientId)).toMatchObject({ messages_email: 'refused' })
    expect(await channelState(a, ofA.patientId)).toEqual({})
    // A's own token still works, for A's patient only.
    expect((await post(tokenA)).status).toBe(200)
    expect(await channelState(a, ofA.patientId)).toMatchObject({ messages_email: 'refused' })
  })

  it('serves the page and its script under the patient pages’ policy, and GET never changes anything', async () => {
    const clinic = await createTestClinic(harness)
    const { patientId } = await bookByEmail(clinic, uniqueEmail())
    const token = await mintUnsubscribeToken(harness.deps.cipher!, clinic.clinicId, patientId, 'email')
    for (const path of [
      `/v1/unsubscribe?${new URLSearchParams({ token })}`,
      '/v1/unsubscribe?token=forged',
    ]) {
      const page = await harness.call('GET', path)
      expect(page.status).toBe(200)
      expect(page.body).toContain('<script type="module" src="unsubscribe.js">')
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
      expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    }
    const script = await harness.call('GET', '/v1/unsubscribe.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toContain('text/javascript')
    expect(script.body).toContain('List-Unsubscribe=One-Click')
    expect(await channelState(clinic, patientId)).toEqual({})
  })
})
