// Intake forms: any client reads a form (or an exact earlier version) to render it; the admin client
// also creates forms, publishes new versions, exports a version as a FHIR R4 Questionnaire and imports one.

import {
  type CreateIntakeForm,
  endpoints,
  type FormDefinition,
  fhir,
  type ImportedIntakeFormVersion,
  type IntakeForm,
  type IntakeFormVersion,
  type UpdateIntakeForm,
} from '@frontdesk/contracts'
import type * as z from 'zod'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'

export interface IntakeFormsResource {
  /** The clinic's forms, each at its current version. */
  list(options?: RequestOptions): Promise<IntakeForm[]>
  get(formId: string, options?: RequestOptions): Promise<IntakeForm>
  /** A version exactly as it was published, e.g. the one a response answered. */
  version(formId: string, version: number, options?: RequestOptions): Promise<IntakeFormVersion>
}

export interface AdminIntakeFormsResource extends IntakeFormsResource {
  /** The definition becomes version 1; a bad one throws a ValidationError naming the item. */
  create(params: z.input<typeof CreateIntakeForm>, options?: RequestOptions): Promise<IntakeForm>
  /** Renames the form, or changes the consent documents it asks for after it is filled. */
  update(formId: string, params: UpdateIntakeForm, options?: RequestOptions): Promise<IntakeForm>
  /** Publishes the next version; earlier versions stay as they were. */
  publish(formId: string, definition: FormDefinition, options?: RequestOptions): Promise<IntakeFormVersion>
  /** The version as a FHIR R4 Questionnaire, checked against the R4 shape rules. */
  exportFhir(formId: string, version: number, options?: RequestOptions): Promise<fhir.Questionnaire>
  /**
   * Publishes another system's FHIR R4 Questionnaire as the next version; `unmapped` names by linkId what
   * could not be carried over. One that is no R4 Questionnaire throws a ValidationError saying why.
   */
  importFhir(
    formId: string,
    questionnaire: fhir.Questionnaire,
    options?: RequestOptions,
  ): Promise<ImportedIntakeFormVersion>
}

export function intakeFormsResource(transport: Transport): IntakeFormsResource {
  return {
    list: async (options) => (await transport.call(endpoints.listIntakeForms, { options })).data,
    get: (formId, options) => transport.call(endpoints.getIntakeForm, { params: { id: formId }, options }),
    version: (formId, version, options) =>
      transport.call(endpoints.getIntakeFormVersion, { params: { id: formId, version }, options }),
  }
}

export function adminIntakeFormsResource(transport: Transport): AdminIntakeFormsResource {
  return {
    ...intakeFormsResource(transport),
    create: (params, options) => transport.call(endpoints.createIntakeForm, { body: params, options }),
    update: (formId, params, options) =>
      transport.call(endpoints.updateIntakeForm, { params: { id: formId }, body: params, options }),
    publish: (formId, definition, options) =>
      transport.call(endpoints.createIntakeFormVersion, {
        params: { id: formId },
        body: { definition },
        options,
      }),
    // The table answers any object; the SDK checks it against the R4 shape rules.
    exportFhir: (formId, version, options) =>
      transport.call(endpoints.getIntakeFormVersionFhir, {
        params: { id: formId, version },
        options,
        schema: fhir.FhirQuestionnaire,
      }),
    // Sent as FHIR's own media type, as a FHIR client would.
    importFhir: (formId, questionnaire, options) =>
      transport.call(endpoints.importIntakeFormVersionFhir, {
        params: { id: formId },
        raw: new Blob([JSON.stringify(questionnaire)], { type: 'application/fhir+json' }),
        options,
      }),
  }
}
