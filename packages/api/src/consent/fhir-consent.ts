// A consent record as a FHIR R4 Consent, for the clinic's EHR: status from the decision, the scope and
// category from the purpose, the exact text signed as the source (a DocumentReference). A withdrawal is its
// own inactive Consent, and the consent it withdraws reads inactive too, its provision ending then.
import type { ConsentRecord } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { consentTextId } from '../fhir/clinic-resources.js'
import { FRONTDESK_FHIR, identifierFor, referenceTo, toFhirId } from '../fhir/ids.js'

const SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope'
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason'
const FRONTDESK = FRONTDESK_FHIR

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

export interface ConsentContext {
  clinicId: string
  /** When a later record withdrew this one, if one did. */
  withdrawnAt?: string | null
}

export function toFhirConsent(
  record: ConsentRecord,
  context: ConsentContext,
): Record<string, unknown> & {
  resourceType: 'Consent'
  id: string
} {
  const withdrawn = record.decision === 'withdrawn' || !!context.withdrawnAt
  return {
    resourceType: 'Consent',
    id: toFhirId(record.id),
    identifier: [identifierFor('Consent', record.id)],
    status: record.decision === 'refused' ? 'rejected' : withdrawn ? 'inactive' : 'active',
    scope: { coding: [{ system: SCOPE, code: scopeOf(record.purpose) }] },
    category: [
      { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] },
      { coding: [{ system: `${FRONTDESK}/consent-purpose`, code: record.purpose }] },
    ],
    ...(record.patientId && { patient: referenceTo('Patient', record.patientId) }),
    dateTime: record.recordedAt,
    ...(record.signer.relation !== 'self' && {
      performer: [{ display: record.signer.name ?? record.signer.relation, extension: relation(record) }],
    }),
    organization: [referenceTo('Organization', context.clinicId)],
    policyRule: { coding: [{ system: `${FRONTDESK}/legal-basis`, code: record.legalBasis }] },
    sourceReference: { reference: `DocumentReference/${consentTextId(record)}` },
    provision: {
      type: record.decision === 'given' ? 'permit' : 'deny',
      // A given consent held from when it was given until its withdrawal.
      ...(record.decision === 'given' &&
        context.withdrawnAt && { period: { start: record.recordedAt, end: context.withdrawnAt } }),
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
              valueReference: referenceTo('Consent', record.withdraws),
            },
          ]
        : []),
    ],
  }
}

/** When each of these records was withdrawn, for those that were. */
export async function withdrawalsOf(
  db: Kysely<Database>,
  clinicId: string,
  recordIds: string[],
): Promise<Map<string, string>> {
  if (!recordIds.length) return new Map()
  const rows = await db
    .selectFrom('consent_records')
    .select(['withdraws', 'recorded_at'])
    .where('clinic_id', '=', clinicId)
    .where('withdraws', 'in', recordIds)
    .execute()
  return new Map(rows.map((row) => [row.withdraws!, new Date(row.recorded_at).toISOString()]))
}

function relation(record: ConsentRecord) {
  return [{ url: `${FRONTDESK}/StructureDefinition/signer-relation`, valueCode: record.signer.relation }]
}
