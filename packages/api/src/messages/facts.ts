// What a patient message is about, as composing it needs to know: the facts, never a diagnosis, intake
// answers or (unless the clinic turns it on for email) the reason for the visit.

import { MessageChannel, MessageKind, MessageLanguage } from '@frontdesk/contracts'

export type { MessageChannel, MessageKind, MessageLanguage }
export const MESSAGE_CHANNELS = MessageChannel.options
export const MESSAGE_KINDS = MessageKind.options
export const MESSAGE_LANGUAGES = MessageLanguage.options

/**
 * The messages a booking cannot do without: they tell the patient what happened to it (Art. 6(1)(b) GDPR,
 * the contract). They go by email even after the patient unsubscribed; reminders and intake nudges are
 * optional, carry the unsubscribe link and List-Unsubscribe headers, and stop when the patient says so.
 */
export const TRANSACTIONAL_KINDS: ReadonlySet<MessageKind> = new Set([
  'confirmation',
  'rescheduled',
  'cancelled',
])

export interface MessageFacts {
  kind: MessageKind
  language: MessageLanguage
  clinic: {
    name: string
    /** IANA zone: every time in the message is shown in it, with its abbreviation. */
    timeZone: string
    /** The address email goes out from (`messaging.mailFrom`): the calendar invitation's ORGANIZER. */
    mailFrom: string
  }
  /** The patient's name as they gave it; the greeting uses it, and an email's invitation names them. */
  patientName: string
  /** Email only: the address the mail goes to, the invitation's ATTENDEE. In the mail to the patient, nowhere else. */
  patientEmail?: string | null
  appointment: {
    /** The booking id: the calendar file's UID is derived from it, so updates replace the same event. */
    bookingId: string
    startsAt: Date
    endsAt: Date
    serviceName: string
    practitionerName: string
    locationName: string | null
    locationAddress: string | null
    /**
     * The booking's revision (bookings.revision): 1 once confirmed, +1 on each move and on the cancellation.
     * The invitation's SEQUENCE is one less, so it starts at 0 (RFC 5546).
     */
    revision: number
  }
  /** The patient's own page for this booking (cancel, see the time); always in the message. */
  manageUrl: string
  /** intake_nudge only: where the patient fills in the form. */
  intakeUrl?: string | null
  /** Email only, and only when the clinic turned it on: the patient's own words for the visit. */
  reason?: string | null
  /** Email only, optional kinds only: the patient's unsubscribe link (../links unsubscribeUrl). */
  unsubscribeUrl?: string | null
}

/** The invitation an email carries as its one text/calendar part. */
export interface CalendarFile {
  method: 'REQUEST' | 'CANCEL'
  /** text/calendar; charset=utf-8; method=REQUEST or CANCEL */
  contentType: string
  content: string
}

export interface ComposedMessage {
  /** Email only. */
  subject?: string
  text: string
  /** Email only. */
  html?: string
  /** Email only, for every kind but intake_nudge. */
  calendar?: CalendarFile
}
