// Patient messages on the wire: how a clinic messages its patients, and what was sent to whom, when,
// on which channel and with what outcome. A message names its booking, never its contents.
import * as z from 'zod'
import { Id, Instant, ListQuery } from './common.js'

export const MessageChannel = z.enum(['email', 'sms', 'whatsapp'])
export type MessageChannel = z.infer<typeof MessageChannel>

export const MessageKind = z.enum(['confirmation', 'rescheduled', 'cancelled', 'reminder', 'intake_nudge'])
export type MessageKind = z.infer<typeof MessageKind>

/** The languages messages are written in; a patient's other language falls back to the clinic's. */
export const MessageLanguage = z.enum(['en', 'de'])
export type MessageLanguage = z.infer<typeof MessageLanguage>

export const MessageStatus = z.enum([
  'scheduled',
  'queued',
  'sent',
  'delivered',
  'failed',
  'dropped',
  'suppressed',
])
export type MessageStatus = z.infer<typeof MessageStatus>

const E164 = z
  .string()
  .regex(/^\+[1-9]\d{7,14}$/, 'A phone number in international form, such as +4930123456')

const ReminderOffset = z
  .number()
  .int()
  .min(15)
  .max(60 * 24 * 14)
  .meta({ description: 'Minutes before the appointment, e.g. 1440 for a day before' })

export const MessageSettings = z
  .object({
    channels: z
      .array(MessageChannel)
      .max(3)
      .meta({ description: 'The channels the clinic sends on; a patient picks among them when booking' }),
    reminderOffsetsMinutes: z.array(ReminderOffset).max(4),
    reminderBasis: z.enum(['contract', 'consent']).meta({
      description:
        'contract: reminders go on the channels the patient chose, until they reply STOP; consent: only where the patient gave consent for that channel (a messages_<channel> consent document)',
    }),
    reasonInEmail: z.boolean().meta({
      description: "Show the patient's own notes for the visit in email (never in SMS or WhatsApp)",
    }),
    intakeNudgeMinutes: z
      .number()
      .int()
      .min(60)
      .max(60 * 24 * 14)
      .nullable()
      .meta({
        description: 'Remind a patient whose intake form is not in this long before the visit; null: never',
      }),
    intakePageUrl: z
      .url()
      .nullable()
      .meta({ description: "The clinic's page with the intake form, which intake reminders link to" }),
    defaultLanguage: MessageLanguage,
    smsFrom: E164.nullable().meta({ description: 'The number SMS is sent from and STOP replies reach' }),
    whatsappFrom: E164.nullable().meta({ description: 'The WhatsApp sender number' }),
    replyTo: z.email().max(254).nullable().meta({ description: "Where a patient's reply to an email goes" }),
  })
  .meta({ id: 'MessageSettings' })
export type MessageSettings = z.infer<typeof MessageSettings>

export const DEFAULT_MESSAGE_SETTINGS: MessageSettings = {
  channels: ['email'],
  reminderOffsetsMinutes: [1440, 120],
  reminderBasis: 'contract',
  reasonInEmail: false,
  intakeNudgeMinutes: null,
  intakePageUrl: null,
  defaultLanguage: 'en',
  smsFrom: null,
  whatsappFrom: null,
  replyTo: null,
}

export const UpdateMessageSettings = MessageSettings.partial()
  .strict()
  .superRefine((settings, ctx) => {
    const offsets = settings.reminderOffsetsMinutes
    if (offsets && new Set(offsets).size !== offsets.length) {
      ctx.addIssue({ code: 'custom', path: ['reminderOffsetsMinutes'], message: 'Give each offset once' })
    }
  })
export type UpdateMessageSettings = z.infer<typeof UpdateMessageSettings>

/** What the patient chose when booking: the language messages come in and the channels they come on. */
export const MessagePreferences = z
  .object({
    language: MessageLanguage.optional(),
    channels: z
      .array(MessageChannel)
      .max(3)
      .optional()
      .meta({ description: 'Leave out for email when an email address is given, else SMS' }),
  })
  .strict()
export type MessagePreferences = z.infer<typeof MessagePreferences>

export const Message = z
  .object({
    id: Id,
    bookingId: Id,
    kind: MessageKind,
    channel: MessageChannel,
    status: MessageStatus,
    reason: z
      .string()
      .nullable()
      .meta({ description: 'Why it was dropped, suppressed or failed, e.g. booking_moved, channel_stopped' }),
    offsetMinutes: z.number().int().nullable(),
    sendAt: Instant,
    sentAt: Instant.nullable(),
    attempts: z.number().int(),
    updatedAt: Instant,
  })
  .meta({ id: 'Message' })
export type Message = z.infer<typeof Message>

const TwilioSid = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `A Twilio ${prefix} id`)
const TwilioAddress = z
  .string()
  .regex(
    /^(whatsapp:)?\+[1-9]\d{7,14}$/,
    'A phone number in international form, optionally whatsapp:-prefixed',
  )

/** What Twilio posts (form-encoded) when a patient writes to the clinic's number; unknown fields are kept out. */
export const TwilioInboundMessage = z.object({
  MessageSid: z.union([TwilioSid('SM'), TwilioSid('MM')]),
  AccountSid: TwilioSid('AC'),
  From: TwilioAddress,
  To: TwilioAddress,
  Body: z.string().max(1600),
})
export type TwilioInboundMessage = z.infer<typeof TwilioInboundMessage>

/** What Twilio posts to a message's StatusCallback as its delivery moves on. */
export const TwilioStatusCallback = z.object({
  MessageSid: z.union([TwilioSid('SM'), TwilioSid('MM')]),
  AccountSid: TwilioSid('AC'),
  MessageStatus: z.enum([
    'accepted',
    'scheduled',
    'queued',
    'sending',
    'sent',
    'delivered',
    'undelivered',
    'failed',
    'read',
    'receiving',
    'received',
    'canceled',
  ]),
  ErrorCode: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
})
export type TwilioStatusCallback = z.infer<typeof TwilioStatusCallback>

/** Filters of the clinic's message log. */
export const MessageListQuery = ListQuery.extend({
  status: MessageStatus.optional(),
  bookingId: Id.optional(),
})
export type MessageListQuery = z.infer<typeof MessageListQuery>

/**
 * The token of an email's unsubscribe link: `ut_<clinic id>.<sealed>`. The clinic's id says whose key opens
 * it; what it names (the patient, the channel) is sealed under that key, so it holds no personal data and
 * cannot be forged or moved to another clinic.
 */
export const UnsubscribeToken = z
  .string()
  .max(512)
  .regex(/^ut_[a-z]+_[A-Za-z0-9]+\.[A-Za-z0-9_-]{32,}$/, 'Not an unsubscribe token')
  .meta({ description: 'The token from the unsubscribe link or `List-Unsubscribe` header of an email' })

export const UnsubscribeQuery = z.object({ token: UnsubscribeToken })
export type UnsubscribeQuery = z.infer<typeof UnsubscribeQuery>

/** The body of a one-click unsubscribe (RFC 8058): exactly this one form field. */
export const OneClickUnsubscribe = z
  .object({ 'List-Unsubscribe': z.literal('One-Click') })
  .meta({ description: 'RFC 8058: `List-Unsubscribe=One-Click`, form-encoded' })
export type OneClickUnsubscribe = z.infer<typeof OneClickUnsubscribe>

export const Unsubscribed = z
  .object({
    channel: MessageChannel,
    unsubscribed: z.literal(true),
  })
  .meta({ id: 'Unsubscribed' })
export type Unsubscribed = z.infer<typeof Unsubscribed>
