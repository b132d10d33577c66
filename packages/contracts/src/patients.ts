// Patients and their rights on the wire: the clinic's record of a patient, corrections, restriction,
// legal holds, erasure, exports, requests patients make from the clinic's website, and retention.
import * as z from 'zod'
import { Patient, PersonName, Phone } from './bookings.js'
import { Id, Instant, LocalDate } from './common.js'
import { DATE_OF_BIRTH_MIN, EMAIL_MAX } from './rules.js'

/** The clinic's record of a patient: the details, and whether processing is restricted or they were erased. */
export const PatientRecord = Patient.extend({
  restrictedAt: Instant.nullable().meta({
    description: 'Set while processing is restricted: stored only, no messages',
  }),
  erasedAt: Instant.nullable(),
  createdAt: Instant,
}).meta({ id: 'PatientRecord' })
export type PatientRecord = z.infer<typeof PatientRecord>

export const UpdatePatient = z
  .object({
    name: PersonName,
    email: z.email('Enter an email address such as name@example.com').max(EMAIL_MAX).nullable(),
    phone: Phone.nullable(),
    dateOfBirth: LocalDate.refine((value) => value >= DATE_OF_BIRTH_MIN && Date.parse(value) <= Date.now(), {
      message: 'Enter a date of birth in the past',
    }),
    phoneRegion: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).some((key) => key !== 'phoneRegion'), {
    message: 'Name at least one field to correct',
  })
export type UpdatePatient = z.infer<typeof UpdatePatient>

/**
 * Find the clinic's patients by exactly one of email, phone (exact, as normalised) or name (any part of
 * it, ignoring case and accents). In the body, never the URL: the terms are patient data.
 */
