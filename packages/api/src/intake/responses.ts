// The clinic's side of intake: responses listed, one read decrypted, exported as a FHIR R4
// QuestionnaireResponse, its files fetched. A practitioner reaches their own patients' responses only;
// every read of answers or files leaves an audit event.
import {
  fhir,
  type IntakeResponse,
  type IntakeResponseListQuery,
  type IntakeResponseSummary,
} from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import { audit } from '../audit/trail.js'
import type { Database } from '../db/schema.js'
import { assertOwnPatient, ownBookingIds, ownCalendar, ownPatientIds } from '../db/tenant-scope.js'
import type { RequestScope } from '../env.js'
import { cipherOf } from '../request-scope.js'
import { decodeCursor, encodeCursor } from '../routes/cursor.js'
import { openFileAudited } from './draft-files.js'
import { findResponse, listFiles, pinnedDefinition, type ResponseRow, readAnswers } from './response-store.js'

/** A page of the clinic's responses, newest first, each listing audited. */
export async function listResponses(
  scope: RequestScope,
  query: IntakeResponseListQuery,
): Promise<{ data: IntakeResponseSummary[]; nextCursor: string | null }> {
  const { db, clinic } = scope
  const after = query.cursor ? decodeCursor(query.cursor, 'intake') : null
  let select = db.selectFrom('intake_responses').selectAll().where('clinic_id', '=', clinic.id)
  if (query.formId) select = select.where('form_id', '=', query.formId)
  if (query.bookingId) select = select.where('booking_id', '=', query.bookingId)
  if (query.status) select = select.where('status', '=', query.status)
  const own = ownCalendar(scope.principal)
  if (own !== undefined) {
    select = select.where((eb) =>
      eb.or([
        eb('booking_id', 'in', ownBookingIds(db, clinic.id, own)),
        eb('patient_id', 'in', ownPatientIds(db, clinic.id, own)),
      ]),
    )
  }
  if (after) {
    select = select.where((eb) =>
      eb.or([
        eb('created_at', '<', after.at),
        eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)]),
      ]),
    )
  }
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute()
  const page = rows.slice(0, query.limit)
  const patients = await patientsOf(db, page)
  const data = page.map((row) => toSummary(row, patients))
  await audit(
    db,
    scope,
    data.map((row) => ({
      action: 'intake.list' as const,
      objectType: 'intake_response' as const,
      objectId: row.id,
    })),
  )
  const last = page.at(-1)
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor(new Date(last.created_at), last.id) : null
  return { data, nextCursor }
}

export async function readResponse(scope: RequestScope, id: string): Promise<IntakeResponse> {
  const row = await reachableResponse(scope, id)
  const [answers, files, patients] = await Promise.all([
    readAnswers(scope.db, cipherOf(scope), row),
    listFiles(scope.db, row.id),
    patientsOf(scope.db, [row]),
  ])
  await audit(scope.db, scope, [{ action: 'intake.read', objectType: 'intake_response', objectId: row.id }])
  return { ...toSummary(row, patients), answers, files }
}

export async function responseAsFhir(scope: RequestScope, id: string): Promise<fhir.QuestionnaireResponse> {
  const row = await reachableResponse(scope, id)
  const [definition, answers] = await Promise.all([
    pinnedDefinition(scope.db, row),
    readAnswers(scope.db, cipherOf(scope), row),
  ])
  await audit(scope.db, scope, [{ action: 'intake.export', objectType: 'intake_response', objectId: row.id }])
  return fhir.toQuestionnaireResponse(definition, answers, {
    questionnaire: `urn:frontdesk:intake-form:${row.form_id}|${row.version}`,
    status: row.status === 'submitted' ? 'completed' : 'in-progress',
    ...(row.submitted_at && { authored: new Date(row.submitted_at).toISOString() }),
  })
}

export async function readResponseFile(scope: RequestScope, id: string, fileId: string) {
  const row = await reachableResponse(scope, id)
  return openFileAudited(scope, row.id, fileId)
}

/** The response, if the caller reaches its patient (a practitioner their own only). */
async function reachableResponse(scope: RequestScope, id: string): Promise<ResponseRow> {
  const row = await findResponse(scope.db, scope.clinic.id, id)
  await assertOwnPatient(scope, { patientId: row.patient_id, bookingId: row.booking_id }, 'intake response')
  return row
}

/** A response's patient: its own, or its booking's once the booking has one. */
async function patientsOf(db: Kysely<Database>, rows: ResponseRow[]): Promise<Map<string, string>> {
  const bookingIds = rows.filter((row) => !row.patient_id && row.booking_id).map((row) => row.booking_id!)
  if (!bookingIds.length) return new Map()
  const bookings = await db
    .selectFrom('bookings')
    .select(['id', 'patient_id'])
    .where('id', 'in', bookingIds)
    .where('patient_id', 'is not', null)
    .execute()
  return new Map(bookings.map((booking) => [booking.id, booking.patient_id!]))
}

function toSummary(row: ResponseRow, patients: Map<string, string>): IntakeResponseSummary {
  return {
    id: row.id,
    formId: row.form_id,
    version: row.version,
    status: row.status,
    bookingId: row.booking_id,
    patientId: row.patient_id ?? (row.booking_id ? (patients.get(row.booking_id) ?? null) : null),
    updatedAt: new Date(row.updated_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
  }
}
