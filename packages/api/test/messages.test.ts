// Patient messages end to end on the real stack: bookings made, moved and cancelled through the API
// yield exactly the messages expected at the instants expected (the clock is the test's), sent over
// real SMTP marked automatic, with one calendar invitation (read back with mailparser and ical.js), the
// zone's abbreviation and the manage link; planned reminders survive a restart and are sent once with two
// processes working the queue; a provider failure is retried and a refusal is not; a message whose worker
// died holding it is sent by another within seconds.
import type PgBoss from 'pg-boss'
import { describe, expect, it } from 'vitest'
import { openJobQueue } from '../src/jobs/queue.js'
import { relayDueMessages } from '../src/messages/dispatch.js'
import { planMessages } from '../src/messages/planner.js'
import { smtpEmail } from '../src/messages/transports.js'
import { sendToContact } from '../src/rights/request-contact.js'
import { createTestClinic, patient, type TestClinic, useHarness } from './harness.js'
import {
  messageDispatcher,
  messagesOf,
  readMail,
  testQueue,
  useInbox,
  useTwilio,
} from './messages-support.js'

const harness = useHarness()
const mail = useInbox()
const twilio = useTwilio()
const queue = testQueue()

const at = (iso: string) => Date.parse(iso)
const uniqueEmail = () => `patient-${crypto.randomUUID().slice(0, 8)}@example.org`

async function book(clinic: TestClinic, startsAt: string, extra: Record<string, unknown> = {}) {
  const response = await harness.call('POST', '/v1/bookings', {
    token: clinic.sk,
    body: { serviceId: clinic.serviceId, practitionerId: clinic.practitionerIds[0], startsAt, ...extra },
  })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body as { booking: { id: string }; manageToken: string }
}

const dispatcherFor = (clinic: TestClinic) =>
  messageDispatcher(harness, [clinic], { smtpPort: mail.inbox.smtp.port, queue })

async function settle(clinic: TestClinic, bookingId: string) {
  await expect
    .poll(
      async () => (await messagesOf(harness, clinic, bookingId)).filter((m) => m.status === 'queued').length,
      {
        timeout: 15_000,
        interval: 100,
      },
    )
    .toBe(0)
}

