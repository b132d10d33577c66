// The clinic's side of intake: list responses, read one decrypted, export it as FHIR, fetch its files.
// Secret key only; every read of answers or files leaves an audit event.
import { endpoints, fhir, type IntakeResponseSummary } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { AppEnv } from '../env.js'
import { cipherOf } from '../intake/sealed-answers.js'
import { ownCalendar } from '../middleware/principal/index.js'
import { audit } from '../services/audit.js'
import {
  findResponse,
  listFiles,
  pinnedDefinition,
  type ResponseRow,
  readAnswers,
} from '../services/intake-responses.js'
import { assertOwnPatient, ownBookingIds, ownPatientIds } from '../services/own-patients.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { route } from './define.js'
import { sendFile } from './intake-draft-files.js'

export function intakeResponseRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.listIntakeResponses), async (c) => {
    const query = c.req.valid('query')
    const { db } = c.get('deps')
    const clinic = c.get('clinic')
    const after = query.cursor ? decodeCursor(query.cursor, 'intake') : null
    let select = db.selectFrom('intake_responses').selectAll().where('clinic_id', '=', clinic.id)
    if (query.formId) select = select.where('form_id', '=', query.formId)
    if (query.bookingId) select = select.where('booking_id', '=', query.bookingId)
    if (query.status) select = select.where('status', '=', query.status)
    const own = ownCalendar(c.get('principal'))
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
      c,
      data.map((row) => ({
        action: 'intake.list' as const,
        objectType: 'intake_response' as const,
        objectId: row.id,
      })),
    )
    const last = page.at(-1)
    const nextCursor =
      rows.length > query.limit && last ? encodeCursor(new Date(last.created_at), last.id) : null
    return c.json({ data, nextCursor }, 200)
  })

  app.openapi(route(endpoints.getIntakeResponse), async (c) => {
    const { db } = c.get('deps')
    const row = await findResponse(db, c.get('clinic').id, c.req.valid('param').id)
    await assertOwnPatient(c, { patientId: row.patient_id, bookingId: row.booking_id }, 'intake response')
    const [answers, files, patients] = await Promise.all([
      readAnswers(db, cipherOf(c.get('deps')), row),
      listFiles(db, row.id),
      patientsOf(db, [row]),
    ])
    await audit(db, c, [{ action: 'intake.read', objectType: 'intake_response', objectId: row.id }])
    c.header('Cache-Control', 'no-store')
    return c.json({ ...toSummary(row, patients), answers, files }, 200)
  })

  app.openapi(route(endpoints.getIntakeResponseFhir), async (c) => {
    const { db } = c.get('deps')
    const row = await findResponse(db, c.get('clinic').id, c.req.valid('param').id)
    await assertOwnPatient(c, { patientId: row.patient_id, bookingId: row.booking_id }, 'intake response')
    const [definition, answers] = await Promise.all([
      pinnedDefinition(db, row),
      readAnswers(db, cipherOf(c.get('deps')), row),
    ])
    await audit(db, c, [{ action: 'intake.export', objectType: 'intake_response', objectId: row.id }])
    const resource = fhir.toQuestionnaireResponse(definition, answers, {
      questionnaire: `urn:frontdesk:intake-form:${row.form_id}|${row.version}`,
      status: row.status === 'submitted' ? 'completed' : 'in-progress',
      ...(row.submitted_at && { authored: new Date(row.submitted_at).toISOString() }),
    })
    return c.json(resource as unknown as Record<string, unknown>, 200, {
      'Content-Type': 'application/fhir+json; charset=utf-8',
      'Cache-Control': 'no-store',
    })
  })

  app.openapi(route(endpoints.getIntakeResponseFile), async (c) => {
    const { id, fileId } = c.req.valid('param')
    const row = await findResponse(c.get('deps').db, c.get('clinic').id, id)
    await assertOwnPatient(c, { patientId: row.patient_id, bookingId: row.booking_id }, 'intake response')
    return sendFile(c, row.clinic_id, row.id, fileId)
  })

  return app
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
