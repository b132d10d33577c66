// The words of the Patients section (search, a patient's page and the rights actions on it), in English and
// German. Part of the one table in messages.ts (as `messages.patients`); the German table must have every key.
import type { ErasureReport, RecordKind } from '@frontdesk/contracts'

type RemovedKey = keyof ErasureReport['removed']
type RetainedReason = ErasureReport['retained'][number]['reason']

const en = {
  // Search
  intro:
    'Find a patient by their exact email address or phone number, or by part of their name. Each patient found is recorded in the audit trail.',
  searchBy: 'Find by',
  by: { email: 'Email address', phone: 'Phone number', name: 'Name' } as Record<
    'email' | 'phone' | 'name',
    string
  >,
  term: 'Search for',
  termHint: {
    email: 'The whole address, such as name@example.com.',
    phone: 'The whole number, with its country code such as +49.',
    name: 'At least 2 letters of the first or last name.',
  } as Record<'email' | 'phone' | 'name', string>,
  search: 'Search',
  found: (n: number): string => (n === 1 ? '1 patient found' : `${n} patients found`),
  noneFound: 'No patient found.',
  name: 'Name',
  dateOfBirth: 'Date of birth',
  email: 'Email',
  phone: 'Phone',
  state: 'State',
  restricted: 'Processing restricted',
  active: 'Active',
  // A patient's page
  heading: 'Patient',
  back: 'Find a patient',
  details: 'Details',
  since: 'Patient since',
  erased: (when: string) => `Erased on ${when}. Only anonymous records remain.`,
  restrictedSince: (when: string) =>
    `Processing restricted since ${when}: the record is kept, no messages are sent.`,
  bookings: 'Bookings',
  noBookings: 'No bookings.',
  noIntake: 'No intake forms were filled.',
  when: 'When',
  status: 'Status',
  openBooking: (when: string) => `Booking on ${when}`,
  consentState: 'Current decisions',
  noDecisions: 'No consent decisions yet.',
  decision: { granted: 'Given', denied: 'Refused', withdrawn: 'Withdrawn' } as Record<string, string>,
  // Correction
  correct: 'Correct the details',
  correctHeading: 'Correct the details',
  correctHint: 'Intake answers and consent records stay as the patient gave them; the change is audited.',
  saveCorrection: 'Save the correction',
  nothingChanged: 'Nothing was changed.',
  corrected: 'The details are corrected.',
  // Restriction
  restrictionHeading: 'Restriction of processing',
  restrictReason: 'Reason (optional)',
  restrict: 'Restrict processing',
  liftRestriction: 'Lift the restriction',
  restrictedNow: 'Processing is restricted.',
  liftedNow: 'The restriction is lifted.',
  // Export
  exportHeading: 'Export',
  exportHint:
    'Everything the clinic holds about the patient, and who read it. The file is made in this browser; hand it to the patient securely.',
  exportJson: 'Download as JSON',
  exportFhir: 'Download as FHIR',
  exported: 'The export is downloaded.',
  // Legal holds
  holdsHeading: 'Legal holds',
  holdsHint: 'A hold keeps the kinds of records named, whatever erasure or retention would remove.',
  noHolds: 'No legal holds.',
  kinds: 'Records kept',
  kind: { bookings: 'Bookings', intake: 'Intake', consent: 'Consent', audit: 'Audit trail' } satisfies Record<
    RecordKind,
    string
  >,
  holdReason: 'Reason (the law or case)',
  holdUntil: 'Until (optional)',
  placed: 'Placed',
  released: 'Released',
  holdActive: 'In force',
  placeHold: 'Place the hold',
  holdPlaced: 'The legal hold is placed.',
  pickKind: 'Choose at least one kind of record to keep.',
  release: (kinds: string) => `Release the hold on ${kinds}`,
  holdReleased: 'The legal hold is released.',
  // Erasure
  eraseHeading: 'Erasure',
  eraseHint:
    'Erases the patient’s details, booking notes, intake answers and files, and consent evidence. Bookings stay as anonymous rows; what a legal hold keeps stays.',
  erase: 'Erase this patient',
  eraseConfirm:
    'Erase this patient? This cannot be undone. The patient will no longer be found, and their details cannot be restored.',
  confirmErase: 'Yes, erase',
  keep: 'Keep the patient',
  erasedNow: 'The patient is erased.',
  reportHeading: 'Erasure report',
  reportRemoved: 'Removed',
  reportRetained: 'Kept',
  reportNothingKept: 'Nothing was kept.',
  removed: {
    patientDetails: 'Details (name, email, phone, date of birth)',
    bookingNotes: 'Booking notes',
    intakeResponses: 'Intake responses',
    intakeFiles: 'Intake files',
    consentEvidence: 'Consent evidence',
    pendingMessages: 'Messages not yet sent',
  } satisfies Record<RemovedKey, string>,
  detailsRemoved: (removed: boolean): string => (removed ? 'Removed' : 'Kept'),
  retainedReason: {
    legal_hold: 'A legal hold keeps them',
    sealed_before_erasure_support: 'Sealed before erasure was possible',
  } satisfies Record<RetainedReason, string>,
  retainedLine: (kind: string, count: number, reason: string) => `${kind}: ${count}. ${reason}.`,
  // What a role may not do
  readOnlyRights: 'Exports, restriction, legal holds and erasure are for the clinic’s owners and admins.',
}

