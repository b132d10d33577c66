// The calendar file (iCalendar, RFC 5545) an appointment email carries, made with the `ics` package. One
// UID per booking and SEQUENCE = revision, so a calendar replaces or removes the event it already has
// instead of adding a second one.
import { createEvent, type EventAttributes } from 'ics'
import type { CalendarFile, MessageFacts, MessageLanguage } from './facts.js'
import { de } from './texts/de.js'
import { en, type MessageTexts } from './texts/en.js'

const TEXTS: Record<MessageLanguage, MessageTexts> = { en, de }

export type CalendarMethod = 'REQUEST' | 'CANCEL'

/** The UID of a booking's event in every calendar file about it. */
export function calendarUid(bookingId: string): string {
  return `${bookingId}@frontdesk`
}

export function calendarFile(facts: MessageFacts, method: CalendarMethod): CalendarFile {
  const texts = TEXTS[facts.language]
  const { appointment, clinic } = facts
  const cancelled = method === 'CANCEL'
  const location = [appointment.locationName, appointment.locationAddress]
    .filter((part) => part?.trim())
    .join(', ')
  const manageLabel = cancelled ? texts.manageCancelled : texts.manage

  // No ORGANIZER: `ics` writes one without an address when given only a name, which RFC 5545 does not
  // allow, and MessageFacts carries no clinic address to put there.
  const event: EventAttributes = {
    productId: '-//Frontdesk//Appointments//EN',
    method,
    uid: calendarUid(appointment.bookingId),
    sequence: appointment.revision,
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
  }

  const { error, value } = createEvent(event)
  if (error || !value) {
    throw new Error(`Could not write the calendar file for booking ${appointment.bookingId}`, {
      cause: error,
    })
  }
  return {
    filename: 'appointment.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: value,
  }
}
