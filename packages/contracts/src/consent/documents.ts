// Consent documents on the wire: what a clinic asks patients to agree to, per purpose, with its legal
// basis and the way agreement must be given, in one or more languages. Published versions never change;
// each text carries the hash a consent record must name, so a record proves exactly what was shown.
import * as z from 'zod'
import { Id, Instant } from '../common.js'

export const ConsentPurpose = z.enum([
  'treatment',
  'privacy_notice',
  'telehealth',
  'data_sharing',
  'marketing_email',
  'marketing_sms',
  'marketing_whatsapp',
  /** Appointment messages (confirmations, reminders) on one channel: what a STOP or START reply records. */
  'messages_email',
  'messages_sms',
  'messages_whatsapp',
])
export type ConsentPurpose = z.infer<typeof ConsentPurpose>

/** GDPR Art. 6(1) and, for health data, Art. 9(2)(a) explicit consent. */
export const LegalBasis = z.enum([
  'consent',
  'explicit_consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
])
export type LegalBasis = z.infer<typeof LegalBasis>

export const ConsentMethod = z.enum(['checkbox', 'typed_name', 'drawn_signature'])
export type ConsentMethod = z.infer<typeof ConsentMethod>

export const Language = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'A language tag such as en, de or pt-BR')
  .meta({ description: 'BCP 47 language tag' })

export const ConsentTextInput = z
  .object({
    language: Language,
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(50_000).meta({
      description: 'Markdown; rendered to HTML and sanitized: links and emphasis stay, script never runs',
    }),
  })
  .strict()
export type ConsentTextInput = z.infer<typeof ConsentTextInput>

const Texts = z
  .array(ConsentTextInput)
  .min(1)
  .max(20)
  .refine((texts) => new Set(texts.map((text) => text.language)).size === texts.length, {
    message: 'One text per language',
  })

export const CreateConsentDocument = z
  .object({
    name: z.string().trim().min(1).max(200).meta({ description: "The clinic's own name for it" }),
    purpose: ConsentPurpose,
    legalBasis: LegalBasis,
    method: ConsentMethod.meta({ description: 'How a patient gives this consent' }),
    texts: Texts,
  })
  .strict()
export type CreateConsentDocument = z.infer<typeof CreateConsentDocument>

export const PublishConsentVersion = z
  .object({ method: ConsentMethod.optional(), legalBasis: LegalBasis.optional(), texts: Texts })
  .strict()
export type PublishConsentVersion = z.infer<typeof PublishConsentVersion>

export const ConsentText = z
  .object({
    language: Language,
    title: z.string(),
    html: z.string().meta({ description: 'The sanitized text exactly as a patient is shown it' }),
    hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .meta({ description: 'SHA-256 (hex) of `title`, a newline and `html`, in UTF-8: what a record names' }),
  })
  .meta({ id: 'ConsentText' })
export type ConsentText = z.infer<typeof ConsentText>

export const ConsentDocumentVersion = z
  .object({
    documentId: Id,
    version: z.number().int().min(1),
    purpose: ConsentPurpose,
    legalBasis: LegalBasis,
    method: ConsentMethod,
    texts: z.array(ConsentText),
    publishedAt: Instant,
  })
  .meta({ id: 'ConsentDocumentVersion' })
export type ConsentDocumentVersion = z.infer<typeof ConsentDocumentVersion>

export const ConsentDocument = z
  .object({
    id: Id,
    name: z.string(),
    purpose: ConsentPurpose,
    currentVersion: z.number().int().min(1),
    current: ConsentDocumentVersion,
    createdAt: Instant,
  })
  .meta({ id: 'ConsentDocument' })
export type ConsentDocument = z.infer<typeof ConsentDocument>
