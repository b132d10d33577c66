// What the message tests share: a real SMTP catch-all (the dev inbox) for email, read back with parsers the
// project did not write (mailparser, ical.js), Twilio faked with msw (it cannot be reached from here), and
// message dispatchers on the test's database with its clock.
import { type DevInbox, type InboxMessage, startDevInbox } from '@frontdesk/dev-inbox'
import ICAL from 'ical.js'
import { type ParsedMail, simpleParser } from 'mailparser'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import type PgBoss from 'pg-boss'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { openJobQueue } from '../src/jobs/queue.js'
import { startMessageDispatch } from '../src/messages/dispatch.js'
import { smtpEmail, twilioText } from '../src/messages/transports.js'
import { twilioSignature } from '../src/messages/twilio-signature.js'
import { type Harness, TEST_TWILIO, type TestClinic } from './harness.js'

export const TWILIO_API = 'https://api.twilio.com'
export const CLINIC_SMS_NUMBER = '+4930555000'

export interface TwilioCall {
  to: string
  from: string
  body: string
  statusCallback: string | null
  sid: string
}

/** Twilio as the tests need it: every call recorded; `failNext` answers the next calls with errors. */
export function useTwilio() {
  const calls: TwilioCall[] = []
  const failures: { status: number; code: number }[] = []
  const server = setupServer(
    http.post(`${TWILIO_API}/2010-04-01/Accounts/:sid/Messages.json`, async ({ request, params }) => {
      const expected = `Basic ${Buffer.from(`${TEST_TWILIO.accountSid}:${TEST_TWILIO.authToken}`).toString('base64')}`
      if (params.sid !== TEST_TWILIO.accountSid || request.headers.get('Authorization') !== expected) {
        return HttpResponse.json({ code: 20003, message: 'Authenticate', status: 401 }, { status: 401 })
      }
      const failure = failures.shift()
      if (failure) {
        return HttpResponse.json(
          { code: failure.code, message: 'failed', status: failure.status },
          { status: failure.status },
        )
      }
      const form = new URLSearchParams(await request.text())
      const sid = `SM${crypto.randomUUID().replaceAll('-', '')}`
      calls.push({
        to: form.get('To') ?? '',
        from: form.get('From') ?? '',
        body: form.get('Body') ?? '',
        statusCallback: form.get('StatusCallback'),
        sid,
      })
      return HttpResponse.json({ sid, status: 'queued' }, { status: 201 })
    }),
  )
  beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }))
  beforeEach(() => {
    failures.length = 0
  })
  afterAll(() => server.close())
  return {
    calls,
    failNext(...answers: { status: number; code: number }[]) {
      failures.push(...answers)
    },
  }
}

/** The dev inbox's SMTP server: email really goes over SMTP and is parsed back. */
export function useInbox() {
  const holder = {} as { inbox: DevInbox }
  beforeAll(async () => {
    holder.inbox = await startDevInbox({ twilio: TEST_TWILIO, sign: twilioSignature })
  })
  afterAll(async () => {
    await holder.inbox?.close()
  })
  return {
    get inbox() {
      return holder.inbox
    },
    /** The mails one address received, oldest first. */
    mailsTo(address: string) {
      return holder.inbox
        .messages()
        .filter((message) => message.channel === 'email' && message.to.includes(address))
        .reverse()
    },
  }
}

export interface ReadContact {
  address: string
  cn: unknown
  partstat: unknown
  role: unknown
  rsvp: unknown
}

export interface ReadCalendar {
  partMethod: string | undefined
  method: string
  uid: string
  sequence: number
  start: string
  status: string
  stamped: boolean
  organizers: ReadContact[]
  attendees: ReadContact[]
}

/**
 * A mail as a mail program reads it: its source as it came over SMTP, parsed with mailparser, and each
 * calendar part in it (an invitation or a `.ics` file alike) parsed with ical.js.
 */
