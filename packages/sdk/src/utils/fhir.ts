// FHIR answers the table leaves open: the SDK checks their resource type only, as it does not model all of R4.
import * as z from 'zod'

const fhirResource = <const T extends string>(resourceType: T) =>
  z.looseObject({ resourceType: z.literal(resourceType) })

export const FhirBundle = fhirResource('Bundle')
export const FhirConsent = fhirResource('Consent')
