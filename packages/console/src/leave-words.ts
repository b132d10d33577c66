// The words of the "Leave Frontdesk" page, in English and German (Sie-form). Wired into messages.ts as
// `messages.leave` (English); the language switch picks `.de`.

const en = {
  intro:
    'Take everything your clinic holds with you, then close the clinic on Frontdesk. Only the owner can do this, and each step asks for your password again.',
  exportHeading: '1. Download everything',
  exportHint:
    'One zip file: patients, bookings, intake answers with their files, consent records with signatures and documents, messages, the audit trail and your settings. Patient data is in FHIR (NDJSON) and JSON; manifest.json lists every file with its SHA-256 hash.',
  password: 'Your password',
  download: 'Download the archive',
  preparing: 'Preparing the archive…',
  downloaded: 'The archive is downloaded',
  archiveName: 'File',
  archiveSize: 'Size',
  archiveHash: 'SHA-256',
  closeHeading: '2. Close the clinic',
  closeWarning:
    'Closing cannot be undone. The clinic’s data key is destroyed and every record is deleted: patients, bookings, intake, consent evidence, messages, the audit trail, keys, webhooks and staff accounts. Booking widgets on your website stop working at once.',
  noArchiveYet: 'You have not downloaded the archive in this session. You can still close the clinic.',
  clinicName: (name: string) => `Type the clinic’s name to confirm: ${name}`,
  closeButton: 'Close the clinic for good',
  closing: 'Closing the clinic…',
  wrongPassword: 'That password is not right.',
  wrongName: 'The name does not match. Type the clinic’s name exactly as shown.',
  closedHeading: 'The clinic is closed',
  closedIntro: (date: string) =>
    `Closed on ${date}. This is what was deleted; Frontdesk keeps only this report, without any patient data.`,
  table: 'Records',
  rows: 'Deleted',
  keyVersions: (n: number) => `Data keys destroyed: ${n}`,
  closureId: 'Closure reference',
  finish: 'Finish and sign out',
}

export const leaveWords = {
  en,
  de: {
    intro:
      'Nehmen Sie alle Daten Ihrer Praxis mit und schließen Sie die Praxis danach bei Frontdesk. Das kann nur die Inhaberin oder der Inhaber; jeder Schritt fragt erneut nach Ihrem Passwort.',
    exportHeading: '1. Alles herunterladen',
    exportHint:
      'Eine ZIP-Datei: Patientinnen und Patienten, Termine, Anamnese-Antworten mit ihren Dateien, Einwilligungen mit Unterschriften und Dokumenten, Nachrichten, das Protokoll und Ihre Einstellungen. Patientendaten liegen als FHIR (NDJSON) und JSON vor; manifest.json führt jede Datei mit ihrem SHA-256-Hash auf.',
    password: 'Ihr Passwort',
    download: 'Archiv herunterladen',
    preparing: 'Das Archiv wird erstellt …',
    downloaded: 'Das Archiv ist heruntergeladen',
    archiveName: 'Datei',
    archiveSize: 'Größe',
    archiveHash: 'SHA-256',
    closeHeading: '2. Praxis schließen',
    closeWarning:
      'Das Schließen lässt sich nicht rückgängig machen. Der Datenschlüssel der Praxis wird vernichtet und alle Einträge werden gelöscht: Patientinnen und Patienten, Termine, Anamnesen, Einwilligungsnachweise, Nachrichten, das Protokoll, Schlüssel, Webhooks und Mitarbeiterkonten. Buchungs-Widgets auf Ihrer Website funktionieren sofort nicht mehr.',
    noArchiveYet:
      'Sie haben das Archiv in dieser Sitzung nicht heruntergeladen. Sie können die Praxis trotzdem schließen.',
    clinicName: (name: string) => `Geben Sie zur Bestätigung den Namen der Praxis ein: ${name}`,
    closeButton: 'Praxis endgültig schließen',
    closing: 'Die Praxis wird geschlossen …',
    wrongPassword: 'Das Passwort ist nicht richtig.',
    wrongName: 'Der Name stimmt nicht überein. Geben Sie den Namen der Praxis genau wie angezeigt ein.',
    closedHeading: 'Die Praxis ist geschlossen',
    closedIntro: (date: string) =>
      `Geschlossen am ${date}. Folgendes wurde gelöscht; Frontdesk bewahrt nur diesen Bericht auf, ohne Patientendaten.`,
    table: 'Einträge',
    rows: 'Gelöscht',
    keyVersions: (n: number) => `Vernichtete Datenschlüssel: ${n}`,
    closureId: 'Referenz der Schließung',
    finish: 'Abschließen und abmelden',
  } satisfies typeof en,
}
