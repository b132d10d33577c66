// The consent ledger in storage: records appended one at a time per clinic under a lock, chained by
// hash and anchored by a signed head (ledger/head.ts), with who signed and how sealed; read back
// decrypted for the clinic, checked link by link and against its head.
import type { ConsentRecord } from '@frontdesk/contracts'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { ChainHeadKeys } from '../crypto/chain-head-keys.js'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { ConsentRecordsTable, Database } from '../db/schema.js'
import { notFound } from '../errors.js'
import { GENESIS } from '../ledger/chain.js'
import { advanceHead, type ChainCheck, checkAgainstHead, inSnapshot } from '../ledger/head.js'
import { firstBreakInConsent, recordHash, sealedDigest } from './chain.js'

type Db = Kysely<Database>
export type ConsentRow = Selectable<ConsentRecordsTable>

const SEALED = ['signer_name', 'typed_name', 'signature'] as const
type SealedField = (typeof SEALED)[number]
const purposeOf = (recordId: string, field: SealedField) => `consent_record:${recordId}:${field}`

export interface NewRecord {
  id: string
  clinicId: string
  documentId: string
  version: number
  language: string
  textHash: Uint8Array
  decision: 'given' | 'refused' | 'withdrawn'
  method: string
  signerRelation: 'self' | 'parent' | 'legal_guardian'
  signerName: string | null
  typedName: string | null
  signature: string | null
  patientId: string | null
  bookingId: string | null
  intakeResponseId: string | null
  withdraws: string | null
  origin: string | null
  receiptTokenHash: Uint8Array | null
  at: number
}

/**
 * Appends one record to the clinic's ledger. Seals first (outside the transaction, see FieldCipher),
 * then takes the clinic's ledger lock, so records get consecutive sequences and each names the last
 * one's hash. `check` runs under the lock, before the insert (e.g. "not withdrawn already").
 */
