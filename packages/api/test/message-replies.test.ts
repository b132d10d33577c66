// STOP and START over Twilio's signed inbound webhook: a reply changes the patient's consent for that
// channel (and withdraws marketing on it), and so what is sent; delivery reports move a message to
// delivered. Unsigned, badly signed, foreign-account and malformed posts are refused and change
// nothing, a number that is nobody's gives nothing away, and the route is rate limited per client.
import { describe, expect, it } from 'vitest'
import { createTestClinic, patient, TEST_TWILIO, type TestClinic, useHarness } from './harness.js'
import {
  inboundSid,
  messageDispatcher,
  messagesOf,
  testQueue,
  twilioPost,
  useInbox,
  useTwilio,
} from './messages-support.js'
import { consentBody } from './security/fixtures.js'

const harness = useHarness({ rateLimits: { providerInbound: { points: 3, duration: 60 } } })
const mail = useInbox()
const twilio = useTwilio()
const queue = testQueue()

const clinicNumber = () => `+4930${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
const patientNumber = () => `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`

async function smsClinic() {
  const clinic = await createTestClinic(harness)
  const number = clinicNumber()
  const whatsapp = clinicNumber()
  const settings = await harness.call('PATCH', '/v1/clinic/messaging', {
    token: clinic.sk,
    body: {
      channels: ['sms', 'whatsapp'],
      smsFrom: number,
      whatsappFrom: whatsapp,
      reminderOffsetsMinutes: [1440],
    },
  })
  expect(settings.status).toBe(200)
  return { ...clinic, number, whatsapp }
}

async function bookBySms(clinic: TestClinic, phone: string, startsAt = '2027-03-04T09:00:00Z') {
  const response = await harness.call('POST', '/v1/bookings', {
    token: clinic.sk,
    body: {
      serviceId: clinic.serviceId,
      startsAt,
      patient: { ...patient, email: undefined, phone },
      messages: { channels: ['sms'] },
    },
  })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body as { booking: { id: string }; manageToken: string }
}

const reply = (
  from: string,
  to: string,
  body: string,
  options: { token?: string; accountSid?: string } = {},
) => {
  const signed = twilioPost(
    '/v1/inbound/twilio',
    {
      MessageSid: inboundSid(),
      AccountSid: options.accountSid ?? TEST_TWILIO.accountSid,
      From: from,
      To: to,
      Body: body,
    },
    options.token,
  )
  return harness.call('POST', '/v1/inbound/twilio', { body: signed.body, headers: signed.headers })
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

async function patientOf(clinic: TestClinic, bookingId: string): Promise<string> {
  const booking = await harness.call('GET', `/v1/bookings/${bookingId}`, { token: clinic.sk })
  return booking.body.patient.id
}

describe('STOP and START replies', () => {
  it('stops SMS reminders on STOP, withdraws SMS marketing, and resumes appointment messages on START', async () => {
    const clinic = await smsClinic()
    const phone = patientNumber()
    const dispatcher = await messageDispatcher(harness, [clinic], { smtpPort: mail.inbox.smtp.port, queue })
    try {
      const { booking } = await bookBySms(clinic, phone)
      const patientId = await patientOf(clinic, booking.id)
      // The patient also agreed to news by SMS.
      const marketing = await harness.call('POST', '/v1/consent/documents', {
        token: clinic.sk,
        body: {
          name: 'News by SMS',
          purpose: 'marketing_sms',
          legalBasis: 'consent',
          method: 'checkbox',
          texts: [{ language: 'en', title: 'News by SMS', body: 'Offers now and then.' }],
        },
      })
      expect(marketing.status).toBe(201)
      const given = await harness.call('POST', '/v1/consent/records', {
        token: clinic.sk,
        body: { ...consentBody(marketing.body), patientId },
      })
      expect(given.status, JSON.stringify(given.body)).toBe(201)

      await dispatcher.runNow()
      await expect
        .poll(() => twilio.calls.filter((call) => call.to === phone).length, { timeout: 10_000 })
        .toBe(1)
      const confirmation = twilio.calls.find((call) => call.to === phone)!
      expect(confirmation.from).toBe(clinic.number)
      expect(confirmation.body).toContain('STOP')

      await expect
        .poll(async () => (await messagesOf(harness, clinic, booking.id))[0]?.status, { timeout: 10_000 })
        .toBe('sent')
      // Twilio reports it delivered.
      const report = twilioPost('/v1/inbound/twilio/status', {
        MessageSid: confirmation.sid,
        AccountSid: TEST_TWILIO.accountSid,
        MessageStatus: 'delivered',
      })
      expect((await harness.call('POST', '/v1/inbound/twilio/status', report)).status).toBe(204)
      expect((await messagesOf(harness, clinic, booking.id))[0]).toMatchObject({
        kind: 'confirmation',
        status: 'delivered',
      })

      const stop = await reply(phone, clinic.number, ' Stop ')
      expect(stop.status).toBe(200)
      expect(stop.headers.get('content-type')).toContain('text/xml')
      expect(await channelState(clinic, patientId)).toMatchObject({
        messages_sms: 'refused',
        marketing_sms: 'withdrawn',
      })
      // A second STOP (Twilio retries, patients repeat themselves) adds nothing.
      const ledger = async () =>
        (await harness.call('GET', `/v1/consent/records?patientId=${patientId}`, { token: clinic.sk })).body
          .data.length
      const before = await ledger()
      expect((await reply(phone, clinic.number, 'STOP')).status).toBe(200)
      expect(await ledger()).toBe(before)

      // The day-before reminder is not sent on a stopped channel.
      harness.clock.now = Date.parse('2027-03-03T09:00:00Z')
      await dispatcher.runNow()
      await expect
        .poll(async () => (await messagesOf(harness, clinic, booking.id))[1], { timeout: 10_000 })
        .toMatchObject({ kind: 'reminder', status: 'suppressed', reason: 'channel_stopped' })
      expect(twilio.calls.filter((call) => call.to === phone)).toHaveLength(1)

      // START: appointment messages again; marketing needs its own yes.
      harness.clock.now = Date.parse('2027-03-03T09:30:00Z')
      expect((await reply(phone, clinic.number, 'start')).status).toBe(200)
      expect(await channelState(clinic, patientId)).toMatchObject({
        messages_sms: 'given',
        marketing_sms: 'withdrawn',
      })
      const moved = await harness.call('POST', `/v1/bookings/${booking.id}/reschedule`, {
        token: clinic.sk,
        body: { startsAt: '2027-03-05T09:00:00Z' },
      })
      expect(moved.status).toBe(200)
      await dispatcher.runNow()
      await expect
        .poll(() => twilio.calls.filter((call) => call.to === phone).length, { timeout: 10_000 })
        .toBe(2)
      expect(twilio.calls.filter((call) => call.to === phone)[1]?.body).toContain('moved')

      // The replies are in the audit trail as the patient's own acts.
      const trail = await harness.call('GET', '/v1/audit/events?action=consent.withdraw', {
        token: clinic.sk,
      })
      expect(
        trail.body.data.some((event: { actor: { type: string } }) => event.actor.type === 'patient'),
      ).toBe(true)
    } finally {
      await dispatcher.stop()
      harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    }
  }, 60_000)

  it('keeps channels apart: STOP on WhatsApp leaves SMS on', async () => {
    const clinic = await smsClinic()
    const phone = patientNumber()
    const { booking } = await bookBySms(clinic, phone)
    const patientId = await patientOf(clinic, booking.id)
    expect((await reply(`whatsapp:${phone}`, `whatsapp:${clinic.whatsapp}`, 'STOP')).status).toBe(200)
    const state = await channelState(clinic, patientId)
    expect(state.messages_whatsapp).toBe('refused')
    expect(state.messages_sms).toBeUndefined()
  })

  it('refuses unsigned, badly signed, foreign-account and malformed posts, changing nothing', async () => {
    const clinic = await smsClinic()
    const phone = patientNumber()
    const { booking } = await bookBySms(clinic, phone)
    const patientId = await patientOf(clinic, booking.id)
    const params = {
      MessageSid: inboundSid(),
      AccountSid: TEST_TWILIO.accountSid,
      From: phone,
      To: clinic.number,
      Body: 'STOP',
    }
    const form = () =>
      new Blob([new URLSearchParams(params).toString()], { type: 'application/x-www-form-urlencoded' })

    const unsigned = await harness.call('POST', '/v1/inbound/twilio', { body: form() })
    expect(unsigned.status).toBe(403)
    expect(unsigned.body.error.code).toBe('FORBIDDEN')
    expect((await reply(phone, clinic.number, 'STOP', { token: 'someone-elses-token' })).status).toBe(403)
    // Signed for another URL (a replay at a different endpoint).
    const elsewhere = twilioPost('/v1/inbound/twilio/status', params)
    expect((await harness.call('POST', '/v1/inbound/twilio', elsewhere)).status).toBe(403)
    // Correctly signed, but for an account that is not ours.
    expect((await reply(phone, clinic.number, 'STOP', { accountSid: `AC${'2'.repeat(32)}` })).status).toBe(
      403,
    )
    // Signed but malformed: no sender, and a JSON body.
    const noSender = twilioPost('/v1/inbound/twilio', { ...params, From: 'not-a-number' })
    const malformed = await harness.call('POST', '/v1/inbound/twilio', noSender)
    expect(malformed.status).toBe(422)
    expect(malformed.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['From'])
    expect(malformed.body.error.message).not.toContain('not-a-number')
    const json = await harness.call('POST', '/v1/inbound/twilio', { body: params })
    expect(json.status).toBe(415)

    expect(await channelState(clinic, patientId)).toEqual({})
  })

  it("gives nothing away about numbers, and one clinic's number never touches another's patients", async () => {
    const a = await smsClinic()
    const b = await smsClinic()
    const phone = patientNumber()
    const { booking } = await bookBySms(a, phone)
    const patientId = await patientOf(a, booking.id)
    const stranger = await reply(patientNumber(), a.number, 'STOP')
    const nobodysNumber = await reply(phone, clinicNumber(), 'STOP')
    const otherClinic = await reply(phone, b.number, 'STOP')
    for (const answer of [stranger, nobodysNumber, otherClinic]) {
      expect(answer.status).toBe(200)
      expect(answer.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>')
    }
    expect(await channelState(a, patientId)).toEqual({})
  })

  it('limits posts per client address before reading them', async () => {
    const peer = '203.0.113.77'
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const response = await harness.call('POST', '/v1/inbound/twilio', {
        peer,
        body: new Blob(['Body=STOP'], { type: 'application/x-www-form-urlencoded' }),
      })
      statuses.push(response.status)
    }
    expect(statuses).toEqual([403, 403, 403, 429, 429])
  })
})
