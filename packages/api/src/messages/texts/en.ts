// English wording of the messages a patient gets; de.ts is typed against this shape, so both have every key.
import type { MessageKind } from '../facts.js'

export const en = {
  /** Intl locale for dates and times. */
  locale: 'en',
  subject: {
    confirmation: (clinic: string, when: string) => `${clinic}: your appointment on ${when} is booked`,
    rescheduled: (clinic: string, when: string) => `${clinic}: your appointment has moved to ${when}`,
    cancelled: (clinic: string, when: string) => `${clinic}: your appointment on ${when} is cancelled`,
    reminder: (clinic: string, when: string) => `${clinic}: a reminder of your appointment on ${when}`,
    intake_nudge: (clinic: string, when: string) =>
      `${clinic}: please fill in your forms before your visit on ${when}`,
  } satisfies Record<MessageKind, (clinic: string, when: string) => string>,
  greeting: (name: string) => `Hello ${name},`,
  lead: {
    confirmation: 'Your appointment is booked.',
    rescheduled: 'Your appointment has been moved. This is the new time:',
    cancelled: 'Your appointment has been cancelled.',
    reminder: 'This is a reminder of your appointment.',
    intake_nudge: 'Please fill in your forms before your visit; it saves time at the practice.',
  } satisfies Record<MessageKind, string>,
  /** The one-line opening of an SMS or WhatsApp message. */
  short: {
    confirmation: 'your appointment is booked:',
    rescheduled: 'your appointment has moved. New time:',
    cancelled: 'your appointment is cancelled:',
    reminder: 'a reminder of your appointment:',
    intake_nudge: 'please fill in your forms before your visit:',
  } satisfies Record<MessageKind, string>,
  labels: {
    when: 'When',
    service: 'Service',
    practitioner: 'With',
    location: 'Where',
    reason: 'Reason for your visit',
  },
  with: (practitioner: string) => `with ${practitioner}`,
  intakeLink: 'Fill in your forms',
  /** The manage link: to see or change a booking, or, once cancelled, to see it and book again. */
  manage: 'See or change your appointment',
  manageCancelled: 'See details or book again',
  /** The same links in an SMS or WhatsApp message, where every character counts. */
  shortLinks: {
    manage: 'View or change',
    manageCancelled: 'Details or book again',
    intake: 'Your forms',
  },
  calendarInvitation: 'The calendar invitation in this email keeps your calendar up to date.',
  signOff: 'Kind regards,',
  stop: 'Reply STOP to opt out.',
  /** The unsubscribe line of an optional email (a reminder): the booking's own messages keep coming. */
  unsubscribe: {
    lead: 'You get reminders because of your appointment. You can stop them; news of your bookings still reaches you.',
    link: 'Unsubscribe from reminders',
  },
  calendar: {
    summary: (service: string, clinic: string) => `${service} – ${clinic}`,
    cancelledSummary: (service: string, clinic: string) => `Cancelled: ${service} – ${clinic}`,
  },
}

export type MessageTexts = typeof en