export async function appendConsentRecord(
  db: Db,
  cipher: FieldCipher,
  record: NewRecord,
  check?: (trx: Db) => Promise<void>,
): Promise<ConsentRow> {
  const plain: Record<SealedField, string | null> = {
    signer_name: record.signerName,
    typed_name: record.typedName,
    signature: record.signature,
  }
  const sealed = Object.fromEntries(
    await Promise.all(
      SEALED.map(async (field) => {
        const value = plain[field]
        return [
          field,
          value === null ? null : await cipher.seal(record.clinicId, purposeOf(record.id, field), value),
        ]
      }),
    ),
  ) as Record<SealedField, Uint8Array | null>
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(3, hashtext(${record.clinicId}))`.execute(trx)
    await check?.(trx)
    const last = await trx
      .selectFrom('consent_records')
      .select(['sequence', 'hash'])
      .where('clinic_id', '=', record.clinicId)
      .orderBy('sequence', 'desc')
      .limit(1)
      .executeTakeFirst()
    const fields = {
      clinic_id: record.clinicId,
      sequence: last ? Number(last.sequence) + 1 : 1,
      id: record.id,
      document_id: record.documentId,
      version: record.version,
      language: record.language,
      text_hash: record.textHash,
      decision: record.decision,
      method: record.method,
      signer_relation: record.signerRelation,
      ...sealed,
      patient_id: record.patientId,
      booking_id: record.bookingId,
      intake_response_id: record.intakeResponseId,
      withdraws: record.withdraws,
      recorded_at: new Date(record.at),
      origin: record.origin,
      chain_version: 2,
      sealed_digest: sealedDigest(sealed),
    }
    const prev = last?.hash ?? GENESIS
    const hash = recordHash(prev, fields)
    const row = await trx
      .insertInto('consent_records')
      .values({ ...fields, receipt_token_hash: record.receiptTokenHash, prev_hash: prev, hash })
      .returningAll()
      .executeTakeFirstOrThrow()
    // The record is kept whatever the head says; a head that does not stand at the tail found here stays
    // where it is, and the check reports the ledger as cut or forged.
    const before = { count: last ? Number(last.sequence) : 0, hash: prev }
    await advanceHead(
      trx,
      cipher.chainHeads,
      record.clinicId,
      'consent',
      before,
      {
        count: fields.sequence,
        hash,
      },
      new Date(record.at),
    )
    return row
  })
}

export async function findConsentRecord(db: Db, clinicId: string, id: string): Promise<ConsentRow> {
  const row = await db
    .selectFrom('consent_records')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw notFound('consent record')
  return row
}

/** The withdrawal of a record, if one was made. */
export function findWithdrawal(db: Db, clinicId: string, recordId: string) {
  return db
    .selectFrom('consent_records')
    .select(['id', 'recorded_at'])
    .where('clinic_id', '=', clinicId)
    .where('withdraws', '=', recordId)
    .executeTakeFirst()
}

/** The record in wire shape, its sealed fields opened. */
export async function toConsentRecord(db: Db, cipher: FieldCipher, row: ConsentRow): Promise<ConsentRecord> {
  const open = (field: SealedField) => {
    const value = row[field]
    return value ? cipher.openText(row.clinic_id, purposeOf(row.id, field), value) : Promise.resolve(null)
  }
  const [signerName, typedName, version] = await Promise.all([
    open('signer_name'),
    open('typed_name'),
    db
      .selectFrom('consent_document_versions')
      .innerJoin('consent_documents', 'consent_documents.id', 'consent_document_versions.document_id')
      .select(['consent_documents.purpose', 'consent_document_versions.legal_basis'])
      .where('consent_document_versions.document_id', '=', row.document_id)
      .where('consent_document_versions.version', '=', row.version)
      .executeTakeFirstOrThrow(),
  ])
  return {
    id: row.id,
    sequence: Number(row.sequence),
    documentId: row.document_id,
    version: row.version,
    purpose: version.purpose as ConsentRecord['purpose'],
    legalBasis: version.legal_basis as ConsentRecord['legalBasis'],
    language: row.language,
    textHash: Buffer.from(row.text_hash).toString('hex'),
    decision: row.decision,
    method: row.method as ConsentRecord['method'],
    signer: { relation: row.signer_relation, name: signerName },
    typedName,
    hasSignature: row.signature !== null,
    patientId: row.patient_id,
    bookingId: row.booking_id,
    intakeResponseId: row.intake_response_id,
    withdraws: row.withdraws,
    recordedAt: new Date(row.recorded_at).toISOString(),
    origin: row.origin,
    hash: Buffer.from(row.hash).toString('hex'),
  }
}

/** The drawn signature as PNG bytes, or null when the record has none. */
export async function openSignature(cipher: FieldCipher, row: ConsentRow): Promise<Buffer | null> {
  if (!row.signature) return null
  const dataUrl = await cipher.openText(row.clinic_id, purposeOf(row.id, 'signature'), row.signature)
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')
}

/** Checks the clinic's whole ledger in sequence order, then against its signed head. */
export function verifyConsentChain(db: Db, keys: ChainHeadKeys, clinicId: string): Promise<ChainCheck> {
  return inSnapshot(db, async (trx) => {
    const rows = await trx
      .selectFrom('consent_records')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .orderBy('sequence')
      .orderBy('id')
      .execute()
    const links = rows.map((row) => ({ ...row, sequence: Number(row.sequence) }))
    return checkAgainstHead(trx, keys, clinicId, 'consent', links, firstBreakInConsent(links))
  })
}

/** Records about a patient: their own, and those made for their bookings or intake responses. */
export function patientRecords(db: Db, clinicId: string, patientId: string) {
  return db
    .selectFrom('consent_records')
    .selectAll('consent_records')
    .where('consent_records.clinic_id', '=', clinicId)
    .where((eb) =>
      eb.or([
        eb('consent_records.patient_id', '=', patientId),
        eb(
          'consent_records.booking_id',
          'in',
          eb
            .selectFrom('bookings')
            .select('id')
            .where('clinic_id', '=', clinicId)
            .where('patient_id', '=', patientId),
        ),
      ]),
    )
}

/** 404 for a patient this clinic does not have, as for one that does not exist. */
export async function assertPatientExists(db: Db, clinicId: string, patientId: string): Promise<void> {
  const patient = await db
    .selectFrom('patients')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('id', '=', patientId)
    .executeTakeFirst()
  if (!patient) throw notFound('patient')
}
