// Intake responses on the wire. The patient's side is a draft, reached with a resume token: saved as they
// go, files uploaded into it, then submitted once. The clinic's side reads responses, decrypted, with
// its secret key. Answers are the plain `Answers` of ./types.ts, judged by the one validator.
import * as z from 'zod'
import { Id, Instant, ListQuery, LocalDate } from '../common.js'
import type { Answers } from './types.js'

export const IntakeResponseStatus = z.enum(['draft', 'submitted'])
export type IntakeResponseStatus = z.infer<typeof IntakeResponseStatus>

/** Answers as the validator takes them; the shape is checked against the pinned form version, not here. */
const AnswersBody = z.record(z.string(), z.unknown()).meta({
  description: 'Answers keyed by item id; groups nest, repeating groups are lists',
}) as z.ZodType<Answers>

export const IntakeFile = z
  .object({
    id: Id,
    field: z.string().meta({ description: 'The file field, as item ids joined by dots (no repeat index)' }),
    contentType: z.string(),
    bytes: z.number().int().min(1),
    uploadedAt: Instant,
  })
  .meta({ id: 'IntakeFile' })
export type IntakeFile = z.infer<typeof IntakeFile>

const responseFields = {
  id: Id,
  formId: Id,
  version: z.number().int().min(1).meta({ description: 'The form version this response answers, for good' }),
  status: IntakeResponseStatus,
  bookingId: Id.nullable(),
  answers: AnswersBody,
  files: z.array(IntakeFile),
  updatedAt: Instant,
}

/** What the patient's resume token reads: the draft as saved, and the clinic's date for `today` limits. */
export const IntakeDraft = z
  .object({
    ...responseFields,
    today: LocalDate.meta({ description: "The clinic's date now, which `today` in date limits means" }),
    expiresAt: Instant.meta({ description: 'When the idle draft and its token expire; each save moves it' }),
  })
  .meta({ id: 'IntakeDraft' })
export type IntakeDraft = z.infer<typeof IntakeDraft>

export const IntakeDraftCreated = z
  .object({
    draft: IntakeDraft,
    resumeToken: z.string().meta({
      description:
        'Shown once. Reads, saves and submits this draft until it is submitted or expires; put it in a URL fragment, never a query string',
    }),
  })
  .meta({ id: 'IntakeDraftCreated' })
export type IntakeDraftCreated = z.infer<typeof IntakeDraftCreated>

export const CreateIntakeDraft = z
  .object({
    formId: Id,
    bookingId: Id.optional().meta({ description: 'Secret key only: link an invitation to a booking' }),
  })
  .strict()
export type CreateIntakeDraft = z.infer<typeof CreateIntakeDraft>

/**
 * Answers as sent: any JSON, so the one validator judges their shape too (a list where an object
 * belongs is `wrongType` at `answers`, in the browser and on the server alike). Only absence is zod's.
 */
const AnswersInput = z
  .unknown()
  .refine((value) => value !== undefined, 'Required')
  .meta({
    description: 'Answers keyed by item id, as the pinned version asks them',
  }) as unknown as z.ZodType<Answers>

export const SaveIntakeDraft = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'The version the patient was shown; must be the pinned one' }),
    answers: AnswersInput,
  })
  .strict()
export type SaveIntakeDraft = z.infer<typeof SaveIntakeDraft>

export const IntakeSubmitted = z
  .object({ id: Id, status: z.literal('submitted'), submittedAt: Instant })
  .meta({ id: 'IntakeSubmitted' })
export type IntakeSubmitted = z.infer<typeof IntakeSubmitted>

/** The clinic's view: decrypted answers, files to fetch, and who it belongs to. */
export const IntakeResponse = z
  .object({
    ...responseFields,
    patientId: Id.nullable(),
    createdAt: Instant,
    submittedAt: Instant.nullable(),
  })
  .meta({ id: 'IntakeResponse' })
export type IntakeResponse = z.infer<typeof IntakeResponse>

/** A list row: no answers, so listing reads no health data. */
export const IntakeResponseSummary = IntakeResponse.omit({ answers: true, files: true }).meta({
  id: 'IntakeResponseSummary',
})
export type IntakeResponseSummary = z.infer<typeof IntakeResponseSummary>

export const IntakeResponseListQuery = ListQuery.extend({
  formId: Id.optional(),
  bookingId: Id.optional(),
  status: IntakeResponseStatus.optional(),
})
export type IntakeResponseListQuery = z.infer<typeof IntakeResponseListQuery>