describe('patient messages', () => {
  it('confirms, announces a move and a cancellation, and reminds at the clinic’s offsets, in that order', async () => {
    const clinic = await createTestClinic(harness)
    const email = uniqueEmail()
    const dispatcher = await dispatcherFor(clinic)
    try {
      // Thursday 4 March, 10:00 in Berlin; reminders a day and two hours before.
      const { booking, manageToken } = await book(clinic, '2027-03-04T09:00:00Z', {
        patient: { ...patient, email, phone: undefined },
        notes: 'Knee pain since the ski trip',
      })
      await dispatcher.runNow()
      await settle(clinic, booking.id)
      expect(await messagesOf(harness, clinic, booking.id)).toMatchObject([
        { kind: 'confirmation', channel: 'email', status: 'sent', sendAt: '2027-03-02T07:00:00.000Z' },
        { kind: 'reminder', offsetMinutes: 1440, status: 'scheduled', sendAt: '2027-03-03T09:00:00.000Z' },
        { kind: 'reminder', offsetMinutes: 120, status: 'scheduled', sendAt: '2027-03-04T07:00:00.000Z' },
      ])
      const [confirmation] = mail.mailsTo(email)
      expect(confirmation?.subject).toContain('is booked')
      expect(confirmation?.text).toContain('10:00')
      // The reason for the visit stays out unless the clinic turns it on for email.
      expect(confirmation?.text).not.toContain('Knee pain')
      // Berlin in March is on winter time: the subject names it CET, not Intl's "GMT+1".
      expect(confirmation?.subject).toContain('10:00 CET')
      const booked = await readMail(confirmation)
      expect(booked.mail.headers.get('auto-submitted')).toBe('auto-generated')
      // One calendar part, not the same event three times, and an invitation Outlook accepts as one: from
      // the clinic as it signs the mail, to the patient it is sent to.
      expect(booked.calendars).toHaveLength(1)
      const [invitation] = booked.calendars
      const sender = booked.mail.from?.value[0]
      expect(sender?.address).toBe('no-reply@frontdesk.test')
      expect(invitation).toMatchObject({
        partMethod: 'REQUEST',
        method: 'REQUEST',
        uid: `${booking.id}@frontdesk`,
        sequence: 0,
        start: '2027-03-04T09:00:00.000Z',
        status: 'CONFIRMED',
        stamped: true,
        organizers: [{ address: sender?.address, cn: sender?.name }],
        attendees: [
          { address: email, cn: patient.name, role: 'REQ-PARTICIPANT', partstat: 'ACCEPTED', rsvp: 'FALSE' },
        ],
      })
      // The manage link in the mail is the patient's own, and works.
      const link = /http:\/\/localhost\/v1\/bookings\/manage#booking=([^&\s]+)&token=([^\s"<]+)/.exec(
        confirmation!.text,
      )
      expect(link?.[1]).toBe(booking.id)
      expect(decodeURIComponent(link![2]!)).toBe(manageToken)

      // Moved to Friday 13:00: the old reminders are dropped, the patient hears of the new time.
      harness.clock.now = at('2027-03-02T10:00:00Z')
      const moved = await harness.call('POST', `/v1/bookings/${booking.id}/reschedule`, {
        token: manageToken,
        body: { startsAt: '2027-03-05T12:00:00Z' },
      })
      expect(moved.status).toBe(200)
      await dispatcher.runNow()
      await settle(clinic, booking.id)
      expect(await messagesOf(harness, clinic, booking.id)).toMatchObject([
        { kind: 'confirmation', status: 'sent' },
        { kind: 'rescheduled', status: 'sent', sendAt: '2027-03-02T10:00:00.000Z' },
        { kind: 'reminder', offsetMinutes: 1440, status: 'dropped', reason: 'booking_moved' },
        { kind: 'reminder', offsetMinutes: 120, status: 'dropped', reason: 'booking_moved' },
        { kind: 'reminder', offsetMinutes: 1440, status: 'scheduled', sendAt: '2027-03-04T12:00:00.000Z' },
        { kind: 'reminder', offsetMinutes: 120, status: 'scheduled', sendAt: '2027-03-05T10:00:00.000Z' },
      ])

      // Before the first reminder is due nothing goes; at its instant it does.
      harness.clock.now = at('2027-03-04T11:59:00Z')
      await dispatcher.runNow()
      expect(mail.mailsTo(email)).toHaveLength(2)
      harness.clock.now = at('2027-03-04T12:00:00Z')
      await dispatcher.runNow()
      await expect.poll(() => mail.mailsTo(email).length, { timeout: 10_000 }).toBe(3)

      // Cancelled by the clinic: the patient is told, the two-hour reminder never goes.
      harness.clock.now = at('2027-03-04T13:00:00Z')
      expect(
        (await harness.call('POST', `/v1/bookings/${booking.id}/cancel`, { token: clinic.sk, body: {} }))
          .status,
      ).toBe(200)
      await dispatcher.runNow()
      await expect.poll(() => mail.mailsTo(email).length, { timeout: 10_000 }).toBe(4)
      harness.clock.now = at('2027-03-05T11:00:00Z')
      await dispatcher.runNow()
      await settle(clinic, booking.id)

      const mails = mail.mailsTo(email)
      expect(mails.map((m) => m.subject)).toEqual([
        expect.stringContaining('is booked'),
        expect.stringContaining('has moved'),
        expect.stringContaining('reminder'),
        expect.stringContaining('is cancelled'),
      ])
      expect(mails[1]?.text).toContain('13:00')
      expect(mails[2]?.text).toContain('13:00')
      // Every mail is marked automatic and carries the one event: the same UID, SEQUENCE rising with the
      // move and the cancellation (the reminder repeats the moved event as it is).
      const read = await Promise.all(mails.map(readMail))
      for (const { mail: parsed, calendars } of read) {
        expect(parsed.headers.get('auto-submitted')).toBe('auto-generated')
        expect(calendars).toHaveLength(1)
        expect(calendars[0]?.uid).toBe(`${booking.id}@frontdesk`)
        expect(calendars[0]?.organizers).toHaveLength(1)
        expect(calendars[0]?.attendees.map((attendee) => attendee.address)).toEqual([email])
      }
      expect(read.map(({ calendars }) => [calendars[0]?.method, calendars[0]?.sequence])).toEqual([
        ['REQUEST', 0],
        ['REQUEST', 1],
        ['REQUEST', 1],
        ['CANCEL', 2],
      ])
      expect(read[1]?.calendars[0]?.start).toBe('2027-03-05T12:00:00.000Z')
      expect(read[3]?.calendars[0]).toMatchObject({ partMethod: 'CANCEL', status: 'CANCELLED' })
      expect(mails[1]?.subject).toContain('13:00 CET')
      expect((await messagesOf(harness, clinic, booking.id)).at(-1)).toMatchObject({
        kind: 'reminder',
        offsetMinutes: 120,
        status: 'dropped',
        reason: 'booking_cancelled',
      })
      expect(twilio.calls).toHaveLength(0)
    } finally {
      await dispatcher.stop()
      harness.clock.now = at('2027-03-02T07:00:00Z')
    }
  }, 60_000)

  it('names the zone by its abbreviation in German too, on either side of the switch to summer time', async () => {
    const clinic = await createTestClinic(harness)
    const email = uniqueEmail()
    const dispatcher = await dispatcherFor(clinic)
    try {
      // Berlin moves its clocks on Sunday 28 March 2027: 10:00 on the Friday before is CET, on the
      // Monday after CEST.
      const before = await book(clinic, '2027-03-26T09:00:00Z', {
        patient: { ...patient, email, phone: undefined },
        messages: { language: 'de' },
      })
      const after = await book(clinic, '2027-03-29T08:00:00Z', {
        patient: { ...patient, email, phone: undefined },
        messages: { language: 'de' },
      })
      await dispatcher.runNow()
      await settle(clinic, before.booking.id)
      await settle(clinic, after.booking.id)
      await expect.poll(() => mail.mailsTo(email).length, { timeout: 10_000 }).toBe(2)
      // Sent side by side: in either order.
      const mails = await Promise.all(mail.mailsTo(email).map(readMail))
      const winter = mails.find(({ mail: parsed }) => parsed.subject?.includes('26. März'))
      const summer = mails.find(({ mail: parsed }) => parsed.subject?.includes('29. März'))
      expect(winter?.mail.subject).toContain('Ihr Termin am Fr., 26. März, 10:00 CET ist gebucht')
      expect(winter?.mail.text).toContain('Freitag, 26. März 2027 um 10:00 CET')
      expect(summer?.mail.subject).toContain('Ihr Termin am Mo., 29. März, 10:00 CEST ist gebucht')
      expect(summer?.mail.text).toContain('Montag, 29. März 2027 um 10:00 CEST')
      expect(summer?.mail.headers.get('auto-submitted')).toBe('auto-generated')
      expect(summer?.calendars.map((calendar) => calendar.start)).toEqual(['2027-03-29T08:00:00.000Z'])
    } finally {
      await dispatcher.stop()
    }
  }, 60_000)

  it('marks the one-time code of a rights request automatic too, and gives it no calendar', async () => {
    const email = uniqueEmail()
    const smtp = smtpEmail(`smtp://127.0.0.1:${mail.inbox.smtp.port}`)
    try {
      const scope = {
        clinic: { name: 'Test Clinic', messaging: { replyTo: null, smsFrom: null } },
        messaging: {
          transports: { email: smtp.send, text: null, close: async () => {} },
          mailFrom: 'no-reply@frontdesk.test',
        },
      } as unknown as Parameters<typeof sendToContact>[0]
      await sendToContact(
        scope,
        { channel: 'email', contact: email },
        { subject: 'Your code', text: '123456' },
      )
      const [code] = await Promise.all(mail.mailsTo(email).map(readMail))
      expect(code?.mail.headers.get('auto-submitted')).toBe('auto-generated')
      expect(code?.calendars).toEqual([])
    } finally {
      await smtp.close()
    }
  })

  it('keeps a reminder planned for next week across a restart, and sends each message once with two processes', async () => {
    const clinic = await createTestClinic(harness)
    const emails = [uniqueEmail(), uniqueEmail(), uniqueEmail()]
    const first = await dispatcherFor(clinic)
    const second = await dispatcherFor(clinic)
    const bookings: string[] = []
    try {
      for (const [index, email] of emails.entries()) {
        const startsAt = `2027-03-${String(9 + index).padStart(2, '0')}T09:00:00Z`
        bookings.push(
          (await book(clinic, startsAt, { patient: { ...patient, email, phone: undefined } })).booking.id,
        )
      }
      await Promise.all([first.runNow(), second.runNow(), first.runNow()])
      for (const id of bookings) await settle(clinic, id)
      for (const email of emails) expect(mail.mailsTo(email)).toHaveLength(1)
    } finally {
      await Promise.all([first.stop(), second.stop()])
    }
    // Both processes are gone; the reminders wait in the database for whoever starts next.
    harness.clock.now = at('2027-03-09T07:00:00Z')
    const third = await dispatcherFor(clinic)
    const fourth = await dispatcherFor(clinic)
    try {
      await Promise.all([third.runNow(), fourth.runNow()])
      await settle(clinic, bookings[0]!)
      expect(mail.mailsTo(emails[0]!).map((m) => m.subject)).toEqual([
        expect.stringContaining('is booked'),
        expect.stringContaining('reminder'),
        expect.stringContaining('reminder'),
      ])
      // The others' reminders are not due yet.
      expect(mail.mailsTo(emails[1]!)).toHaveLength(1)
      const sent = (await messagesOf(harness, clinic, bookings[0]!)).filter((m) => m.status === 'sent')
      expect(sent.map((m) => m.attempts)).toEqual([1, 1, 1])
    } finally {
      await Promise.all([third.stop(), fourth.stop()])
      harness.clock.now = at('2027-03-02T07:00:00Z')
    }
  }, 60_000)

  it('retries an SMS the provider failed to take, and gives up on a number it refuses', async () => {
    const clinic = await createTestClinic(harness)
    const settings = await harness.call('PATCH', '/v1/clinic/messaging', {
      token: clinic.sk,
      body: { channels: ['email', 'sms'], smsFrom: '+4930555001', reminderOffsetsMinutes: [] },
    })
    expect(settings.status).toBe(200)
    const dispatcher = await dispatcherFor(clinic)
    try {
      twilio.failNext({ status: 503, code: 20500 }, { status: 503, code: 20500 })
      const retried = await book(clinic, '2027-03-04T09:00:00Z', {
        patient: { ...patient, email: undefined, phone: '+49 151 2345 6701' },
        messages: { channels: ['sms'] },
      })
      await dispatcher.runNow()
      await expect
        .poll(async () => (await messagesOf(harness, clinic, retried.booking.id))[0], {
          timeout: 20_000,
          interval: 200,
        })
        .toMatchObject({ kind: 'confirmation', channel: 'sms', status: 'sent', attempts: 3, reason: null })
      const call = twilio.calls.find((c) => c.to === '+4915123456701')
      expect(call?.from).toBe('+4930555001')
      expect(call?.body).toContain('STOP')
      expect(call?.body).toContain(`/v1/bookings/manage#booking=${retried.booking.id}`)

      twilio.failNext({ status: 400, code: 21211 })
      const refused = await book(clinic, '2027-03-04T10:00:00Z', {
        patient: { ...patient, email: undefined, phone: '+49 151 2345 6702' },
        messages: { channels: ['sms'] },
      })
      await dispatcher.runNow()
      await expect
        .poll(async () => (await messagesOf(harness, clinic, refused.booking.id))[0], {
          timeout: 10_000,
          interval: 200,
        })
        .toMatchObject({ status: 'failed', reason: 'twilio_21211', attempts: 1 })
    } finally {
      await dispatcher.stop()
    }
  }, 60_000)

  it('sends a message whose worker died holding it within a few seconds, from another process', async () => {
    const clinic = await createTestClinic(harness)
    const email = uniqueEmail()
    // A first process creates the queue and stops.
    await (await dispatcherFor(clinic)).stop()
    await book(clinic, '2027-03-04T11:00:00Z', { patient: { ...patient, email, phone: undefined } })
    // A worker plans and queues the confirmation and claims it, then dies: it never finishes nor lets go.
    const { system, logger } = harness.deps
    const dead = await openJobQueue(system, logger)
    try {
      expect(await planMessages(system, harness.clock.now, { clinicIds: [clinic.clinicId] })).toBe(1)
      expect(await relayDueMessages(system, dead, queue, harness.clock.now, [clinic.clinicId])).toBe(1)
      expect(await dead.fetch(queue)).toHaveLength(1)
    } finally {
      await (dead as PgBoss).stop({ graceful: false, wait: true } as PgBoss.StopOptions)
    }
    const next = await dispatcherFor(clinic)
    try {
      // Issue 20's "within seconds, not minutes", generously for a loaded machine.
      await expect.poll(() => mail.mailsTo(email).length, { timeout: 15_000, interval: 100 }).toBe(1)
    } finally {
      await next.stop()
    }
  }, 60_000)
})