const de = {
  intro:
    'Finden Sie Patientinnen und Patienten über die genaue E-Mail-Adresse oder Telefonnummer oder über einen Teil des Namens. Jeder Fund wird im Prüfprotokoll vermerkt.',
  searchBy: 'Suchen nach',
  by: { email: 'E-Mail-Adresse', phone: 'Telefonnummer', name: 'Name' },
  term: 'Suchbegriff',
  termHint: {
    email: 'Die vollständige Adresse, etwa name@example.com.',
    phone: 'Die vollständige Nummer mit Ländervorwahl, etwa +49.',
    name: 'Mindestens 2 Buchstaben des Vor- oder Nachnamens.',
  },
  search: 'Suchen',
  found: (n: number) => (n === 1 ? '1 Patient gefunden' : `${n} Patienten gefunden`),
  noneFound: 'Kein Patient gefunden.',
  name: 'Name',
  dateOfBirth: 'Geburtsdatum',
  email: 'E-Mail',
  phone: 'Telefon',
  state: 'Stand',
  restricted: 'Verarbeitung eingeschränkt',
  active: 'Aktiv',
  heading: 'Patient',
  back: 'Patienten suchen',
  details: 'Angaben',
  since: 'Patient seit',
  erased: (when: string) => `Gelöscht am ${when}. Es bleiben nur anonyme Einträge.`,
  restrictedSince: (when: string) =>
    `Verarbeitung eingeschränkt seit ${when}: Die Daten bleiben gespeichert, Nachrichten werden nicht versandt.`,
  bookings: 'Termine',
  noBookings: 'Keine Termine.',
  noIntake: 'Es wurden keine Anamnesebögen ausgefüllt.',
  when: 'Wann',
  status: 'Status',
  openBooking: (when: string) => `Termin am ${when}`,
  consentState: 'Aktuelle Entscheidungen',
  noDecisions: 'Noch keine Einwilligungsentscheidungen.',
  decision: { granted: 'Erteilt', denied: 'Abgelehnt', withdrawn: 'Widerrufen' },
  correct: 'Angaben berichtigen',
  correctHeading: 'Angaben berichtigen',
  correctHint:
    'Antworten aus Anamnesebögen und Einwilligungen bleiben, wie der Patient sie gegeben hat; die Änderung wird protokolliert.',
  saveCorrection: 'Berichtigung speichern',
  nothingChanged: 'Es wurde nichts geändert.',
  corrected: 'Die Angaben sind berichtigt.',
  restrictionHeading: 'Einschränkung der Verarbeitung',
  restrictReason: 'Grund (optional)',
  restrict: 'Verarbeitung einschränken',
  liftRestriction: 'Einschränkung aufheben',
  restrictedNow: 'Die Verarbeitung ist eingeschränkt.',
  liftedNow: 'Die Einschränkung ist aufgehoben.',
  exportHeading: 'Export',
  exportHint:
    'Alles, was die Praxis über den Patienten speichert, und wer es gelesen hat. Die Datei entsteht in diesem Browser; übergeben Sie sie dem Patienten auf sicherem Weg.',
  exportJson: 'Als JSON herunterladen',
  exportFhir: 'Als FHIR herunterladen',
  exported: 'Der Export ist heruntergeladen.',
  holdsHeading: 'Aufbewahrungspflichten',
  holdsHint:
    'Eine Aufbewahrungspflicht behält die genannten Arten von Einträgen, gleich was Löschung oder Aufbewahrungsfristen entfernen würden.',
  noHolds: 'Keine Aufbewahrungspflichten.',
  kinds: 'Aufbewahrte Einträge',
  kind: { bookings: 'Termine', intake: 'Anamnese', consent: 'Einwilligungen', audit: 'Prüfprotokoll' },
  holdReason: 'Grund (Gesetz oder Verfahren)',
  holdUntil: 'Bis (optional)',
  placed: 'Angelegt',
  released: 'Aufgehoben',
  holdActive: 'Gültig',
  placeHold: 'Aufbewahrungspflicht anlegen',
  holdPlaced: 'Die Aufbewahrungspflicht ist angelegt.',
  pickKind: 'Wählen Sie mindestens eine Art von Einträgen aus.',
  release: (kinds: string) => `Aufbewahrungspflicht für ${kinds} aufheben`,
  holdReleased: 'Die Aufbewahrungspflicht ist aufgehoben.',
  eraseHeading: 'Löschung',
  eraseHint:
    'Löscht die Angaben des Patienten, Terminnotizen, Anamneseantworten und Dateien sowie Einwilligungsnachweise. Termine bleiben als anonyme Einträge; was eine Aufbewahrungspflicht behält, bleibt.',
  erase: 'Diesen Patienten löschen',
  eraseConfirm:
    'Diesen Patienten löschen? Das lässt sich nicht rückgängig machen. Der Patient wird nicht mehr gefunden, seine Angaben lassen sich nicht wiederherstellen.',
  confirmErase: 'Ja, löschen',
  keep: 'Patienten behalten',
  erasedNow: 'Der Patient ist gelöscht.',
  reportHeading: 'Löschbericht',
  reportRemoved: 'Entfernt',
  reportRetained: 'Behalten',
  reportNothingKept: 'Nichts wurde behalten.',
  removed: {
    patientDetails: 'Angaben (Name, E-Mail, Telefon, Geburtsdatum)',
    bookingNotes: 'Terminnotizen',
    intakeResponses: 'Anamneseantworten',
    intakeFiles: 'Anamnesedateien',
    consentEvidence: 'Einwilligungsnachweise',
    pendingMessages: 'Noch nicht versandte Nachrichten',
  },
  detailsRemoved: (removed: boolean) => (removed ? 'Entfernt' : 'Behalten'),
  retainedReason: {
    legal_hold: 'Eine Aufbewahrungspflicht behält sie',
    sealed_before_erasure_support: 'Versiegelt, bevor Löschung möglich war',
  },
  retainedLine: (kind: string, count: number, reason: string) => `${kind}: ${count}. ${reason}.`,
  readOnlyRights:
    'Exporte, Einschränkung, Aufbewahrungspflichten und Löschung sind den Inhabern und Administratoren der Praxis vorbehalten.',
} satisfies typeof en

export const patientsWords = { en, de }
