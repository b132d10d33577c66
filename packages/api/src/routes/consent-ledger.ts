// The clinic's side of consent: the ledger read (decrypted), exported as JSON or FHIR R4, the state per
// patient and purpose, drawn signatures, and the chain verified. Secret key only; every read is audited.
import { ConsentRecordListQuery, type ConsentState, endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { toFhirConsent } from '../consent/fhir-consent.js'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { cipherOf } from '../intake/sealed-answers.js'
import { ownCalendar } from '../middleware/principal/index.js'
import { audit } from '../services/audit.js'
import {
  assertPatientExists,
  findConsentRecord,
  openSignature,
  patientRecords,
  toConsentRecord,
  verifyConsentChain,
} from '../services/consent-records.js'
import { assertOwnPatient, ownPatientIds } from '../services/own-patients.js'
import { route } from './define.js'

export function consentLedgerRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.listConsentRecords), async (c) =>
    c.json(await ledgerPage(c, 'consent.list'), 200),
  )

  app.openapi(route(endpoints.getConsentBundle), async (c) => {
    const { data, nextCursor } = await ledgerPage(c, 'consent.export')
    const next = new URL(c.req.url)
    if (nextCursor) next.searchParams.set('cursor', nextCursor)
    return c.json(
      {
        resourceType: 'Bundle',
        type: 'collection',
        timestamp: new Date(c.get('deps').now()).toISOString(),
        ...(nextCursor && { link: [{ relation: 'next', url: `${next.pathname}${next.search}` }] }),
        entry: data.map((record) => ({
          fullUrl: `urn:frontdesk:consent-record:${record.id}`,
          resource: toFhirConsent(record),
        })),
      },
      200,
      { 'Content-Type': 'application/fhir+json; charset=utf-8', 'Cache-Control': 'no-store' },
    )
  })

  app.openapi(route(endpoints.getConsentRecord), async (c) => {
    const { db } = c.get('deps')
    const row = await findConsentRecord(db, c.get('clinic').id, c.req.valid('param').id)
    await assertOwnPatient(c, { patientId: row.patient_id }, 'consent record')
    await audit(db, c, [{ action: 'consent.read', objectType: 'consent_record', objectId: row.id }])
    return c.json(await toConsentRecord(db, cipherOf(c.get('deps')), row), 200)
  })

  app.openapi(route(endpoints.getConsentRecordFhir), async (c) => {
    const { db } = c.get('deps')
    const row = await findConsentRecord(db, c.get('clinic').id, c.req.valid('param').id)
    await assertOwnPatient(c, { patientId: row.patient_id }, 'consent record')
    await audit(db, c, [{ action: 'consent.export', objectType: 'consent_record', objectId: row.id }])
    const record = await toConsentRecord(db, cipherOf(c.get('deps')), row)
    return c.json(toFhirConsent(record) as Record<string, unknown>, 200, {
      'Content-Type': 'application/fhir+json; charset=utf-8',
    })
  })

  app.openapi(route(endpoints.getConsentSignature), async (c) => {
    const { db } = c.get('deps')
    const row = await findConsentRecord(db, c.get('clinic').id, c.req.valid('param').id)
    await assertOwnPatient(c, { patientId: row.patient_id }, 'consent record')
    const png = await openSignature(cipherOf(c.get('deps')), row)
    if (!png) throw notFound('signature')
    await audit(db, c, [{ action: 'consent.read', objectType: 'consent_record', objectId: row.id }])
    return c.body(new Uint8Array(png), 200, {
      'Content-Type': 'image/png',
      'Content-Disposition': `attachment; filename="${row.id}.png"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    })
  })

  app.openapi(route(endpoints.getConsentState), async (c) => {
    const { patientId } = c.req.valid('query')
    const { db } = c.get('deps')
    const clinic = c.get('clinic')
    await assertPatientExists(db, clinic.id, patientId)
    await assertOwnPatient(c, { patientId }, 'patient')
    const rows = await patientRecords(db, clinic.id, patientId)
      .innerJoin('consent_documents', 'consent_documents.id', 'consent_records.document_id')
      .select(['consent_documents.purpose'])
      .orderBy('consent_records.sequence', 'desc')
      .execute()
    const latest = new Map<string, (typeof rows)[number]>()
    for (const row of rows) if (!latest.has(row.purpose)) latest.set(row.purpose, row)
    await audit(db, c, [{ action: 'consent.state', objectType: 'patient', objectId: patientId }])
    return c.json(
      {
        patientId,
        purposes: [...latest.values()].map((row) => ({
          purpose: row.purpose as ConsentState['purposes'][number]['purpose'],
          state: row.decision,
          recordId: row.id,
          documentId: row.document_id,
          version: row.version,
          recordedAt: new Date(row.recorded_at).toISOString(),
        })),
      },
      200,
    )
  })

  app.openapi(route(endpoints.verifyConsentChain), async (c) =>
    c.json(await verifyConsentChain(c.get('deps').db, c.get('clinic').id), 200),
  )

  return app
}

type LedgerContext = Context<AppEnv>

/** One page of the ledger for the list and its FHIR Bundle, each record's read audited as `action`. */
async function ledgerPage(c: LedgerContext, action: 'consent.list' | 'consent.export') {
  const query = ConsentRecordListQuery.parse(c.req.query())
  const { db } = c.get('deps')
  const clinic = c.get('clinic')
  const after = query.cursor ? decodeSequence(query.cursor) : null
  let select = query.patientId
    ? patientRecords(db, clinic.id, query.patientId)
    : db.selectFrom('consent_records').selectAll().where('clinic_id', '=', clinic.id)
  if (query.documentId) select = select.where('consent_records.document_id', '=', query.documentId)
  if (query.purpose) {
    select = select.where(
      'consent_records.document_id',
      'in',
      db
        .selectFrom('consent_documents')
        .select('id')
        .where('clinic_id', '=', clinic.id)
        .where('purpose', '=', query.purpose),
    )
  }
  const own = ownCalendar(c.get('principal'))
  if (own !== undefined)
    select = select.where('consent_records.patient_id', 'in', ownPatientIds(db, clinic.id, own))
  if (after) select = select.where('consent_records.sequence', '>', String(after))
  const rows = await select
    .orderBy('sequence')
    .limit(query.limit + 1)
    .execute()
  const page = rows.slice(0, query.limit)
  const data = await Promise.all(page.map((row) => toConsentRecord(db, cipherOf(c.get('deps')), row)))
  await audit(
    db,
    c,
    data.map((record) => ({
      action,
      objectType: 'consent_record' as const,
      objectId: record.id,
    })),
  )
  const last = page.at(-1)
  const nextCursor =
    rows.length > query.limit && last ? Buffer.from(`seq:${last.sequence}`).toString('base64url') : null
  return { data, nextCursor }
}

/** The ledger pages by sequence: a cursor is the last sequence seen. */
function decodeSequence(cursor: string): number {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (!match)
    throw new ApiError('VALIDATION_FAILED', 'cursor: not a cursor this API gave out', {
      issues: [{ path: 'cursor', message: 'Not a cursor this API gave out' }],
    })
  return Number(match[1])
}
