// Where patient messages leave the API: email over SMTP with nodemailer (the maintained standard for
// SMTP in Node: pooling, TLS, DKIM, RFC 2047 headers, calendar parts), SMS and WhatsApp through
// Twilio's Messages API over fetch. A failure says whether trying again could help.
import type { Transporter } from 'nodemailer'
import type { CalendarFile } from './facts.js'

export interface OutgoingEmail {
  to: string
  /** The clinic's name on the platform's sending address. */
  from: { name: string; address: string }
  replyTo: string | null
  subject: string
  text: string
  html: string
  calendar?: CalendarFile | undefined
  /** An optional mail's unsubscribe address: List-Unsubscribe and List-Unsubscribe-Post (RFC 2369, RFC 8058). */
  unsubscribeUrl?: string | undefined
}

export interface OutgoingText {
  channel: 'sms' | 'whatsapp'
  to: string
  from: string
  body: string
}

export interface TransportSet {
  /** Null when no SMTP server is configured: email is not sent. */
  email: ((mail: OutgoingEmail) => Promise<string>) | null
  /** Null when no provider account is configured: SMS and WhatsApp are not sent. */
  text: ((message: OutgoingText) => Promise<string>) | null
  close(): Promise<void>
}

/** A send that failed; `permanent` ones (a refused number, an unsubscribed recipient) are not retried. */
export class SendError extends Error {
  override name = 'SendError'
  constructor(
    readonly code: string,
    readonly permanent: boolean,
  ) {
    super(code)
  }
}

export function smtpEmail(url: string) {
  // Loaded with the first mail: nodemailer is a large part of what `serve` would otherwise load before it answers.
  let transport: Promise<Transporter> | undefined
  const open = () => {
    transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(url))
    return transport
  }
  return {
    async send(mail: OutgoingEmail): Promise<string> {
      try {
        const info = await (await open()).sendMail({
          to: mail.to,
          from: mail.from,
          ...(mail.replyTo && { replyTo: mail.replyTo }),
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          // Every mail Frontdesk sends is written by a machine, not a person (RFC 3834): auto-responders and
          // out-of-office replies leave it alone.
          headers: {
            'Auto-Submitted': 'auto-generated',
            // One click in the mail program unsubscribes with a POST of List-Unsubscribe=One-Click to the
            // address below (RFC 8058), which DKIM signs with the rest of the headers where DKIM is set up.
            ...(mail.unsubscribeUrl && { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
          },
          // Nodemailer writes List-Unsubscribe as RFC 2369 has it: the address in angle brackets.
          ...(mail.unsubscribeUrl && { list: { unsubscribe: mail.unsubscribeUrl } }),
          ...(mail.calendar && {
            // One calendar part, as a third alternative beside the text and the HTML: the form Outlook, Apple
            // Mail and Gmail offer as an invitation. Nodemailer's icalEvent would add it a second time as an
            // attachment, and a calendar that meets the same event twice may show it twice.
            alternatives: [{ contentType: mail.calendar.contentType, content: mail.calendar.content }],
          }),
        })
        return info.messageId
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode
        // 5xx from the server is a refusal of this mail; anything else (connection, 4xx) may pass later.
        throw new SendError(code ? `smtp_${code}` : 'smtp_unreachable', code !== undefined && code >= 500)
      }
    },
    close: async () => (await transport)?.close(),
  }
}

export interface TwilioAccount {
  accountSid: string
  authToken: string
  /** https://api.twilio.com, or a local stand-in (the demo's dev inbox). */
  baseUrl: string
  /** Where Twilio reports delivery (our /v1/inbound/twilio/status), or none. */
  statusCallback?: string | undefined
}

/** Twilio error codes that will not change on a retry: invalid, unreachable or unsubscribed numbers. */
const PERMANENT_TWILIO = new Set([21211, 21408, 21610, 21612, 21614, 63003, 63016])

export function twilioText(account: TwilioAccount) {
  const url = `${account.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${account.accountSid}/Messages.json`
  const authorization = `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`
  return async (message: OutgoingText): Promise<string> => {
    const prefix = message.channel === 'whatsapp' ? 'whatsapp:' : ''
    const form = new URLSearchParams({
      To: prefix + message.to,
      From: prefix + message.from,
      Body: message.body,
      ...(account.statusCallback && { StatusCallback: account.statusCallback }),
    })
    let response: Response
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form,
        signal: AbortSignal.timeout(15_000),
      })
    } catch {
      throw new SendError('twilio_unreachable', false)
    }
    const body = (await response.json().catch(() => ({}))) as { sid?: string; code?: number }
    if (response.ok && body.sid) return body.sid
    const code = body.code ?? response.status
    // A refused request (400, 404) will be refused again; a rejected login (401) or a limit (429) may pass later.
    const permanent = PERMANENT_TWILIO.has(code) || response.status === 400 || response.status === 404
    throw new SendError(`twilio_${code}`, permanent)
  }
}
