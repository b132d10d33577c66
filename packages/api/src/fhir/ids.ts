// FHIR R4 ids and Bundle fullUrls for Frontdesk's records. R4 ids are `[A-Za-z0-9\-\.]{1,64}`; a Frontdesk
// id is `<prefix>_<letters and digits>` (contracts' Id) and never holds `-`, so `_` → `-` maps it both ways.
// A resource's fullUrl is a urn:uuid made from its type and id (UUID v5), the same in every Bundle.
import { createHash } from 'node:crypto'

/** Where Frontdesk's identifier systems, extensions and code systems live. */
export const FRONTDESK_FHIR = 'https://frontdesk.dev/fhir'

/** `pat_Ab12` → `pat-Ab12`. */
export function toFhirId(frontdeskId: string): string {
  return frontdeskId.replace('_', '-')
}

/** `pat-Ab12` → `pat_Ab12`; a derived id (`cdoc-x.2.de`) gives back the Frontdesk id it starts with. */
export function fromFhirId(fhirId: string): string {
  return fhirId.replace('-', '_')
}

/** A literal reference to a Frontdesk record, as a standalone resource writes it. */
export function referenceTo(resourceType: string, frontdeskId: string): { reference: string } {
  return { reference: `${resourceType}/${toFhirId(frontdeskId)}` }
}

/** The identifier system of each kind of record, by the resource it is exported as. */
const IDENTIFIER_SYSTEMS: Record<string, string> = {
  Organization: 'clinic',
  Patient: 'patient',
  Practitioner: 'practitioner',
  Location: 'location',
  Appointment: 'booking',
  QuestionnaireResponse: 'intake-response',
  Consent: 'consent-record',
  DocumentReference: 'consent-text',
}

/** The identifier that names a Frontdesk record in any system, beside its FHIR id: its own id, unmapped. */
export function identifierFor(resourceType: string, frontdeskId: string) {
  return { system: `${FRONTDESK_FHIR}/${IDENTIFIER_SYSTEMS[resourceType] ?? 'id'}`, value: frontdeskId }
}

/** RFC 9562 name-based UUID (version 5, SHA-1): the same name always gives the same UUID. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** RFC 9562's namespace for URLs; Frontdesk's own is the UUID of its FHIR base URL within it. */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'
const FRONTDESK_NAMESPACE = uuidV5(FRONTDESK_FHIR, URL_NAMESPACE)

/**
 * A resource's fullUrl in every Bundle: R4 resolves a `urn:uuid:` reference by equality with a fullUrl,
 * wherever the Bundle is read, and a transaction's server swaps it for the id it stores.
 */
export function fullUrlOf(resourceType: string, fhirId: string): string {
  return `urn:uuid:${uuidV5(`${resourceType}/${fhirId}`, FRONTDESK_NAMESPACE)}`
}
