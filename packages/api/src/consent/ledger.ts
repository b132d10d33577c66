// The clinic's side of consent: the ledger read (decrypted) a page at a time, exported as JSON or a FHIR
// R4 Bundle, the state per patient and purpose, drawn signatures, and the chain verified. A practitioner
// reaches their own patients' records only; every read is audited. Pages and bundles carry the ledger's
// signed head, so a copy can be checked for a cut tail later (docs/audit.md).
import type {
  ChainHead,
  ConsentBundleQuery,
  ConsentRecord,
  ConsentRecordListQuery,
  ConsentRecordPage,
  ConsentState,
} from '@frontdesk/contracts'
import { audit } from '../audit/trail.js'
import { assertOwnPatient, ownCalendar, ownPatientIds } from '../db/tenant-scope.js'
import type { RequestScope } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { type BundleEntryInput, toBundle } from '../fhir/bundle.js'
import { consentTextsOf, organizationOf } from '../fhir/clinic-resources.js'
import { identifierFor, toFhirId } from '../fhir/ids.js'
import { exportedHead } from '../ledger/head.js'
import { cipherOf } from '../request-scope.js'
import { toFhirConsent, withdrawalsOf } from './fhir-consent.js'
import { assertPatientExists, openSignature, patientRecords, toConsentRecord } from './record-store.js'
import { reachableRecord } from './records.js'

/** One page of the ledger, each record's read audited as `action`. */
export async function ledgerPage(
  scope: RequestScope,
  query: ConsentRecordListQuery,
  action: 'consent.list' | 'consent.export' = 'consent.list',
): Promise<ConsentRecordPage> {
  const { db, clinic } = scope
  // Read before the records: every record the head counts is then in this read or an earlier one.
  const head = await exportedHead(db, cipherOf(scope).chainHeads, clinic.id, 'consent')
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
  const own = ownCalendar(scope.principal)
  if (own !== undefined)
    select = select.where('consent_records.patient_id', 'in', ownPatientIds(db, clinic.id, own))
  if (after) select = select.where('consent_records.sequence', '>', String(after))
  const rows = await select
    .orderBy('sequence')
    .limit(query.limit + 1)
    .execute()
  const page = rows.slice(0, query.limit)
  const data = await Promise.all(page.map((row) => toConsentRecord(db, cipherOf(scope), row)))
  await audit(
    db,
    scope,
    data.map((record) => ({ action, objectType: 'consent_record' as const, objectId: record.id })),
  )
  const last = page.at(-1)
  const nextCursor =
    rows.length > query.limit && last ? Buffer.from(`seq:${last.sequence}`).toString('base64url') : null
  return { data, nextCursor, head }
}

/**
 * The same page as a FHIR Bundle; `url` is the request's, for the link to the next page. Beside the
 * Consents: the clinic, a Patient naming each patient by id and identifier only (nothing more of them than
 * the records say), and each text signed, so every reference resolves inside the Bundle.
 */
export async function ledgerBundle(scope: RequestScope, query: ConsentBundleQuery, url: string) {
  const { type, ...listQuery } = query
  const { data, nextCursor, head } = await ledgerPage(scope, listQuery, 'consent.export')
  const { db, clinic } = scope
  const next = new URL(url)
  if (nextCursor) next.searchParams.set('cursor', nextCursor)
  const withdrawals = await withdrawalsOf(
    db,
    clinic.id,
    data.map((record) => record.id),
  )
  const patientIds = [...new Set(data.flatMap((record) => (record.patientId ? [record.patientId] : [])))]
  const patients: BundleEntryInput[] = patientIds.map((id) => {
    const identifier = identifierFor('Patient', id)
    return {
      resource: { resourceType: 'Patient', id: toFhirId(id), identifier: [identifier] },
      ifNoneExist: `identifier=${identifier.system}|${identifier.value}`,
    }
  })
  return toBundle(
    [
      organizationOf(clinic),
      ...patients,
      ...(await consentTextsOf(db, clinic.id, data)),
      ...data.map((record) =>
        toFhirConsent(record, { clinicId: clinic.id, withdrawnAt: withdrawals.get(record.id) }),
      ),
    ],
    {
      type,
      timestamp: new Date(scope.now()).toISOString(),
      ...(head && { meta: { extension: [chainHeadExtension(head)] } }),
      ...(nextCursor && { link: [{ relation: 'next', url: `${next.pathname}${next.search}` }] }),
    },
  )
}

/** The ledger's signed head as a FHIR extension on the Bundle's meta (a Bundle itself takes none). */
function chainHeadExtension(head: ChainHead) {
  return {
    url: 'https://frontdesk.dev/fhir/StructureDefinition/chain-head',
    extension: [
      { url: 'clinicId', valueString: head.clinicId },
      { url: 'count', valueInteger: head.count },
      { url: 'hash', valueString: head.hash },
      { url: 'signedAt', valueInstant: head.signedAt },
      { url: 'algorithm', valueString: head.algorithm },
      { url: 'keyId', valueString: head.keyId },
      ...(head.publicKey ? [{ url: 'publicKey', valueString: head.publicKey }] : []),
      { url: 'signature', valueString: head.signature },
    ],
  }
}

export async function readRecord(scope: RequestScope, id: string): Promise<ConsentRecord> {
  const row = await reachableRecord(scope, id)
  await audit(scope.db, scope, [{ action: 'consent.read', objectType: 'consent_record', objectId: row.id }])
  return toConsentRecord(scope.db, cipherOf(scope), row)
}

export async function recordAsFhir(scope: RequestScope, id: string) {
  const row = await reachableRecord(scope, id)
  await audit(scope.db, scope, [{ action: 'consent.export', objectType: 'consent_record', objectId: row.id }])
  const withdrawals = await withdrawalsOf(scope.db, scope.clinic.id, [row.id])
  return toFhirConsent(await toConsentRecord(scope.db, cipherOf(scope), row), {
    clinicId: scope.clinic.id,
    withdrawnAt: withdrawals.get(row.id),
  })
}

/** The drawn signature as PNG bytes; 404 for a record signed otherwise. */
export async function readSignature(
  scope: RequestScope,
  id: string,
): Promise<{ recordId: string; png: Buffer }> {
  const row = await reachableRecord(scope, id)
  const png = await openSignature(cipherOf(scope), row)
  if (!png) throw notFound('signature')
  await audit(scope.db, scope, [{ action: 'consent.read', objectType: 'consent_record', objectId: row.id }])
  return { recordId: row.id, png }
}

/** The patient's latest decision for each purpose. */
export async function consentState(scope: RequestScope, patientId: string): Promise<ConsentState> {
  const { db, clinic } = scope
  await assertPatientExists(db, clinic.id, patientId)
  await assertOwnPatient(scope, { patientId }, 'patient')
  const rows = await patientRecords(db, clinic.id, patientId)
    .innerJoin('consent_documents', 'consent_documents.id', 'consent_records.document_id')
    .select(['consent_documents.purpose'])
    .orderBy('consent_records.sequence', 'desc')
    .execute()
  const latest = new Map<string, (typeof rows)[number]>()
  for (const row of rows) if (!latest.has(row.purpose)) latest.set(row.purpose, row)
  await audit(db, scope, [{ action: 'consent.state', objectType: 'patient', objectId: patientId }])
  return {
    patientId,
    purposes: [...latest.values()].map((row) => ({
      purpose: row.purpose as ConsentState['purposes'][number]['purpose'],
      state: row.decision,
      recordId: row.id,
      documentId: row.document_id,
      version: row.version,
      recordedAt: new Date(row.recorded_at).toISOString(),
    })),
  }
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
