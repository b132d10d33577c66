// The words of the Clinic settings page, in English and German; messages.ts wires `.en` as `messages.settings`.
import type { SettingsField } from './clinic-settings.js'

const en = {
  intro: 'Your clinic’s name, time zone and booking rules, and the languages patients see.',
  readOnly: 'Only owners and admins change these settings.',
  general: 'Clinic',
  name: 'Clinic name',
  nameHint: 'Patients see it on the booking page, in confirmations and reminders.',
  timeZone: 'Time zone',
  timeZoneHint: 'Hours, bookings and reminders are in this time zone, summer time included.',
  bookingRules: 'Booking rules',
  cancellationNotice: 'Cancellation window (hours before the appointment)',
  cancellationNoticeHint:
    'Patients may cancel or move their appointment with their link until this many hours before it starts.',
  holdMinutes: 'Hold time (minutes)',
  holdMinutesHint: 'How long a chosen time stays reserved while the patient fills in their details.',
  intakeDraftIdleDays: 'Unfinished forms kept (days)',
  intakeDraftIdleDaysHint: 'An intake form nobody continues for this many days expires.',
  perService: 'Minimum notice and how far ahead patients may book are set per service.',
  toServices: 'Open Services',
  languages: 'Languages',
  languagesHint: 'The languages your booking page offers. The default is always offered.',
  defaultLanguage: 'Default language',
  languageNames: { en: 'English', de: 'German' } as Record<string, string>,
  channels: 'Message channels',
  channelsNone: 'No channel is switched on: patients get no confirmations or reminders.',
  channelsHint: 'Confirmations and reminders go on these channels.',
  toMessaging: 'Change channels and reminders under Messages',
  save: 'Save settings',
  saved: 'Settings saved',
  checkFields: (fields: string) => `The settings were not saved. Please check: ${fields}`,
  issues: {
    name: 'Write a name of 1 to 200 characters.',
    timeZone: 'Choose a time zone from the list.',
    cancellationNotice: 'Write the hours as a number, 0 or more.',
    holdMinutes: 'Write a whole number of minutes from 1 to 60.',
    intakeDraftIdleDays: 'Write a whole number of days from 1 to 90.',
    languages: 'Choose at least one language.',
  } satisfies Record<SettingsField, string>,
}

const de = {
  intro: 'Name, Zeitzone und Buchungsregeln Ihrer Praxis sowie die Sprachen, die Patienten sehen.',
  readOnly: 'Nur Inhaber und Administratoren ändern diese Einstellungen.',
  general: 'Praxis',
  name: 'Name der Praxis',
  nameHint: 'Patienten sehen ihn auf der Buchungsseite, in Bestätigungen und Erinnerungen.',
  timeZone: 'Zeitzone',
  timeZoneHint:
    'Sprechzeiten, Termine und Erinnerungen gelten in dieser Zeitzone, Sommerzeit eingeschlossen.',
  bookingRules: 'Buchungsregeln',
  cancellationNotice: 'Stornierungsfrist (Stunden vor dem Termin)',
  cancellationNoticeHint:
    'Patienten können ihren Termin über ihren Link bis so viele Stunden vor Beginn absagen oder verschieben.',
  holdMinutes: 'Reservierungsdauer (Minuten)',
  holdMinutesHint:
    'So lange bleibt eine gewählte Uhrzeit reserviert, während der Patient seine Angaben macht.',
  intakeDraftIdleDays: 'Unvollständige Formulare aufbewahren (Tage)',
  intakeDraftIdleDaysHint: 'Ein Anamnesebogen, an dem so viele Tage niemand weiterschreibt, verfällt.',
  perService: 'Mindestvorlauf und wie weit im Voraus gebucht werden kann, legen Sie je Leistung fest.',
  toServices: 'Leistungen öffnen',
  languages: 'Sprachen',
  languagesHint: 'Die Sprachen, die Ihre Buchungsseite anbietet. Die Standardsprache wird immer angeboten.',
  defaultLanguage: 'Standardsprache',
  languageNames: { en: 'Englisch', de: 'Deutsch' } as Record<string, string>,
  channels: 'Nachrichtenkanäle',
  channelsNone: 'Kein Kanal ist eingeschaltet: Patienten erhalten keine Bestätigungen oder Erinnerungen.',
  channelsHint: 'Bestätigungen und Erinnerungen gehen über diese Kanäle.',
  toMessaging: 'Kanäle und Erinnerungen unter Nachrichten ändern',
  save: 'Einstellungen speichern',
  saved: 'Einstellungen gespeichert',
  checkFields: (fields: string) => `Die Einstellungen wurden nicht gespeichert. Bitte prüfen Sie: ${fields}`,
  issues: {
    name: 'Geben Sie einen Namen mit 1 bis 200 Zeichen ein.',
    timeZone: 'Wählen Sie eine Zeitzone aus der Liste.',
    cancellationNotice: 'Geben Sie die Stunden als Zahl ein, 0 oder mehr.',
    holdMinutes: 'Geben Sie eine ganze Zahl von 1 bis 60 Minuten ein.',
    intakeDraftIdleDays: 'Geben Sie eine ganze Zahl von 1 bis 90 Tagen ein.',
    languages: 'Wählen Sie mindestens eine Sprache.',
  } satisfies Record<SettingsField, string>,
} satisfies typeof en

export const settingsWords = { en, de }
