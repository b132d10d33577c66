// A consent record as a FHIR R4 Consent, for the clinic's EHR: status from the decision, the scope and
// category from the purpose, the text's hash and language as the source, a withdrawal as inactive.
import type { ConsentRecord } from '@frontdesk/contracts'

const SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope'
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason'
const FRONTDESK = 'https://frontdesk.dev/fhir'

const scopeOf = (purpose: ConsentRecord['purpose']) =>
  purpose === 'treatment' || purpose === 'telehealth' ? 'treatment' : 'patient-privacy'

const purposeOf: Record<ConsentRecord['purpose'], string> = {
  treatment: 'TREAT',
  telehealth: 'TREAT',
  privacy_notice: 'HOPERAT',
  data_sharing: 'HDIRECT',
  marketing_email: 'HMARKT',
  marketing_sms: 'HMARKT',
  marketing_whatsapp: 'HMARKT',
  messages_email: 'HOPERAT',
  messages_sms: 'HOPERAT',
  messages_whatsapp: 'HOPERAT',
}

export function toFhirConsent(record: ConsentRecord): Record<string, unknown> {
  return {
    resourceType: 'Consent',
    id: record.id,
    identifier: [{ system: `${FRONTDESK}/consent-record`, value: record.id }],
    status: record.decision === 'given' ? 'active' : record.decision === 'refused' ? 'rejected' : 'inactive',
    scope: { coding: [{ system: SCOPE, code: scopeOf(record.purpose) }] },
    category: [
      { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] },
      { coding: [{ system: `${FRONTDESK}/consent-purpose`, code: record.purpose }] },
    ],
    ...(record.patientId && { patient: { reference: `Patient/${record.patientId}` } }),
    dateTime: record.recordedAt,
    ...(record.signer.relation !== 'self' && {
      performer: [{ display: record.signer.name ?? record.signer.relation, extension: relation(record) }],
    }),
    policyRule: { coding: [{ system: `${FRONTDESK}/legal-basis`, code: record.legalBasis }] },
    sourceReference: { reference: `urn:frontdesk:consent-document:${record.documentId}|${record.version}` },
    provision: {
      type: record.decision === 'given' ? 'permit' : 'deny',
      purpose: [{ system: ACT_REASON, code: purposeOf[record.purpose] }],
    },
    extension: [
      { url: `${FRONTDESK}/StructureDefinition/consent-text-hash`, valueString: `sha256:${record.textHash}` },
      { url: `${FRONTDESK}/StructureDefinition/consent-language`, valueCode: record.language },
      { url: `${FRONTDESK}/StructureDefinition/consent-method`, valueCode: record.method },
      { url: `${FRONTDESK}/StructureDefinition/consent-record-hash`, valueString: `sha256:${record.hash}` },
      ...(record.withdraws
        ? [
            {
              url: `${FRONTDESK}/StructureDefinition/withdraws`,
              valueReference: { reference: `Consent/${record.withdraws}` },
            },
          ]
        : []),
    ],
  }
}

function relation(record: ConsentRecord) {
  return [{ url: `${FRONTDESK}/StructureDefinition/signer-relation`, valueCode: record.signer.relation }]
}
