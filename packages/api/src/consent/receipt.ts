// The patient's receipt for a consent record, shaped after the Kantara Consent Receipt v1.1 (whose
// fields ISO/IEC TS 27560 carries on): who the controller is, what was agreed to on which basis, when,
// how, and what proves it. Ids only: the receipt names no patient.
import type { ConsentReceipt } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ClinicContext } from '../env.js'
import { type ConsentRow, findWithdrawal } from '../services/consent-records.js'

const PURPOSE_LABEL: Record<string, string> = {
  treatment: 'Medical treatment',
  privacy_notice: 'Processing of personal and health data',
  telehealth: 'Treatment by video consultation',
  data_sharing: 'Sharing health data with other providers',
  marketing_email: 'News and offers by email',
  marketing_sms: 'News and offers by SMS',
  marketing_whatsapp: 'News and offers by WhatsApp',
}

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
  const marketing = document.purpose.startsWith('marketing_')
  return {
    version: 'KI-CR-v1.1.0',
    jurisdiction: clinic.timeZone.split('/')[0] === 'Europe' ? 'EU' : clinic.timeZone,
    consentTimestamp: Math.floor(new Date(row.recorded_at).getTime() / 1000),
    collectionMethod: `${row.method} on the clinic's website`,
    consentReceiptID: row.id,
    language: row.language,
    piiPrincipalId: row.patient_id ?? row.booking_id ?? row.intake_response_id ?? 'unknown',
    piiControllers: [{ piiController: clinic.name, piiControllerId: clinic.id }],
    policyUrl: null,
    services: [
      {
        service: document.name,
        purposes: [
          {
            purpose: PURPOSE_LABEL[document.purpose] ?? document.purpose,
            purposeCategory: [
              document.purpose as ConsentReceipt['services'][number]['purposes'][number]['purposeCategory'][number],
            ],
            consentType: row.method === 'checkbox' ? 'EXPRESSED' : 'EXPLICIT',
            lawfulBasis:
              document.legal_basis as ConsentReceipt['services'][number]['purposes'][number]['lawfulBasis'],
            primaryPurpose: !marketing,
            termination: 'Until withdrawn: use the link on this receipt, or ask the clinic',
            thirdPartyDisclosure: document.purpose === 'data_sharing',
          },
        ],
      },
    ],
    sensitive: !marketing,
    spiCat: marketing ? [] : ['health'],
    decision: row.decision,
    documentId: row.document_id,
    documentVersion: row.version,
    textHash: Buffer.from(row.text_hash).toString('hex'),
    recordHash: Buffer.from(row.hash).toString('hex'),
    signer: { relation: row.signer_relation },
    withdrawnBy: withdrawal?.id ?? null,
  }
}
