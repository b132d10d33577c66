// The dev inbox's public shapes: how it is started, what one caught message looks like, what it hands back.

export interface DevInboxOptions {
  /** 0 = pick a free one; default 0 */
  smtpPort?: number
  /** 0 = pick a free one; default 0 */
  httpPort?: number
  /** The fake Twilio account: requests must use HTTP Basic auth accountSid:authToken. */
  twilio: { accountSid: string; authToken: string }
  /** Where a reply to an SMS/WhatsApp goes (the API's inbound URL); undefined = replies disabled. Called at reply time. */
  inboundUrl?: () => string | undefined
  /** Twilio's signature function, injected (the API owns it): (authToken, url, params) => base64 signature. */
  sign: (authToken: string, url: string, params: Record<string, string>) => string
  /** Keep at most this many messages (oldest dropped). Default 500. */
  limit?: number
}

export type InboxChannel = 'email' | 'sms' | 'whatsapp'

export interface InboxAttachment {
  filename: string
  contentType: string
  size: number
  /** Absolute URL on the inbox that downloads the attachment's bytes unchanged. */
  url: string
}

export interface InboxReply {
  text: string
  sentAt: string
  /** The HTTP status the API answered; 0 when it could not be reached. */
  status: number
}

export interface InboxMessage {
  id: string
  channel: InboxChannel
  from: string
  to: string
  subject: string | null
  text: string
  html: string | null
  attachments: InboxAttachment[]
  /** Email: where the mail's source (message/rfc822, exactly as received over SMTP) downloads. */
  sourceUrl?: string
  /** ISO 8601 */
  receivedAt: string
  /** SMS/WhatsApp: Twilio's message sid; email: the Message-ID */
  providerId: string
  /** Replies sent from the page, with what the API answered */
  replies: InboxReply[]
}

export interface DevInbox {
  /** http://127.0.0.1:<port> */
  url: string
  smtp: { host: '127.0.0.1'; port: number }
  /** Base URL to give the API's Twilio adapter instead of https://api.twilio.com */
  twilioBaseUrl: string
  /** Newest first */
  messages(): InboxMessage[]
  /** Sends an inbound message to inboundUrl as Twilio would (signed form post) — same as the page's reply form. */
  reply(messageId: string, text: string): Promise<{ status: number }>
  close(): Promise<void>
}
