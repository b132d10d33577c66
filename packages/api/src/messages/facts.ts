// What a patient message is about, as composing it needs to know: the facts, never a diagnosis, intake
// answers or (unless the clinic turns it on for email) the reason for the visit.

import { MessageChannel, MessageKind, MessageLanguage } from '@frontdesk/contracts'

export type { MessageChannel, MessageKind, MessageLanguage }
export const MESSAGE_CHANNELS = MessageChannel.options
export const MESSAGE_KINDS = MessageKind.options
export const MESSAGE_LANGUAGES = MessageLanguage.options

export interface MessageFacts {
  kind: MessageKind
  language: MessageLanguage
  clinic: {
    name: string
    /** IANA zone: every time in the message is shown in it, with its abbreviation. */
    timeZone: string
  }
  /** The patient's name as they gave it; the greeting uses it. */
  patientName: string
  appointment: {
    /** The booking id: the calendar file's UID is derived from it, so updates replace the same event. */
    bookingId: string
    startsAt: Date
    endsAt: Date
    serviceName: string
    practitionerName: string
    locationName: string | null
    locationAddress: string | null
    /** How many times the booking was moved or cancelled: the calendar file's SEQUENCE. */
    revision: number
  }
  /** The patient's own page for this booking (cancel, see the time); always in the message. */
  manageUrl: string
  /** intake_nudge only: where the patient fills in the form. */
  intakeUrl?: string | null
  /** Email only, and only when the clinic turned it on: the patient's own words for the visit. */
  reason?: string | null
}

export interface CalendarFile {
  filename: string
  /** text/calendar; method=REQUEST or CANCEL */
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
