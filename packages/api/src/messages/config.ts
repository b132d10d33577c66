// Patient messaging from the environment: the SMTP server email goes through and the Twilio account
// SMS and WhatsApp go through. Either may be absent; messages on a channel without one fail visibly
// (`email_not_configured`, `text_not_configured`) rather than wait forever.
import { smtpEmail, type TransportSet, twilioText } from './transports.js'

export interface MessagingConfig {
  transports: TransportSet
  mailFrom: string
  twilio?: { accountSid: string; authToken: string } | undefined
}

/**
 * FRONTDESK_SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS from the start), FRONTDESK_MAIL_FROM
 * (the address mail is sent from; the clinic's name is shown with it), FRONTDESK_TWILIO_ACCOUNT_SID and
 * FRONTDESK_TWILIO_AUTH_TOKEN, and FRONTDESK_TWILIO_API_URL to point at a stand-in (the demo's dev inbox).
 */
export function messagingFromEnv(env: NodeJS.ProcessEnv, publicUrl: string): MessagingConfig {
  const smtp = env.FRONTDESK_SMTP_URL ? smtpEmail(env.FRONTDESK_SMTP_URL) : undefined
  const accountSid = env.FRONTDESK_TWILIO_ACCOUNT_SID
  const authToken = env.FRONTDESK_TWILIO_AUTH_TOKEN
  const twilio = accountSid && authToken ? { accountSid, authToken } : undefined
  return {
    mailFrom: env.FRONTDESK_MAIL_FROM || `no-reply@${new URL(publicUrl).hostname}`,
    twilio,
    transports: {
      email: smtp?.send ?? null,
      text: twilio
        ? twilioText({
            ...twilio,
            baseUrl: env.FRONTDESK_TWILIO_API_URL || 'https://api.twilio.com',
            statusCallback: `${publicUrl}/v1/inbound/twilio/status`,
          })
        : null,
      close: async () => smtp?.close(),
    },
  }
}