export async function readMail(
  message: InboxMessage | undefined,
): Promise<{ mail: ParsedMail; calendars: ReadCalendar[] }> {
  if (!message?.sourceUrl) throw new Error('no such mail')
  const mail = await simpleParser(await (await fetch(message.sourceUrl)).text())
  const calendarParts = mail.attachments.filter((part) =>
    /^(text\/calendar|application\/ics)$/i.test(part.contentType),
  )
  const calendars = calendarParts.map((part): ReadCalendar => {
    const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')))
    const vevent = calendar.getFirstSubcomponent('vevent')
    if (!vevent) throw new Error('a calendar without an event')
    const contact = (name: string) =>
      vevent.getAllProperties(name).map((property) => ({
        address: String(property.getFirstValue()).replace(/^mailto:/i, ''),
        cn: property.getParameter('cn'),
        partstat: property.getParameter('partstat'),
        role: property.getParameter('role'),
        rsvp: property.getParameter('rsvp'),
      }))
    const event = new ICAL.Event(vevent)
    return {
      /** The part's own Content-Type parameters: method= must match the calendar's METHOD. */
      partMethod: (part.headers.get('content-type') as { params?: Record<string, string> })?.params?.method,
      method: String(calendar.getFirstPropertyValue('method')),
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(),
      status: String(vevent.getFirstPropertyValue('status')),
      stamped: vevent.getFirstPropertyValue('dtstamp') !== null,
      organizers: contact('organizer'),
      attendees: contact('attendee'),
    }
  })
  return { mail, calendars }
}

export interface Dispatcher {
  runNow(): Promise<number>
  stop(): Promise<void>
}

/** A message dispatcher as `frontdesk serve` runs one, on the harness's database and clock, for one clinic. */
export async function messageDispatcher(
  harness: Harness,
  clinics: TestClinic[],
  options: { smtpPort: number; queue: string },
): Promise<Dispatcher> {
  const boss = await openJobQueue(harness.deps.system, harness.deps.logger)
  const email = smtpEmail(`smtp://127.0.0.1:${options.smtpPort}`)
  const dispatch = await startMessageDispatch({
    db: harness.deps.db,
    system: harness.deps.system,
    boss,
    cipher: harness.deps.cipher!,
    transports: {
      email: email.send,
      text: twilioText({
        ...TEST_TWILIO,
        baseUrl: TWILIO_API,
        statusCallback: 'http://localhost/v1/inbound/twilio/status',
      }),
      close: email.close,
    },
    logger: harness.deps.logger,
    now: () => harness.clock.now,
    publicUrl: 'http://localhost',
    mailFrom: 'no-reply@frontdesk.test',
    // The tests say when to plan and relay, after moving the clock.
    everyMs: 3_600_000,
    pollSeconds: 0.5,
    retryDelaySeconds: 1,
    retryLimit: 3,
    queue: options.queue,
    clinicIds: clinics.map((clinic) => clinic.clinicId),
  })
  return {
    runNow: dispatch.runNow,
    async stop() {
      await dispatch.stop()
      await (boss as PgBoss).stop({ graceful: false, wait: true } as PgBoss.StopOptions)
      await email.close()
    },
  }
}

/** A queue name per file: files share one database on PostgreSQL. */
export const testQueue = () => `patient-messages-test-${Math.random().toString(36).slice(2, 10)}`

/** The statuses of a booking's messages as the clinic sees them, in due order. */
export async function messagesOf(harness: Harness, clinic: TestClinic, bookingId: string) {
  const response = await harness.call('GET', `/v1/bookings/${bookingId}/messages`, { token: clinic.sk })
  if (response.status !== 200) throw new Error(`messages: ${response.status}`)
  return response.body.data as {
    kind: string
    channel: string
    status: string
    reason: string | null
    offsetMinutes: number | null
    sendAt: string
    attempts: number
  }[]
}

/** A Twilio webhook as Twilio would post it: form-encoded and signed for its URL. */
export function twilioPost(path: string, params: Record<string, string>, authToken = TEST_TWILIO.authToken) {
  const url = `http://localhost${path}`
  return {
    body: new Blob([new URLSearchParams(params).toString()], { type: 'application/x-www-form-urlencoded' }),
    headers: { 'X-Twilio-Signature': twilioSignature(authToken, url, params) },
  }
}

export const inboundSid = () => `SM${crypto.randomUUID().replaceAll('-', '')}`
