// Consent records on the wire: one decision about one document version in one language, by whom and
// how, timed by the server. Records are never changed: a withdrawal is a new record naming the one it
// withdraws. Each record's hash chains it to the clinic's previous one, so any later change shows.
import * as z from 'zod'
import { ChainHead } from '../chain-head.js'
import { Id, Instant, ListQuery, listOf } from '../common.js'
import { ConsentMethod, ConsentPurpose, Language, LegalBasis } from './documents.js'

export const SignerRelation = z.enum(['self', 'parent', 'legal_guardian'])
export type SignerRelation = z.infer<typeof SignerRelation>

export const ConsentDecision = z.enum(['given', 'refused', 'withdrawn'])
export type ConsentDecision = z.infer<typeof ConsentDecision>

const SIGNATURE = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/

export const RecordConsent = z
  .object({
    documentId: Id,
    version: z.number().int().min(1),
    language: Language,
    textHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .meta({ description: 'The `hash` of the text shown; another text or hash is refused' }),
    decision: z.enum(['given', 'refused']),
    signer: z
      .object({
        relation: SignerRelation,
        name: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .optional()
          .meta({ description: 'Required when a parent or legal guardian signs: their own name' }),
      })
      .strict(),
    typedName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: 'For `typed_name` documents' }),
    signature: z
      .string()
      .max(300_000)
      .regex(SIGNATURE, 'A PNG as a data URL')
      .optional()
      .meta({ description: 'For `drawn_signature` documents: the drawn signature as a PNG data URL' }),
    patientId: Id.optional().meta({ description: 'Secret key only: whose consent the clinic records' }),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.signer.relation !== 'self' && !input.signer.name) {
      ctx.addIssue({
        code: 'custom',
        path: ['signer', 'name'],
        message: 'A parent or guardian signs with their name',
      })
    }
  })
export type RecordConsent = z.infer<typeof RecordConsent>

export const ConsentRecord = z
  .object({
    id: Id,
    sequence: z.number().int().min(1).meta({ description: "Place in the clinic's ledger" }),
    documentId: Id,
    version: z.number().int().min(1),
    purpose: ConsentPurpose,
    legalBasis: LegalBasis,
    language: Language,
    textHash: z.string(),
    decision: ConsentDecision,
    method: z
      .enum([
        ...ConsentMethod.options,
        'receipt_link',
        'clinic',
        'sms_reply',
        'whatsapp_reply',
        'email_unsubscribe',
      ])
      .meta({
        description:
          "How it was given; a withdrawal by the receipt link or by the clinic; a STOP or START reply on SMS or WhatsApp; an email's unsubscribe link or one-click POST",
      }),
    signer: z.object({ relation: SignerRelation, name: z.string().nullable() }),
    typedName: z.string().nullable(),
    hasSignature: z.boolean(),
    patientId: Id.nullable(),
    bookingId: Id.nullable(),
    intakeResponseId: Id.nullable(),
    withdraws: Id.nullable().meta({ description: 'For a withdrawal: the record it withdraws' }),
    recordedAt: Instant.meta({ description: "The server's time; the browser's clock is never asked" }),
    origin: z.string().nullable().meta({ description: 'The Origin header of the request that made it' }),
    hash: z.string().meta({ description: 'SHA-256 (hex) chaining this record to the previous one' }),
  })
  .meta({ id: 'ConsentRecord' })
export type ConsentRecord = z.infer<typeof ConsentRecord>

/** A page of the ledger, with the chain's signed head as it stood when the page was read. */
export const ConsentRecordPage = listOf(ConsentRecord)
  .extend({
    head: ChainHead.nullable().meta({
      description:
        'The signed head of the clinic’s consent ledger when this page was read (see docs/audit.md)',
    }),
  })
  .meta({ id: 'ConsentRecordPage' })
export type ConsentRecordPage = z.infer<typeof ConsentRecordPage>

export const ConsentRecorded = z
  .object({
    record: ConsentRecord,
    receiptToken: z.string().meta({
      description:
        "Shown once: opens the patient's receipt and withdraws this consent. Put it in a URL fragment",
    }),
  })
  .meta({ id: 'ConsentRecorded' })
export type ConsentRecorded = z.infer<typeof ConsentRecorded>

export const WithdrawConsent = z.object({ reason: z.string().trim().max(500).optional() }).strict()
export type WithdrawConsent = z.infer<typeof WithdrawConsent>

export const ConsentRecordListQuery = ListQuery.extend({
  patientId: Id.optional(),
  documentId: Id.optional(),
  purpose: ConsentPurpose.optional(),
})
export type ConsentRecordListQuery = z.infer<typeof ConsentRecordListQuery>

/** The ledger page as a FHIR Bundle: a `collection` to read, or a `transaction` to POST to a FHIR server. */
export const ConsentBundleQuery = ConsentRecordListQuery.extend({
  type: z.enum(['collection', 'transaction']).default('collection'),
})
export type ConsentBundleQuery = z.infer<typeof ConsentBundleQuery>

export const ConsentState = z
  .object({
    patientId: Id,
    purposes: z.array(
      z.object({
        purpose: ConsentPurpose,
        state: ConsentDecision,
        recordId: Id,
        documentId: Id,
        version: z.number().int(),
        recordedAt: Instant,
      }),
    ),
  })
  .meta({
    id: 'ConsentState',
    description: 'The latest decision per purpose; purposes never decided are absent',
  })
export type ConsentState = z.infer<typeof ConsentState>

export const ConsentChainCheck = z
  .object({
    intact: z.boolean(),
    records: z.number().int().meta({ description: 'How many records were checked' }),
    firstBroken: z
      .object({ sequence: z.number().int(), recordId: z.string().nullable(), reason: z.string() })
      .nullable(),
    head: ChainHead.nullable().meta({ description: 'The signed head the records were checked against' }),
  })
  .meta({ id: 'ConsentChainCheck' })
export type ConsentChainCheck = z.infer<typeof ConsentChainCheck>

/** A receipt shaped after the Kantara Consent Receipt (and the fields ISO/IEC TS 27560 keeps). */
export const ConsentReceipt = z
  .object({
    version: z.literal('KI-CR-v1.1.0'),
    jurisdiction: z.string(),
    consentTimestamp: z.number().int().meta({ description: 'Seconds since the epoch, server time' }),
    collectionMethod: z.string(),
    consentReceiptID: Id,
    language: Language,
    piiPrincipalId: z
      .string()
      .meta({ description: 'The patient, as the clinic knows them (an id, never a name)' }),
    piiControllers: z.array(z.object({ piiController: z.string(), piiControllerId: Id })),
    policyUrl: z.string().nullable(),
    services: z.array(
      z.object({
        service: z.string(),
        purposes: z.array(
          z.object({
            purpose: z.string(),
            purposeCategory: z.array(ConsentPurpose),
            consentType: z.string(),
            lawfulBasis: LegalBasis,
            primaryPurpose: z.boolean(),
            termination: z.string(),
            thirdPartyDisclosure: z.boolean(),
          }),
        ),
      }),
    ),
    sensitive: z.boolean(),
    spiCat: z.array(z.string()),
    /** Frontdesk's own fields: what the record proves. */
    decision: ConsentDecision,
    documentId: Id,
    documentVersion: z.number().int(),
    textHash: z.string(),
    recordHash: z.string(),
    signer: z.object({ relation: SignerRelation }),
    withdrawnBy: Id.nullable().meta({ description: 'The withdrawal that ended this consent, if any' }),
  })
  .meta({ id: 'ConsentReceipt' })
export type ConsentReceipt = z.infer<typeof ConsentReceipt>
