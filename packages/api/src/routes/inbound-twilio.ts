// Twilio's webhooks: a patient's reply to the clinic's SMS or WhatsApp number (STOP and START change
// what they are sent) and delivery reports for what was sent. Neither carries a key: each must carry
// Twilio's signature over the URL it was posted to and every parameter, under the account's auth token,
// or it is refused before anything is read from it. Replies answer with empty TwiML: Twilio confirms
// opt-outs to the patient itself, and nothing here may tell a sender whether a number is a patient's.
import { endpoints, TwilioInboundMessage, TwilioStatusCallback } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { sql } from 'kysely'
import type * as z from 'zod'
import { withClinic } from '../db/clinic-scope.js'
import type { AppEnv } from '../env.js'
import { ApiError, notFound, validationError } from '../errors.js'
import { channelKeyword, recordChannelReply } from '../messages/channel-replies.js'
import { isTwilioSignatureValid, TWILIO_SIGNATURE_HEADER } from '../messages/twilio-signature.js'
import { enforceLimit } from '../rate-limit/rate-limits.js'
import { serve } from './define.js'

/** Twilio's largest message is 1,600 characters; its form with every field stays far below this. */
const MAX_FORM_BYTES = 32 * 1024
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

export function inboundRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  serve(app, endpoints.receiveTwilioMessage, async (c) => {
    const inbound = await signedForm(c, TwilioInboundMessage)
    const { system, db, cipher, now } = c.var.deps
    const channel = inbound.From.startsWith('whatsapp:') ? 'whatsapp' : 'sms'
    const from = inbound.From.replace(/^whatsapp:/, '')
    const to = inbound.To.replace(/^whatsapp:/, '')
    const keyword = channelKeyword(inbound.Body)
    const clinic = await system
      .selectFrom('clinics')
      .select('id')
      .where((eb) =>
        eb(eb.ref('messaging', '->>').key(channel === 'sms' ? 'smsFrom' : 'whatsappFrom'), '=', to),
      )
      .executeTakeFirst()
    if (clinic && keyword && cipher) {
      await withClinic(clinic.id, async () => {
        const patients = await db
          .selectFrom('patients')
          .select('id')
          .where('clinic_id', '=', clinic.id)
          .where('phone', '=', from)
          .execute()
        if (patients.length === 0) return
        const written = await recordChannelReply(db, cipher, {
          clinicId: clinic.id,
          channel,
          keyword,
          patientIds: patients.map((patient) => patient.id),
          providerMessageId: inbound.MessageSid,
          at: now(),
        })
        if (written.length === 0) return
        await db
          .insertInto('audit_events')
          .values(
            written.map((recordId) => ({
              clinic_id: clinic.id,
              actor_type: 'patient',
              actor_id: `${channel}_reply`,
              action: keyword === 'stop' ? 'consent.withdraw' : 'consent.record',
              object_type: 'consent_record',
              object_id: recordId,
              request_id: c.var.requestId,
              client_ip: c.var.clientIp,
            })),
          )
          .execute()
      })
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
    const { system, db } = c.var.deps
    const message = await system
      .selectFrom('messages')
      .select(['id', 'clinic_id'])
      .where('provider_id', '=', report.MessageSid)
      .executeTakeFirst()
    if (outcome && message) {
      await withClinic(message.clinic_id, () =>
        db
          .updateTable('messages')
          .set({ ...outcome, updated_at: sql`now()` })
          .where('id', '=', message.id)
          // Reports may arrive out of order: a delivered message stays delivered.
          .where('status', 'in', outcome.status === 'delivered' ? ['sent', 'failed'] : ['sent'])
          .execute(),
      )
    }
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
