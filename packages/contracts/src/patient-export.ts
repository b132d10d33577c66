// The patient's copy of what one clinic holds about them (GDPR Art. 15, 20), as the JSON export answers it:
// `GET /v1/patients/{id}/export` for the clinic, and the patient's own download of a completed access request.
import * as z from 'zod'
import { Booking } from './bookings.js'
import { Id, Instant } from './common.js'
import { ConsentRecord } from './consent/records.js'
import { IntakeFormDefinition } from './intake/definition.js'
import { IntakeFile, IntakeResponse } from './intake/responses.js'
import { Message } from './messages.js'
import { PatientRecord } from './patients.js'

/** One answered or started intake, with the form version it answered, so the export reads on its own. */
const ExportedIntakeResponse = IntakeResponse.pick({
  id: true,
  formId: true,
  version: true,
  status: true,
  bookingId: true,
  answers: true,
  createdAt: true,
  submittedAt: true,
}).extend({
  formTitle: z.string(),
  files: z.array(IntakeFile),
  definition: IntakeFormDefinition,
})

/** Who read or changed any of it: the audit trail about the patient and their records. */
const ExportedAccess = z.object({
  at: Instant,
  actor: z.object({ type: z.string(), id: z.string() }),
  action: z.string(),
  object: z.object({ type: z.string(), id: z.string() }),
  clientIp: z.string().nullable(),
})

export const PatientExport = z
  .object({
    format: z.literal('frontdesk-patient-export/1'),
    exportedAt: Instant,
    clinic: z.object({ id: Id, name: z.string(), timeZone: z.string() }),
    patient: PatientRecord,
    bookings: z.array(Booking.extend({ notes: z.string().nullable(), cancelReason: z.string().nullable() })),
    intakeResponses: z.array(ExportedIntakeResponse),
    consentRecords: z.array(ConsentRecord),
    messages: z.array(Message),
    access: z.array(ExportedAccess),
  })
  .meta({ id: 'PatientExport' })
export type PatientExport = z.infer<typeof PatientExport>
