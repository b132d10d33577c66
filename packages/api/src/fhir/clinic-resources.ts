// The clinic's side of an export as FHIR R4 resources: the clinic (Organization), the practitioners and
// locations bookings name, and the exact consent texts records were given on (DocumentReference). None of
// it is patient data; it is there so every reference in a Bundle resolves inside it.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { FhirResource } from './bundle.js'
import { FRONTDESK_FHIR, identifierFor, referenceTo, toFhirId } from './ids.js'

type Db = Kysely<Database>

export interface ClinicNames {
  id: string
  name: string
}

/** One consent text as a record names it: the document, its version and the language shown. */
export interface ConsentTextKey {
  documentId: string
  version: number
  language: string
}

/** `cdoc-Ab12.3.de`: the document's FHIR id, then the version and language that make the text exact. */
export function consentTextId(key: ConsentTextKey): string {
  return `${toFhirId(key.documentId)}.${key.version}.${key.language}`
}

export function organizationOf(clinic: ClinicNames): FhirResource {
  return {
    resourceType: 'Organization',
    id: toFhirId(clinic.id),
    identifier: [identifierFor('Organization', clinic.id)],
    active: true,
    name: clinic.name,
  }
}

export async function practitionersOf(db: Db, clinicId: string, ids: string[]): Promise<FhirResource[]> {
  if (!ids.length) return []
  const rows = await db
    .selectFrom('practitioners')
    .select(['id', 'name', 'title', 'active'])
    .where('clinic_id', '=', clinicId)
    .where('id', 'in', [...new Set(ids)])
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    resourceType: 'Practitioner',
    id: toFhirId(row.id),
    identifier: [identifierFor('Practitioner', row.id)],
    active: row.active,
    name: [{ text: row.name }],
    ...(row.title && { qualification: [{ code: { text: row.title } }] }),
  }))
}

export async function locationsOf(db: Db, clinicId: string, ids: string[]): Promise<FhirResource[]> {
  if (!ids.length) return []
  const rows = await db
    .selectFrom('locations')
    .select(['id', 'name', 'address'])
    .where('clinic_id', '=', clinicId)
    .where('id', 'in', [...new Set(ids)])
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    resourceType: 'Location',
    id: toFhirId(row.id),
    identifier: [identifierFor('Location', row.id)],
    status: 'active',
    name: row.name,
    ...(row.address && { address: { text: row.address } }),
    managingOrganization: referenceTo('Organization', clinicId),
  }))
}

/** Each text once, with its words (HTML, base64) and hash, so the Bundle shows what was agreed to. */
export async function consentTextsOf(
  db: Db,
  clinicId: string,
  keys: ConsentTextKey[],
): Promise<FhirResource[]> {
  const unique = new Map(keys.map((key) => [consentTextId(key), key]))
  const texts = await Promise.all(
    [...unique.values()].map((key) =>
      db
        .selectFrom('consent_texts')
        .innerJoin('consent_document_versions as v', (join) =>
          join
            .onRef('v.document_id', '=', 'consent_texts.document_id')
            .onRef('v.version', '=', 'consent_texts.version'),
        )
        .innerJoin('consent_documents as d', 'd.id', 'consent_texts.document_id')
        .select([
          'consent_texts.title',
          'consent_texts.html',
          'consent_texts.hash',
          'v.published_at',
          'd.purpose',
          'd.current_version',
        ])
        .where('d.clinic_id', '=', clinicId)
        .where('consent_texts.document_id', '=', key.documentId)
        .where('consent_texts.version', '=', key.version)
        .where('consent_texts.language', '=', key.language)
        .executeTakeFirst()
        .then((row) => row && { key, row }),
    ),
  )
  return texts
    .filter((text) => text !== undefined)
    .map(({ key, row }) => ({
      resourceType: 'DocumentReference',
      id: consentTextId(key),
      identifier: [identifierFor('DocumentReference', `${key.documentId}|${key.version}|${key.language}`)],
      status: key.version === row.current_version ? 'current' : 'superseded',
      type: { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Consent Document' }] },
      category: [{ coding: [{ system: `${FRONTDESK_FHIR}/consent-purpose`, code: row.purpose }] }],
      date: new Date(row.published_at).toISOString(),
      custodian: referenceTo('Organization', clinicId),
      description: row.title,
      content: [
        {
          attachment: {
            contentType: 'text/html',
            language: key.language,
            title: row.title,
            data: Buffer.from(row.html).toString('base64'),
          },
        },
      ],
      extension: [
        {
          url: `${FRONTDESK_FHIR}/StructureDefinition/consent-text-hash`,
          valueString: `sha256:${Buffer.from(row.hash).toString('hex')}`,
        },
      ],
    }))
}
