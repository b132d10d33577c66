// The patient's copy of what one clinic holds about them (GDPR Art. 15 and 20): as JSON, and as a FHIR R4
// Bundle (./export-fhir.ts) another system can import.
// It names nothing of any other patient or clinic: every read goes through the clinic's scope and ids.
import type { PatientRecord } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import { openBookingTexts, toBooking } from '../booking/store.js'
import { patientRecords, toConsentRecord } from '../consent/record-store.js'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { Database } from '../db/schema.js'
import type { ClinicContext } from '../env.js'
import { listFiles, pinnedDefinition, readAnswers } from '../intake/response-store.js'
import { toMessage } from '../messages/message-view.js'
import { openPatient } from '../patients/sealed-identity.js'
import { patientAudit, patientBookings, patientResponses, patientRow } from './patient-data.js'

type Db = Kysely<Database>
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())

/** The patient row as the wire shows it, its details opened from their seals. */
export async function toPatientRecord(
  cipher: FieldCipher,
  row: Awaited<ReturnType<typeof patientRow>>,
): Promise<PatientRecord> {
  const identity = await openPatient(cipher, row)
  return {
    id: row.id,
    ...identity,
    restrictedAt: iso(row.restricted_at),
    erasedAt: iso(row.erased_at),
    createdAt: iso(row.created_at)!,
  }
}

export async function patientExport(
  db: Db,
  cipher: FieldCipher,
  clinic: ClinicContext,
  patientId: string,
  at: number,
) {
  const patient = await patientRow(db, clinic.id, patientId)
  const [bookings, responses, consentRows] = await Promise.all([
    patientBookings(db, clinic.id, patientId),
    patientResponses(db, clinic.id, patientId),
    patientRecords(db, clinic.id, patientId).orderBy('consent_records.sequence').execute(),
  ])
  const bookingIds = bookings.map((booking) => booking.id)
  const [messages, intake, consent, patientRecord, bookingTexts] = await Promise.all([
    bookingIds.length
      ? db
          .selectFrom('messages')
          .selectAll()
          .where('booking_id', 'in', bookingIds)
          .orderBy('send_at')
          .execute()
      : Promise.resolve([]),
    Promise.all(
      responses.map(async (row) => ({
        row,
        definition: await pinnedDefinition(db, row),
        answers: await readAnswers(db, cipher, row),
        files: await listFiles(db, row.id),
      })),
    ),
    Promise.all(consentRows.map((row) => toConsentRecord(db, cipher, row))),
    toPatientRecord(cipher, patient),
    Promise.all(bookings.map((row) => openBookingTexts(cipher, row))),
  ])
  const access = await patientAudit(db, clinic.id, [
    patientId,
    ...bookingIds,
    ...responses.map((row) => row.id),
    ...consentRows.map((row) => row.id),
  ])
  return {
    format: 'frontdesk-patient-export/1' as const,
    exportedAt: new Date(at).toISOString(),
    clinic: { id: clinic.id, name: clinic.name, timeZone: clinic.timeZone },
    patient: patientRecord,
    bookings: bookings.map((row, index) => ({ ...toBooking(row, clinic.timeZone), ...bookingTexts[index]! })),
    intakeResponses: intake.map(({ row, definition, answers, files }) => ({
      id: row.id,
      formId: row.form_id,
      formTitle: definition.title,
      version: row.version,
      status: row.status,
      bookingId: row.booking_id,
      createdAt: iso(row.created_at)!,
      submittedAt: iso(row.submitted_at),
      answers,
      files,
      definition,
    })),
    consentRecords: consent,
    messages: messages.map(toMessage),
    access: access.map((event) => ({
      at: iso(event.occurred_at)!,
      actor: { type: event.actor_type, id: event.actor_id },
      action: event.action,
      object: { type: event.object_type, id: event.object_id },
      clientIp: event.client_ip,
    })),
  }
}

export type PatientExport = Awaited<ReturnType<typeof patientExport>>
