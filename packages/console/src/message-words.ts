// The words for patient messages: a booking's message log and the Messages settings. Part of the one
// table in messages.ts (as `messages.patientMessages` and `messages.messaging`), kept apart for its size.
import type { MessageChannel, MessageKind, MessageStatus } from '@frontdesk/contracts'

/** 1440 → `24 h`, 90 → `1 h 30 min`, 45 → `45 min`. */
export function duration(minutes: number): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (hours === 0) return `${rest} min`
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
}

export const patientMessages = {
  heading: 'Messages',
  intro: 'What Frontdesk sends the patient about this booking, in the order it falls due.',
  none: 'No messages for this booking yet.',
  refresh: 'Refresh messages',
  what: 'Message',
  channel: 'Channel',
  when: 'When',
  status: 'Status',
  kinds: {
    confirmation: 'Confirmation',
    rescheduled: 'New time',
    cancelled: 'Cancellation',
    reminder: 'Reminder',
    intake_nudge: 'Intake reminder',
  } satisfies Record<MessageKind, string>,
  before: (kind: string, minutes: number) => `${kind} · ${duration(minutes)} before`,
  channels: { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp' } satisfies Record<MessageChannel, string>,
  due: (when: string) => `Due ${when}`,
  sentAt: (when: string) => `Sent ${when}`,
  statuses: {
    scheduled: 'Scheduled',
    queued: 'Sending',
    sent: 'Sent',
    delivered: 'Delivered',
    failed: 'Failed',
    dropped: 'Not sent',
    suppressed: 'Not sent',
  } satisfies Record<MessageStatus, string>,
  withReason: (status: string, reason: string) => `${status}: ${reason}`,
  /** Reason codes the API gives, in the clinic's words; a code not here is shown as it is. */
  reasons: {
    booking_moved: 'the booking moved',
    booking_cancelled: 'the booking was cancelled',
    booking_gone: 'the booking no longer exists',
    superseded: 'the booking changed after it was planned',
    intake_done: 'the intake form is already in',
    channel_off: 'the clinic no longer sends on this channel',
    channel_stopped: 'the patient replied STOP',
    no_consent: 'the patient gave no consent for this channel',
    no_address: 'the patient gave no address for this channel',
    no_manage_link: 'the booking has no manage link',
    no_sender_number: 'the clinic has no sender number for this channel',
    email_not_configured: 'email is not set up on the server',
    text_not_configured: 'SMS and WhatsApp are not set up on the server',
    smtp_unreachable: 'the mail server could not be reached',
    twilio_unreachable: 'the provider could not be reached',
    twilio_undelivered: 'the provider could not deliver it',
    twilio_failed: 'the provider could not deliver it',
    twilio_21211: 'the provider refused the number',
    twilio_21408: 'the provider does not send to this region',
    twilio_21610: 'the patient unsubscribed at the provider',
    twilio_21612: 'the number cannot receive these messages',
    twilio_21614: 'the number is not a mobile number',
    twilio_30003: 'the phone could not be reached',
    twilio_30005: 'the number is unknown to the carrier',
    twilio_30006: 'the number is a landline or its carrier cannot be reached',
    twilio_30007: 'the carrier filtered it',
    twilio_63003: 'the number has no WhatsApp account',
    twilio_63016: 'WhatsApp allows only templates outside the 24-hour reply window',
  } as Record<string, string>,
}

export const messaging = {
  intro:
    'How the clinic tells patients about their appointments. Changes apply to messages planned from now on.',
  readOnly: 'Your role can read these settings, not change them.',
  channels: 'Channels',
  channelsHint: 'The clinic sends on these; patients choose among them when booking.',
  reminders: 'Reminders',
  remindersHint: 'Hours before the appointment; up to four reminders.',
  reminderLabel: (n: number) => `Reminder ${n}, hours before`,
  removeReminder: (n: number) => `Remove reminder ${n}`,
  addReminder: 'Add a reminder',
  noReminders: 'No reminders.',
  remindersFull: 'Four reminders is the most.',
  reminderIssue: 'Give each reminder once, between 15 minutes (0.25) and 14 days (336) before.',
  before: (minutes: number) => `${duration(minutes)} before`,
  intakeSummary: (minutes: number, url: string | null) =>
    url ? `${duration(minutes)} before, linking to ${url}` : `${duration(minutes)} before`,
  basis: 'Legal basis for reminders',
  bases: {
    contract: {
      label: 'Contract',
      hint: 'Reminders are part of the appointment: they go on the channels the patient chose until they reply STOP.',
    },
    consent: {
      label: 'Consent',
      hint: 'Reminders go only where the patient gave consent for that channel (a messages_email, messages_sms or messages_whatsapp consent document).',
    },
  },
  reasonInEmail: 'Show the patient’s notes for the visit in email',
  reasonInEmailHint: 'Never in SMS or WhatsApp.',
  language: 'Default language',
  languageHint: 'For patients who did not choose one when booking.',
  languages: { en: 'English', de: 'Deutsch' } as Record<string, string>,
  senders: 'Senders',
  smsFrom: 'SMS sender number',
  whatsappFrom: 'WhatsApp sender number',
  numberHint: 'In international form, such as +4930123456. Needed to send on this channel.',
  replyTo: 'Reply-to address',
  replyToHint: 'Where patients’ replies to emails go.',
  intake: 'Intake reminder',
  intakeHours: 'Hours before the visit',
  intakeHoursHint: 'Reminds a patient whose intake form is not in by then. Empty: no intake reminder.',
  intakeHoursIssue: 'Give between 1 and 336 hours, or leave it empty.',
  intakePageUrl: 'Intake page URL',
  intakePageUrlHint: 'The clinic’s page with the intake form, which the reminder links to.',
  senderTaken: 'Another clinic sends from this number.',
  checkFields: (fields: string) => `Please check the form: ${fields}`,
  off: 'Off',
  notSet: 'Not set',
}
