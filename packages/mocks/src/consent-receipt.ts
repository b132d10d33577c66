// The patient's receipt for a consent record, shaped as the API shapes it after the Kantara Consent
// Receipt v1.1: the controller, what was agreed to on which basis, when, how, and what proves it. Ids only.
import type { ConsentReceipt, ConsentRecord } from '@frontdesk/contracts'
import type { MockClinic } from './seed.js'

const PURPOSE_LABEL: Record<string, string> = {
  treatment: 'Medical treatment',
  privacy_notice: 'Processing of personal and health data',
  telehealth: 'Treatment by video consultation',
  data_sharing: 'Sharing health data with other providers',
  marketing_email: 'News and offers by email',
  marketing_sms: 'News and offers by SMS',
  marketing_whatsapp: 'News and offers by WhatsApp',
}

export function consentReceipt(
  clinic: MockClinic,
  documentName: string,
  record: ConsentRecord,
  withdrawnBy: string | null,
): ConsentReceipt {
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
