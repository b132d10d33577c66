// FHIR answers the table leaves open: the SDK checks their resource type only, as it does not model all of R4.
import * as z from 'zod'

const fhirResource = <const T extends string>(resourceType: T) =>
  z.looseObject({ resourceType: z.literal(resourceType) })

export const FhirBundle = fhirResource('Bundle')
/** A FHIR R4 Bundle: its `resourceType` checked, the rest as the server sent it. */
export type FhirBundle = z.infer<typeof FhirBundle>
export const FhirConsent = fhirResource('Consent')
/** A FHIR R4 Consent resource: its `resourceType` checked, the rest as the server sent it. */
export type FhirConsent = z.infer<typeof FhirConsent>
