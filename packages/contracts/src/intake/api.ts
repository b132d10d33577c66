// The intake forms API on the wire: a clinic creates a form and publishes new versions; anyone with
// a key reads a version to render it; published versions never change.
import * as z from 'zod'
import { ConsentDocumentIds } from '../catalogue.js'
import { Id, Instant } from '../common.js'
import { IntakeFormDefinition } from './definition.js'

export const IntakeFormVersion = z
  .object({
    formId: Id,
    version: z.number().int().min(1),
    definition: IntakeFormDefinition,
    publishedAt: Instant,
  })
  .meta({ id: 'IntakeFormVersion' })
export type IntakeFormVersion = z.infer<typeof IntakeFormVersion>

export const IntakeForm = z
  .object({
    id: Id,
    name: z.string(),
    currentVersion: z.number().int().min(1),
    definition: IntakeFormDefinition.meta({ description: 'The current version' }),
    consentDocumentIds: ConsentDocumentIds,
    createdAt: Instant,
  })
  .meta({ id: 'IntakeForm' })
export type IntakeForm = z.infer<typeof IntakeForm>

export const CreateIntakeForm = z
  .object({
    name: z.string().trim().min(1).max(200).meta({ description: "The clinic's own name for it" }),
    definition: IntakeFormDefinition,
    consentDocumentIds: ConsentDocumentIds.default([]),
  })
  .strict()
export type CreateIntakeForm = z.infer<typeof CreateIntakeForm>

export const UpdateIntakeForm = z
  .object({
    name: z.string().trim().min(1).max(200),
    consentDocumentIds: ConsentDocumentIds,
  })
  .partial()
  .strict()
export type UpdateIntakeForm = z.infer<typeof UpdateIntakeForm>

export const PublishIntakeFormVersion = z.object({ definition: IntakeFormDefinition }).strict()
export type PublishIntakeFormVersion = z.infer<typeof PublishIntakeFormVersion>

/**
 * A FHIR R4 Questionnaire to import as a form's next version. The table checks only that it is one; the
 * import then judges it by R4's rules (`fhir.FhirQuestionnaire`) and maps what Frontdesk can ask.
 */
export const FhirQuestionnaireBody = z
  .looseObject({
    resourceType: z.literal('Questionnaire', {
      error: 'Send a FHIR R4 Questionnaire: resourceType must be "Questionnaire"',
    }),
  })
  .meta({
    id: 'FhirQuestionnaire',
    description: 'A FHIR R4 Questionnaire resource (http://hl7.org/fhir/R4/questionnaire.html)',
  })

export const ImportedIntakeFormVersion = IntakeFormVersion.extend({
  unmapped: z.array(z.object({ linkId: z.string(), reason: z.string() })).meta({
    description:
      'What the import could not carry over: an item left out (with its children), or a part of one such as its enableWhen (the item then always shows)',
  }),
}).meta({ id: 'ImportedIntakeFormVersion' })
export type ImportedIntakeFormVersion = z.infer<typeof ImportedIntakeFormVersion>
