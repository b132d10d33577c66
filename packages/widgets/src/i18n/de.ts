// German strings for the booking widget.
import type { Messages } from './index.js'

export const de: Messages = {
  stepsLabel: 'Buchungsschritte',
  stepNames: {
    service: 'Leistung',
    practitioner: 'Behandler',
    time: 'Termin',
    details: 'Ihre Angaben',
    confirmation: 'Bestätigt',
  },
  headings: {
    service: 'Leistung wählen',
    practitioner: 'Bei wem möchten Sie einen Termin?',
    time: 'Termin wählen',
    details: 'Ihre Angaben',
    confirmation: 'Ihr Termin ist gebucht',
  },
  loading: 'Wird geladen …',
  minutes: (n) => `${n} Minuten`,
  anyPractitioner: 'Beliebige freie Person',
  anyPractitionerHint: 'der früheste freie Termin bei allen',
  back: 'Zurück',
  days: 'Tage',
  noFreeTimes: 'keine freien Termine',
  freeTimes: (n) => (n === 1 ? '1 freier Termin' : `${n} freie Termine`),
  earlier: 'Frühere Tage',
  later: 'Spätere Tage',
  availableTimes: 'Freie Uhrzeiten',
  noTimesInRange: 'An diesen Tagen sind keine Termine frei.',
  nothingSoon: 'In den nächsten Wochen sind keine Termine frei. Bitte rufen Sie die Praxis an.',
  firstFreeDay: (day) => `Zum ersten Tag mit freien Terminen: ${day}`,
  timesShownIn: (zone) => `Uhrzeiten in ${zone}.`,
  showZone: (zone) => `Stattdessen in ${zone} anzeigen`,
  chosen: (when) => `Ihr Termin: ${when}`,
  heldFor: (time) => `${time} ist für Sie reserviert.`,
  minutesLeft: (n) =>
    n <= 1 ? 'Weniger als eine Minute, um ihn zu buchen.' : `Noch ${n} Minuten, um ihn zu buchen.`,
  holdEnded: 'Wir konnten den Termin nur einige Minuten reservieren. Bitte wählen Sie erneut eine Uhrzeit.',
  fields: {
    name: 'Vollständiger Name',
    email: 'E-Mail',
    phone: 'Telefon',
    dateOfBirth: 'Geburtsdatum',
    notes: 'Hinweise für die Praxis (optional)',
  },
  contactHint: 'Eine E-Mail-Adresse oder Telefonnummer, damit die Praxis Sie erreicht.',
  submit: 'Termin buchen',
  submitting: 'Wird gebucht …',
  issues: {
    'name.required': 'Bitte geben Sie Ihren vollständigen Namen ein.',
    'name.tooLong': 'Der Name ist zu lang; bitte kürzen Sie ihn etwas.',
    'name.characters': 'Bitte nur Buchstaben, Leerzeichen, Apostrophe und Bindestriche.',
    'email.invalid': 'Bitte eine E-Mail-Adresse wie name@beispiel.de eingeben.',
    'phone.tooShort': 'Diese Telefonnummer scheint zu kurz.',
    'phone.invalid': 'Bitte nur Ziffern, Leerzeichen und ein + am Anfang.',
    'contact.required': 'Bitte eine E-Mail-Adresse oder Telefonnummer angeben.',
    'dateOfBirth.required': 'Bitte geben Sie Ihr Geburtsdatum ein.',
    'dateOfBirth.invalid': 'Bitte ein gültiges Datum eingeben.',
    'dateOfBirth.notPast': 'Das Geburtsdatum muss in der Vergangenheit liegen.',
    'notes.tooLong': 'Bitte höchstens 2.000 Zeichen.',
  },
  fixFields: (n) =>
    n === 1 ? 'Ein Feld braucht Ihre Aufmerksamkeit.' : `${n} Felder brauchen Ihre Aufmerksamkeit.`,
  errors: {
    taken: 'Dieser Termin wurde gerade von jemand anderem gebucht. Bitte wählen Sie eine andere Uhrzeit.',
    unavailable: 'Dieser Termin wird nicht mehr angeboten. Bitte wählen Sie eine andere Uhrzeit.',
    rateLimited: (seconds) =>
      seconds
        ? `Zu viele Versuche. Bitte warten Sie ${seconds} Sekunden.`
        : 'Zu viele Versuche. Bitte warten Sie einen Moment.',
    network: 'Die Praxis ist gerade nicht erreichbar. Bitte prüfen Sie Ihre Verbindung.',
    setup:
      'Die Online-Buchung ist auf dieser Website nicht richtig eingerichtet. Bitte rufen Sie die Praxis an.',
    server: 'Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
    invalid: 'Einige Angaben wurden nicht angenommen. Bitte prüfen Sie die markierten Felder.',
  },
  retry: 'Erneut versuchen',
  confirmation: {
    summary: (service, when) => `${service}, ${when}.`,
    with: (name) => `Bei ${name}.`,
    at: (clinic) => `In der ${clinic}.`,
    bookAnother: 'Weiteren Termin buchen',
  },
}
