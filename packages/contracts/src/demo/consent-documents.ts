// The consent documents the demo clinic ships with, written as a German family practice would: one
// per purpose, each with its legal basis and the way it is given, in English and German.
import type { CreateConsentDocument } from '../consent/documents.js'

export const TREATMENT: CreateConsentDocument = {
  name: 'Consent to examination and treatment',
  purpose: 'treatment',
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
}

export const PRIVACY_NOTICE: CreateConsentDocument = {
  name: 'Privacy notice',
  purpose: 'privacy_notice',
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
}

export const TELEHEALTH: CreateConsentDocument = {
  name: 'Video consultations',
  purpose: 'telehealth',
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
}

export const DATA_SHARING: CreateConsentDocument = {
  name: 'Sharing with other doctors',
  purpose: 'data_sharing',
  legalBasis: 'explicit_consent',
  method: 'checkbox',
  texts: [
    {
      language: 'en',
      title: 'Sharing findings with doctors who treat me',
      body: 'I agree that Lindenhof Family Practice may send findings and letters to the specialists and hospitals I am referred to, and receive theirs.',
    },
    {
      language: 'de',
      title: 'Austausch von Befunden mit mitbehandelnden Ärzten',
      body: 'Ich willige ein, dass die Hausarztpraxis Lindenhof Befunde und Arztbriefe an Fachärzte und Kliniken sendet, an die ich überwiesen werde, und deren Befunde erhält.',
    },
  ],
}

const marketing = (
  purpose: 'marketing_email' | 'marketing_sms' | 'marketing_whatsapp',
  en: string,
  de: string,
) =>
  ({
    name: `News by ${en}`,
    purpose,
    legalBasis: 'consent',
    method: 'checkbox',
    texts: [
      {
        language: 'en',
        title: `Practice news by ${en}`,
        body: `Send me news from the practice by ${en}: flu vaccination dates, new services and holiday closures, at most twice a month. I can stop them at any time.`,
      },
      {
        language: 'de',
        title: `Praxisneuigkeiten per ${de}`,
        body: `Schicken Sie mir Neuigkeiten aus der Praxis per ${de}: Termine für die Grippeimpfung, neue Leistungen und Urlaubszeiten, höchstens zweimal im Monat. Ich kann das jederzeit beenden.`,
      },
    ],
  }) satisfies CreateConsentDocument

export const MARKETING_EMAIL = marketing('marketing_email', 'email', 'E-Mail')
export const MARKETING_SMS = marketing('marketing_sms', 'SMS', 'SMS')
export const MARKETING_WHATSAPP = marketing('marketing_whatsapp', 'WhatsApp', 'WhatsApp')

export const DEMO_CONSENT_DOCUMENTS: CreateConsentDocument[] = [
  TREATMENT,
  PRIVACY_NOTICE,
  TELEHEALTH,
  DATA_SHARING,
  MARKETING_EMAIL,
  MARKETING_SMS,
  MARKETING_WHATSAPP,
]

/** What every demo service asks for after booking, in this order. */
export const SERVICE_CONSENT_PURPOSES = ['treatment', 'privacy_notice'] as const

/** What the demo site's booking asks for itself, after the service's. */
export const BOOKING_CONSENT_PURPOSES = ['marketing_email'] as const
