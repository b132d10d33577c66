// German wording of the messages a patient gets, formal ("Sie"); the same keys as en.ts.
import type { MessageTexts } from './en.js'

export const de: MessageTexts = {
  locale: 'de',
  subject: {
    confirmation: (clinic, when) => `${clinic}: Ihr Termin am ${when} ist gebucht`,
    rescheduled: (clinic, when) => `${clinic}: Ihr Termin wurde auf ${when} verschoben`,
    cancelled: (clinic, when) => `${clinic}: Ihr Termin am ${when} wurde abgesagt`,
    reminder: (clinic, when) => `${clinic}: Erinnerung an Ihren Termin am ${when}`,
    intake_nudge: (clinic, when) =>
      `${clinic}: Bitte füllen Sie vor Ihrem Termin am ${when} Ihre Formulare aus`,
  },
  greeting: (name) => `Guten Tag ${name},`,
  lead: {
    confirmation: 'Ihr Termin ist gebucht.',
    rescheduled: 'Ihr Termin wurde verschoben. Das ist der neue Termin:',
    cancelled: 'Ihr Termin wurde abgesagt.',
    reminder: 'Wir erinnern Sie an Ihren Termin.',
    intake_nudge: 'Bitte füllen Sie Ihre Formulare vor Ihrem Termin aus; das spart Zeit in der Praxis.',
  },
  short: {
    confirmation: 'Ihr Termin ist gebucht:',
    rescheduled: 'Ihr Termin wurde verschoben. Neuer Termin:',
    cancelled: 'Ihr Termin wurde abgesagt:',
    reminder: 'wir erinnern Sie an Ihren Termin:',
    intake_nudge: 'bitte füllen Sie vor Ihrem Termin Ihre Formulare aus:',
  },
  labels: {
    when: 'Wann',
    service: 'Leistung',
    practitioner: 'Bei',
    location: 'Wo',
    reason: 'Ihr Anliegen',
  },
  with: (practitioner) => `bei ${practitioner}`,
  intakeLink: 'Formulare ausfüllen',
  manage: 'Termin ansehen oder ändern',
  manageCancelled: 'Details ansehen oder neu buchen',
  shortLinks: {
    manage: 'Ansehen oder ändern',
    manageCancelled: 'Details oder neu buchen',
    intake: 'Ihre Formulare',
  },
  calendarInvitation:
    'Mit der Kalendereinladung in dieser E-Mail bleibt Ihr Kalender auf dem neuesten Stand.',
  signOff: 'Mit freundlichen Grüßen',
  stop: 'Antworten Sie STOP zum Abbestellen.',
  unsubscribe: {
    lead: 'Sie erhalten Erinnerungen wegen Ihres Termins. Sie können sie abbestellen; Nachrichten zu Ihren Buchungen erhalten Sie weiterhin.',
    link: 'Erinnerungen abbestellen',
  },
  calendar: {
    summary: (service, clinic) => `${service} – ${clinic}`,
    cancelledSummary: (service, clinic) => `Abgesagt: ${service} – ${clinic}`,
  },
}
