// The patient's receipt for a consent record, shaped after the Kantara Consent Receipt v1.1 (whose
// fields ISO/IEC TS 27560 carries on): who the controller is, what was agreed to on which basis, when,
// how, and what proves it. Ids only: the receipt names no patient. One builder for the API and the mocks.
import type { ConsentReceipt, ConsentRecord } from './records.js'

const PURPOSE_LABEL: Record<ConsentRecord['purpose'], string> = {
  treatment: 'Medical treatment',
  privacy_notice: 'Processing of personal and health data',
  telehealth: 'Treatment by video consultation',
  data_sharing: 'Sharing health data with other providers',
  marketing_email: 'News and offers by email',
  marketing_sms: 'News and offers by SMS',
  marketing_whatsapp: 'News and offers by WhatsApp',
  messages_email: 'Appointment messages by email',
  messages_sms: 'Appointment messages by SMS',
  messages_whatsapp: 'Appointment messages by WhatsApp',
}

/** The record's facts a receipt states. */
export type ReceiptRecord = Pick<
  ConsentRecord,
  | 'id'
  | 'recordedAt'
  | 'method'
  | 'language'
  | 'patientId'
  | 'bookingId'
  | 'intakeResponseId'
  | 'purpose'
  | 'legalBasis'
  | 'decision'
  | 'documentId'
  | 'version'
  | 'textHash'
  | 'hash'
> & { signer: Pick<ConsentRecord['signer'], 'relation'> }

export function consentReceipt(input: {
  clinic: { id: string; name: string; timeZone: string }
  documentName: string
  record: ReceiptRecord
  /** The withdrawal record's id, once there is one. */
  withdrawnBy: string | null
}): ConsentReceipt {
  const { clinic, documentName, record, withdrawnBy } = input
  const marketing = record.purpose.startsWith('marketing_')
  return {
    version: 'KI-CR-v1.1.0',
    jurisdiction: clinic.timeZone.split('/')[0] === 'Europe' ? 'EU' : clinic.timeZone,
    consentTimestamp: Math.floor(Date.parse(record.recordedAt) / 1000),
    collectionMethod: `${record.method} on the clinic's website`,
    consentReceiptID: record.id,
    language: record.language,
    piiPrincipalId: record.patientId ?? record.bookingId ?? record.intakeResponseId ?? 'unknown',
    piiControllers: [{ piiController: clinic.name, piiControllerId: clinic.id }],
    policyUrl: null,
    services: [
      {
        service: documentName,
        purposes: [
          {
            purpose: PURPOSE_LABEL[record.purpose] ?? record.purpose,
            purposeCategory: [record.purpose],
            consentType: record.method === 'checkbox' ? 'EXPRESSED' : 'EXPLICIT',
            lawfulBasis: record.legalBasis,
            primaryPurpose: !marketing,
            termination: 'Until withdrawn: use the link on this receipt, or ask the clinic',
            thirdPartyDisclosure: record.purpose === 'data_sharing',
          },
        ],
      },
    ],
    sensitive: !marketing,
    spiCat: marketing ? [] : ['health'],
    decision: record.decision,
    documentId: record.documentId,
    documentVersion: record.version,
    textHash: record.textHash,
    recordHash: record.hash,
    signer: { relation: record.signer.relation },
    withdrawnBy,
  }
}
