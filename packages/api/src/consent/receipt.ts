// The patient's receipt for a consent record: the record's row and its document's version, read here,
// shaped by @frontdesk/contracts' consentReceipt (Kantara Consent Receipt v1.1), which the mocks share.
import { consentReceipt as buildReceipt, type ConsentReceipt, type ReceiptRecord } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ClinicContext } from '../env.js'
import { type ConsentRow, findWithdrawal } from './record-store.js'

export async function consentReceipt(
  db: Kysely<Database>,
  clinic: ClinicContext,
  row: ConsentRow,
): Promise<ConsentReceipt> {
  const [document, withdrawal] = await Promise.all([
    db
      .selectFrom('consent_documents')
      .innerJoin('consent_document_versions', 'consent_document_versions.document_id', 'consent_documents.id')
      .select([
        'consent_documents.name',
        'consent_documents.purpose',
        'consent_document_versions.legal_basis',
      ])
      .where('consent_documents.id', '=', row.document_id)
      .where('consent_document_versions.version', '=', row.version)
      .executeTakeFirstOrThrow(),
    findWithdrawal(db, clinic.id, row.id),
  ])
  return buildReceipt({
    clinic,
    documentName: document.name,
    record: {
      id: row.id,
      recordedAt: new Date(row.recorded_at).toISOString(),
      method: row.method as ReceiptRecord['method'],
      language: row.language,
      patientId: row.patient_id,
      bookingId: row.booking_id,
      intakeResponseId: row.intake_response_id,
      purpose: document.purpose as ReceiptRecord['purpose'],
      legalBasis: document.legal_basis as ReceiptRecord['legalBasis'],
      decision: row.decision,
      documentId: row.document_id,
      version: row.version,
      textHash: Buffer.from(row.text_hash).toString('hex'),
      hash: Buffer.from(row.hash).toString('hex'),
      signer: { relation: row.signer_relation },
    },
    withdrawnBy: withdrawal?.id ?? null,
  })
}
