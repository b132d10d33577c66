// The calendar invitation an appointment email carries (iCalendar, RFC 5545, as an iTIP message, RFC 5546),
// made with the `ics` package. The clinic is the ORGANIZER and the patient the one ATTENDEE, which Outlook and
// Exchange need before they treat a mail as an invitation; one UID per booking and a SEQUENCE that rises
// with every move and the cancellation, so a calendar replaces or removes the event it already has instead of
// adding a second one.
import { createEvent, type EventAttributes } from 'ics'
import type { CalendarFile, MessageFacts, MessageLanguage } from './facts.js'
import { de } from './texts/de.js'
import { en, type MessageTexts } from './texts/en.js'

const TEXTS: Record<MessageLanguage, MessageTexts> = { en, de }

export type CalendarMethod = CalendarFile['method']

/** The UID of a booking's event in every invitation about it. */
export function calendarUid(bookingId: string): string {
  return `${bookingId}@frontdesk`
}

/**
 * SEQUENCE from the booking's revision: the trigger sets it to 1 when the booking is confirmed and adds one
 * for each move and for the cancellation, so booked is 0, each move +1, the cancellation +1. Reminders
 * repeat the revision they were sent for: the same event again, which a calendar takes as no change.
 */
export function calendarSequence(revision: number): number {
  return Math.max(0, revision - 1)
}

export function calendarFile(facts: MessageFacts, method: CalendarMethod): CalendarFile {
  const texts = TEXTS[facts.language]
  const { appointment, clinic } = facts
  if (!facts.patientEmail) {
    throw new TypeError('A calendar invitation needs the address it is sent to (facts.patientEmail)')
  }
  const cancelled = method === 'CANCEL'
  const location = [appointment.locationName, appointment.locationAddress]
    .filter((part) => part?.trim())
    .join(', ')
  const manageLabel = cancelled ? texts.manageCancelled : texts.manage

  const event: EventAttributes = {
    productId: '-//Frontdesk//Appointments//EN',
    method,
    uid: calendarUid(appointment.bookingId),
    sequence: calendarSequence(appointment.revision),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    // Times go out in UTC; the calendar shows them in the reader's own zone.
    start: appointment.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: appointment.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: (cancelled ? texts.calendar.cancelledSummary : texts.calendar.summary)(
      appointment.serviceName,
      clinic.name,
    ),
    description: [
      `${texts.labels.practitioner}: ${appointment.practitionerName}`,
      `${manageLabel}: ${facts.manageUrl}`,
    ].join('\n'),
    url: facts.manageUrl,
    ...(location ? { location } : {}),
    // The clinic sends from `messaging.mailFrom`, so that is the organizer a calendar shows and checks.
    organizer: { name: parameterText(clinic.name), email: clinic.mailFrom },
    // The patient asked for this appointment (booked it, or agreed it with the clinic): nothing to accept,
    // and RSVP=FALSE because a reply would go to a sending address nobody reads; the manage link is the way
    // to change or cancel.
    attendees: [
      {
        name: parameterText(facts.patientName),
        email: facts.patientEmail,
        role: 'REQ-PARTICIPANT',
        partstat: 'ACCEPTED',
        rsvp: false,
      },
    ],
  }

  const { error, value } = createEvent(event)
  if (error || !value) {
    // The error names the booking, never the patient: it may reach a log.
    throw new Error(`Could not write the calendar invitation for booking ${appointment.bookingId}`)
  }
  return {
    method,
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: value,
  }
}

// A CN is a quoted parameter value, which can hold no double quote and no control character (RFC 5545 3.1);
// `ics` escapes a quote with a backslash, which the grammar does not allow. A name keeps its look with ’.
function parameterText(name: string): string {
  return name
    .replace(/"/g, '’')
    .replace(/\p{Cc}/gu, ' ')
    .trim()
}
