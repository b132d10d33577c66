// The demo clinic's consent documents, as the API's demo seeds them: treatment (signed), the privacy
// notice (a checkbox), video consultations (a typed name) and practice news by email, in English and German.
import type { ConsentMethod, ConsentPurpose, ConsentTextInput, LegalBasis } from '@frontdesk/contracts'

export interface MockConsentVersion {
  legalBasis: LegalBasis
  method: ConsentMethod
  /** Markdown, as a clinic writes it; the mocks show each paragraph escaped in `<p>` and hash that. */
  texts: ConsentTextInput[]
  publishedAt: string
}

/** A consent document as the mocks hold it: every published version, oldest first; the last is current. */
export interface MockConsentDocument {
  id: string
  name: string
  purpose: ConsentPurpose
  createdAt: string
  /** Version `n` is `versions[n - 1]`; give at least one. */
  versions: MockConsentVersion[]
}

const PUBLISHED = '2025-01-06T08:00:00.000Z'

const document = (
  id: string,
  name: string,
  purpose: ConsentPurpose,
  version: Omit<MockConsentVersion, 'publishedAt'>,
): MockConsentDocument => ({
  id,
  name,
  purpose,
  createdAt: PUBLISHED,
  versions: [{ ...version, publishedAt: PUBLISHED }],
})

export const demoConsentDocuments: MockConsentDocument[] = [
  document('cdoc_treatment', 'Consent to examination and treatment', 'treatment', {
    legalBasis: 'explicit_consent',
    method: 'drawn_signature',
    texts: [
      {
        language: 'en',
        title: 'Consent to examination and treatment',
        body: `I agree to be examined and treated by the doctors and therapists of Lindenhof Family Practice.

- Before any treatment beyond a routine examination, they will explain what they propose, its risks and the alternatives, and ask me again.
- I may ask questions at any time, and I may refuse or stop a treatment.
- For a child, a parent or legal guardian signs, and the child is involved as far as their age allows.`,
      },
      {
        language: 'de',
        title: 'Einwilligung in Untersuchung und Behandlung',
        body: `Ich willige ein, von den Ärztinnen, Ärzten und Therapeuten der Hausarztpraxis Lindenhof untersucht und behandelt zu werden.

- Vor jeder Behandlung, die über eine übliche Untersuchung hinausgeht, erklären sie mir Vorgehen, Risiken und Alternativen und fragen mich erneut.
- Ich kann jederzeit Fragen stellen und eine Behandlung ablehnen oder abbrechen.
- Für ein Kind unterschreibt ein Elternteil oder ein gesetzlicher Vormund; das Kind wird so weit einbezogen, wie es sein Alter erlaubt.`,
      },
    ],
  }),
  document('cdoc_privacy', 'Privacy notice', 'privacy_notice', {
    legalBasis: 'legal_obligation',
    method: 'checkbox',
    texts: [
      {
        language: 'en',
        title: 'How we look after your data',
        body: `We process your personal and health data to treat you and to bill your insurer (Art. 9(2)(h) GDPR, § 630f BGB). Medical records are kept for ten years after your last treatment.

You may see, correct and receive a copy of your data, and ask us to restrict or erase what the law does not require us to keep. Our data protection officer answers at [datenschutz@lindenhof-praxis.example](mailto:datenschutz@lindenhof-praxis.example).`,
      },
      {
        language: 'de',
        title: 'Wie wir mit Ihren Daten umgehen',
        body: `Wir verarbeiten Ihre personenbezogenen und Gesundheitsdaten, um Sie zu behandeln und mit Ihrer Krankenkasse abzurechnen (Art. 9 Abs. 2 lit. h DSGVO, § 630f BGB). Patientenakten bewahren wir zehn Jahre nach der letzten Behandlung auf.

Sie können Ihre Daten einsehen, berichtigen und eine Kopie erhalten und verlangen, dass wir einschränken oder löschen, was wir nicht aufbewahren müssen. Unsere Datenschutzbeauftragte erreichen Sie unter [datenschutz@lindenhof-praxis.example](mailto:datenschutz@lindenhof-praxis.example).`,
      },
    ],
  }),
  document('cdoc_telehealth', 'Video consultations', 'telehealth', {
    legalBasis: 'explicit_consent',
    method: 'typed_name',
    texts: [
      {
        language: 'en',
        title: 'Consent to video consultations',
        body: 'I agree to be seen by video when my doctor thinks it suitable. The call is end-to-end encrypted and never recorded; I can ask for an appointment in person instead at any time.',
      },
      {
        language: 'de',
        title: 'Einwilligung in Videosprechstunden',
        body: 'Ich willige ein, per Video behandelt zu werden, wenn meine Ärztin oder mein Arzt es für geeignet hält. Das Gespräch ist Ende-zu-Ende verschlüsselt und wird nie aufgezeichnet; ich kann jederzeit stattdessen einen Termin vor Ort verlangen.',
      },
    ],
  }),
  document('cdoc_newsEmail', 'News by email', 'marketing_email', {
    legalBasis: 'consent',
    method: 'checkbox',
    texts: [
      {
        language: 'en',
        title: 'Practice news by email',
        body: 'Send me news from the practice by email: flu vaccination dates, new services and holiday closures, at most twice a month. I can stop them at any time.',
      },
      {
        language: 'de',
        title: 'Praxisneuigkeiten per E-Mail',
        body: 'Schicken Sie mir Neuigkeiten aus der Praxis per E-Mail: Termine für die Grippeimpfung, neue Leistungen und Urlaubszeiten, höchstens zweimal im Monat. Ich kann das jederzeit beenden.',
      },
    ],
  }),
]

/** What every demo service asks for after booking, as in the API's demo. */
export const serviceConsentDocumentIds = ['cdoc_treatment', 'cdoc_privacy']
