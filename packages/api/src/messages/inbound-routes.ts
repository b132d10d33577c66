// Twilio's webhooks: a patient's reply to the clinic's SMS or WhatsApp number (STOP and START change
// what they are sent) and delivery reports for what was sent. Neither carries a key: each must carry
// Twilio's signature over the URL it was posted to and every parameter, under the account's auth token,
// or it is refused before anything is read from it. Replies answer with empty TwiML: Twilio confirms
// opt-outs to the patient itself, and nothing here may tell a sender whether a number is a patient's.
import { endpoints, TwilioInboundMessage, TwilioStatusCallback } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type * as z from 'zod'
import type { AppEnv } from '../env.js'
import { ApiError, notFound, validationError } from '../errors.js'
import { enforceLimit } from '../rate-limit/rate-limits.js'
import { serve } from '../routes/define.js'
import { channelKeyword } from './channel-replies.js'
import { receiveDeliveryReport, receiveReply } from './inbound.js'
import { isTwilioSignatureValid, TWILIO_SIGNATURE_HEADER } from './twilio-signature.js'

/** Twilio's largest message is 1,600 characters; its form with every field stays far below this. */
const MAX_FORM_BYTES = 32 * 1024
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

export function inboundRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  serve(app, endpoints.receiveTwilioMessage, async (c) => {
    const inbound = await signedForm(c, TwilioInboundMessage)
    const keyword = channelKeyword(inbound.Body)
    if (keyword) {
      const { requestId, clientIp } = c.var
      await receiveReply(
        { ...c.var.deps, requestId, clientIp },
        {
          channel: inbound.From.startsWith('whatsapp:') ? 'whatsapp' : 'sms',
          from: inbound.From.replace(/^whatsapp:/, ''),
          to: inbound.To.replace(/^whatsapp:/, ''),
          keyword,
          providerMessageId: inbound.MessageSid,
        },
      )
    }
    return c.body(EMPTY_TWIML, 200, { 'Content-Type': 'text/xml; charset=utf-8' })
  })

  serve(app, endpoints.receiveTwilioStatus, async (c) => {
    const report = await signedForm(c, TwilioStatusCallback)
    const outcome =
      report.MessageStatus === 'delivered' || report.MessageStatus === 'read'
        ? { status: 'delivered' as const, reason: null }
        : report.MessageStatus === 'undelivered' || report.MessageStatus === 'failed'
          ? { status: 'failed' as const, reason: `twilio_${report.ErrorCode ?? report.MessageStatus}` }
          : null
    if (outcome) await receiveDeliveryReport(c.var.deps, report.MessageSid, outcome)
    return c.body(null, 204)
  })

  return app
}

/** The form Twilio posted, once its signature holds, validated; refusals change nothing. */
async function signedForm<T extends z.ZodType>(c: Context<AppEnv>, schema: T): Promise<z.infer<T>> {
  const { messaging, rateLimits } = c.var.deps
  if (c.var.clientIp) await enforceLimit(rateLimits, 'providerInbound', c.var.clientIp)
  const twilio = messaging?.twilio
  if (!messaging || !twilio) throw notFound('route')
  if (!c.req.header('Content-Type')?.startsWith('application/x-www-form-urlencoded')) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the form Twilio posts: application/x-www-form-urlencoded',
    )
  }
  const text = await c.req.text()
  if (Buffer.byteLength(text) > MAX_FORM_BYTES)
    throw new ApiError('PAYLOAD_TOO_LARGE', 'The form is too large')
  const params = Object.fromEntries(new URLSearchParams(text))
  // The URL Twilio was given, as the public address has it: a proxy's Host header is not trusted for this.
  const requested = new URL(c.req.url)
  const url = `${messaging.publicUrl}${requested.pathname}${requested.search}`
  if (!isTwilioSignatureValid(twilio.authToken, c.req.header(TWILIO_SIGNATURE_HEADER), url, params)) {
    throw new ApiError('FORBIDDEN', 'The X-Twilio-Signature header does not match this request')
  }
  const parsed = schema.safeParse(params)
  if (!parsed.success) throw validationError(parsed.error)
  if ((parsed.data as { AccountSid: string }).AccountSid !== twilio.accountSid) {
    throw new ApiError('FORBIDDEN', 'This request is for another Twilio account')
  }
  return parsed.data
}
