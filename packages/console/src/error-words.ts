// The API's refusals by code, in the console's languages. The API words its errors in English, specific to
// the case; a console in another language shows these instead, so a German screen does not switch to English
// when something is refused. Wired into messages.ts as `messages.errorCodes` (English, for completeness:
// an English console keeps the API's own, more specific words); the language switch picks `.de`.
import type { ErrorCode } from '@frontdesk/contracts'

type Worded = Partial<Record<ErrorCode, string>>

const en = {
  SLOT_TAKEN: 'That time was just taken. Choose another time.',
  SLOT_UNAVAILABLE: 'That time is not offered for this service. Choose a time from the calendar.',
  HOLD_EXPIRED: 'The time was reserved too long ago and was given back. Choose it again.',
  BOOKING_NOT_CHANGEABLE: 'This appointment is cancelled and cannot be changed.',
  CANCELLATION_WINDOW_PASSED: 'It is too late to cancel or move this appointment.',
  CONSENT_NOT_WITHDRAWABLE: 'This consent was not given, or it is withdrawn already.',
  KEY_NOT_ROLLABLE: 'This key cannot be replaced now.',
  SENDER_TAKEN: 'Another clinic sends from this number.',
  SLUG_TAKEN: 'This web address is taken. Choose another one.',
  PATIENT_ERASED: 'This patient’s details were erased; there is nothing to change.',
  PATIENT_CONFLICT: 'Another patient of the clinic has these details. Merge the two records first.',
  REQUEST_NOT_OPEN: 'This request is decided already.',
  CODE_INVALID: 'That code is not right, or it has expired.',
  PAYLOAD_TOO_LARGE: 'That is too large to upload.',
  UNSUPPORTED_MEDIA_TYPE: 'This kind of file is not accepted.',
  UNAVAILABLE: 'Frontdesk is starting or its database cannot be reached. Try again in a moment.',
  INTERNAL: 'Something went wrong. Try again; if it keeps happening, tell your clinic’s administrator.',
} satisfies Worded

const de: typeof en = {
  SLOT_TAKEN: 'Diese Zeit wurde gerade vergeben. Wählen Sie bitte eine andere.',
  SLOT_UNAVAILABLE:
    'Diese Zeit wird für diese Leistung nicht angeboten. Wählen Sie eine Zeit aus dem Kalender.',
  HOLD_EXPIRED: 'Die Zeit war zu lange reserviert und wurde wieder freigegeben. Wählen Sie sie bitte erneut.',
  BOOKING_NOT_CHANGEABLE: 'Dieser Termin ist abgesagt und kann nicht mehr geändert werden.',
  CANCELLATION_WINDOW_PASSED: 'Für eine Absage oder Verschiebung dieses Termins ist es zu spät.',
  CONSENT_NOT_WITHDRAWABLE: 'Diese Einwilligung wurde nicht erteilt oder ist bereits widerrufen.',
  KEY_NOT_ROLLABLE: 'Dieser Schlüssel kann jetzt nicht ersetzt werden.',
  SENDER_TAKEN: 'Eine andere Praxis sendet bereits von dieser Nummer.',
  SLUG_TAKEN: 'Diese Webadresse ist schon vergeben. Wählen Sie bitte eine andere.',
  PATIENT_ERASED: 'Die Daten dieser Person wurden gelöscht; es gibt nichts zu ändern.',
  PATIENT_CONFLICT:
    'Eine andere Person in Ihrer Praxis hat diese Angaben. Führen Sie die beiden Datensätze zuerst zusammen.',
  REQUEST_NOT_OPEN: 'Über diese Anfrage wurde bereits entschieden.',
  CODE_INVALID: 'Dieser Code ist falsch oder abgelaufen.',
  PAYLOAD_TOO_LARGE: 'Das ist zu groß zum Hochladen.',
  UNSUPPORTED_MEDIA_TYPE: 'Diese Dateiart wird nicht angenommen.',
  UNAVAILABLE:
    'Frontdesk startet gerade oder erreicht seine Datenbank nicht. Versuchen Sie es gleich noch einmal.',
  INTERNAL:
    'Etwas ist schiefgegangen. Versuchen Sie es erneut; wenn es wieder passiert, wenden Sie sich an die Verwaltung Ihrer Praxis.',
}

export const errorWords: { en: Worded; de: Worded } = { en, de }