export const PatientSearch = z
  .object({
    email: z.email('Enter an email address such as name@example.com').max(EMAIL_MAX).optional(),
    phone: Phone.optional(),
    phoneRegion: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional()
      .meta({ description: 'ISO country of a phone given without its country code' }),
    name: z.string().trim().min(2, 'Enter at least 2 letters of the name').max(200).optional(),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict()
  .refine(
    (search) => [search.email, search.phone, search.name].filter((term) => term !== undefined).length === 1,
    {
      message: 'Search by one of email, phone or name',
    },
  )
  .meta({
    id: 'PatientSearch',
    examples: [{ email: 'jane@example.com' }, { name: 'doe', limit: 10 }],
  })
export type PatientSearch = z.input<typeof PatientSearch>

export const PatientSearchResults = z
  .object({ data: z.array(PatientRecord) })
  .meta({ id: 'PatientSearchResults' })
export type PatientSearchResults = z.infer<typeof PatientSearchResults>

export const SetRestriction = z
  .object({
    restricted: z.boolean(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
export type SetRestriction = z.infer<typeof SetRestriction>

export const RecordKind = z.enum(['bookings', 'intake', 'consent', 'audit'])
export type RecordKind = z.infer<typeof RecordKind>

export const LegalHold = z
  .object({
    id: Id,
    patientId: Id,
    kinds: z.array(RecordKind),
    reason: z.string(),
    until: LocalDate.nullable(),
    createdAt: Instant,
    releasedAt: Instant.nullable(),
  })
  .meta({ id: 'LegalHold' })
export type LegalHold = z.infer<typeof LegalHold>

export const CreateLegalHold = z
  .object({
    kinds: z.array(RecordKind).min(1).max(4),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .meta({ description: 'The law or case that requires keeping them' }),
    until: LocalDate.optional().meta({
      description: 'Released on its own after this date; none: until released',
    }),
  })
  .strict()
export type CreateLegalHold = z.infer<typeof CreateLegalHold>

export const ErasureReport = z
  .object({
    patientId: Id,
    erasedAt: Instant,
    removed: z.object({
      patientDetails: z.boolean(),
      bookingNotes: z.number().int(),
      intakeResponses: z.number().int(),
      intakeFiles: z.number().int(),
      consentEvidence: z.number().int(),
      pendingMessages: z.number().int(),
    }),
    retained: z.array(
      z.object({
        kind: RecordKind,
        count: z.number().int(),
        reason: z.enum(['legal_hold', 'sealed_before_erasure_support']),
        holdId: Id.nullable(),
      }),
    ),
  })
  .meta({ id: 'ErasureReport' })
export type ErasureReport = z.infer<typeof ErasureReport>

export const ExportFormat = z.enum(['json', 'fhir'])
/** A FHIR export as a `collection` to read, or a `transaction` to POST to a FHIR server as it is. */
export const FhirBundleType = z.enum(['collection', 'transaction'])
export const ExportQuery = z
  .object({
    format: ExportFormat.default('json'),
    type: FhirBundleType.default('collection').meta({
      description: 'With `format=fhir`: the Bundle type; a `transaction` PUTs each resource by its id',
    }),
  })
  .refine((query) => query.format === 'fhir' || query.type === 'collection', {
    path: ['type'],
    message: 'A bundle type goes with format=fhir',
  })
export type ExportQuery = z.infer<typeof ExportQuery>

export const RightsRequestKind = z.enum(['access', 'rectification', 'erasure', 'restriction', 'objection'])
export type RightsRequestKind = z.infer<typeof RightsRequestKind>

export const CreateRightsRequest = z
  .object({
    kind: RightsRequestKind,
    email: z.email('Enter an email address such as name@example.com').max(EMAIL_MAX).optional(),
    phone: Phone.optional(),
    phoneRegion: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    dateOfBirth: LocalDate.meta({ description: 'With the email or phone, how the clinic finds the patient' }),
    details: z.string().trim().max(2000).optional().meta({ description: 'For a correction: what is wrong' }),
    language: z.enum(['en', 'de']).optional(),
  })
  .strict()
  .refine((request) => (request.email === undefined) !== (request.phone === undefined), {
    message: 'Give an email address or a phone number',
    path: ['email'],
  })
export type CreateRightsRequest = z.infer<typeof CreateRightsRequest>

export const RightsRequestStarted = z
  .object({
    requestId: Id,
    codeSentTo: z.enum(['email', 'sms']),
    expiresAt: Instant.meta({ description: 'The code works until then' }),
  })
  .meta({ id: 'RightsRequestStarted' })
export type RightsRequestStarted = z.infer<typeof RightsRequestStarted>

export const VerifyRightsRequest = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'Enter the six-digit code'),
  })
  .strict()
export type VerifyRightsRequest = z.infer<typeof VerifyRightsRequest>

export const RightsRequestStatus = z.enum(['unverified', 'open', 'completed', 'rejected'])

export const RightsRequest = z
  .object({
    id: Id,
    kind: RightsRequestKind,
    status: RightsRequestStatus,
    channel: z.enum(['email', 'sms']),
    contact: z.string().meta({ description: 'The verified email address or phone number' }),
    dateOfBirth: LocalDate.nullable(),
    details: z.string().nullable(),
    patientId: Id.nullable().meta({
      description: 'The patient it matched, if any; the clinic checks before acting',
    }),
    createdAt: Instant,
    verifiedAt: Instant.nullable(),
    dueAt: Instant.nullable().meta({ description: 'One month after verification (GDPR Art. 12(3))' }),
    decidedAt: Instant.nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'RightsRequest' })
export type RightsRequest = z.infer<typeof RightsRequest>

export const DecideRightsRequest = z
  .object({
    decision: z.enum(['complete', 'reject']),
    note: z.string().trim().max(1000).optional(),
    patientId: Id.optional().meta({
      description: 'The patient to act for, when the request did not match one',
    }),
  })
  .strict()
export type DecideRightsRequest = z.infer<typeof DecideRightsRequest>

export const RetentionPolicy = z
  .object({
    bookingsDays: z.number().int().min(1).max(36500).nullable(),
    intakeDays: z.number().int().min(1).max(36500).nullable(),
    consentEvidenceDays: z.number().int().min(1).max(36500).nullable(),
    auditDays: z.number().int().min(1).max(36500).nullable(),
  })
  .meta({
    id: 'RetentionPolicy',
    description: 'Days after the last activity each kind is kept; null keeps it until erased',
  })
export type RetentionPolicy = z.infer<typeof RetentionPolicy>

export const UpdateRetentionPolicy = RetentionPolicy.partial().strict()

export const RetentionRun = z
  .object({
    id: Id,
    ranAt: Instant,
    removed: z.object({
      bookings: z.number().int(),
      patients: z.number().int().meta({ description: 'Patients left with no records, made anonymous' }),
      intakeResponses: z.number().int(),
      consentEvidence: z.number().int(),
      auditEvents: z.number().int(),
    }),
    keptByLegalHold: z.object({
      bookings: z.number().int(),
      intakeResponses: z.number().int(),
      consentEvidence: z.number().int(),
      auditEvents: z.number().int(),
    }),
  })
  .meta({ id: 'RetentionRun' })
export type RetentionRun = z.infer<typeof RetentionRun>

export const RunRetention = z
  .object({
    dryRun: z.boolean().optional().meta({
      description: 'Work out what a purge now would remove and what holds would keep, and remove nothing',
    }),
  })
  .strict()
export type RunRetention = z.infer<typeof RunRetention>

export const RetentionDryRun = RetentionRun.extend({
  id: Id.meta({ description: 'A fresh id: a dry run is not stored' }),
  dryRun: z.literal(true),
}).meta({ id: 'RetentionDryRun', description: 'What a purge now would do; nothing was removed' })
export type RetentionDryRun = z.infer<typeof RetentionDryRun>
