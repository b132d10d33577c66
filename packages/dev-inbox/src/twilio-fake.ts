// A stand-in for Twilio's Messages API (create only): checks the account like Twilio, answers in Twilio's shape,
// files the SMS/WhatsApp in the inbox and, when asked, calls the StatusCallback back signed as Twilio would.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { MessageStore } from './store.js'
import type { DevInboxOptions } from './types.js'

export const TWILIO_API_VERSION = '2010-04-01'
export const TWILIO_MESSAGES_PATH = /^\/twilio\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/
// E.164: a plus and 8 to 15 digits; WhatsApp numbers carry Twilio's channel prefix.
const RECIPIENT = /^(?:whatsapp:)?\+\d{8,15}$/
const STATUS_CALLBACK_DELAY_MS = 50

export interface TwilioAnswer {
  status: number
  body: Record<string, unknown>
  headers?: Record<string, string>
}

export function twilioMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`
}

export function twilioError(status: number, code: number, message: string): TwilioAnswer {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } }
}

export function createTwilioFake(options: Pick<DevInboxOptions, 'twilio' | 'sign'>, store: MessageStore) {
  const { accountSid, authToken } = options.twilio
  const pendingCallbacks = new Set<NodeJS.Timeout>()

  function isAuthorized(authorization: string | undefined, pathSid: string): boolean {
    if (pathSid !== accountSid || !authorization?.startsWith('Basic ')) return false
    const given = Buffer.from(authorization.slice('Basic '.length), 'base64')
    const expected = Buffer.from(`${accountSid}:${authToken}`)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  function scheduleStatusCallback(url: string, params: Record<string, string>): void {
    const timer = setTimeout(() => {
      pendingCallbacks.delete(timer)
      // Twilio does not retry a failed status callback, and neither does the inbox.
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': options.sign(authToken, url, params),
        },
        body: new URLSearchParams(params),
        signal: AbortSignal.timeout(10_000),
      })
        .then((response) => response.body?.cancel())
        .catch(() => {})
    }, STATUS_CALLBACK_DELAY_MS)
    pendingCallbacks.add(timer)
  }

  return {
    /** POST /twilio/2010-04-01/Accounts/{AccountSid}/Messages.json */
    createMessage(pathSid: string, authorization: string | undefined, form: URLSearchParams): TwilioAnswer {
      if (!isAuthorized(authorization, pathSid)) {
        return {
          ...twilioError(401, 20003, 'Authenticate'),
          headers: { 'www-authenticate': 'Basic realm="Twilio API"' },
        }
      }
      const to = form.get('To') ?? ''
      const from = form.get('From') ?? ''
      const body = form.get('Body') ?? ''
      if (!to) return twilioError(400, 21604, "A 'To' phone number is required.")
      if (!RECIPIENT.test(to))
        return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`)
      if (!from) return twilioError(400, 21603, "A 'From' phone number is required.")
      if (!body) return twilioError(400, 21602, 'Message body is required.')

      const sid = twilioMessageSid()
      const now = new Date()
      store.add({
        id: randomUUID(),
        channel: to.startsWith('whatsapp:') ? 'whatsapp' : 'sms',
        from,
        to,
        subject: null,
        text: body,
        html: null,
        attachments: [],
        receivedAt: now.toISOString(),
        providerId: sid,
        replies: [],
      })
      const statusCallback = form.get('StatusCallback')
      if (statusCallback) {
        scheduleStatusCallback(statusCallback, {
          MessageSid: sid,
          MessageStatus: 'delivered',
          AccountSid: accountSid,
          From: from,
          To: to,
          ApiVersion: TWILIO_API_VERSION,
        })
      }
      const date = now.toUTCString().replace('GMT', '+0000')
      const uri = `/${TWILIO_API_VERSION}/Accounts/${accountSid}/Messages/${sid}`
      return {
        status: 201,
        body: {
          sid,
          account_sid: accountSid,
          api_version: TWILIO_API_VERSION,
          to,
          from,
          body,
          status: 'queued',
          date_created: date,
          date_updated: date,
          date_sent: null,
          num_segments: '1',
          num_media: '0',
          direction: 'outbound-api',
          messaging_service_sid: null,
          price: null,
          price_unit: 'USD',
          error_code: null,
          error_message: null,
          uri: `${uri}.json`,
          subresource_uris: { media: `${uri}/Media.json` },
        },
      }
    },

    close(): void {
      for (const timer of pendingCallbacks) clearTimeout(timer)
      pendingCallbacks.clear()
    },
  }
}

export type TwilioFake = ReturnType<typeof createTwilioFake>
