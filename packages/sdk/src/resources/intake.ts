// Intake forms: any client reads a form (or an exact earlier version) to render it; the admin client
// also creates forms, publishes new versions and exports a version as a FHIR R4 Questionnaire.

import {
  type CreateIntakeForm,
  type FormDefinition,
  fhir,
  IntakeForm,
  IntakeFormVersion,
  listOf,
} from '@frontdesk/contracts'
import type * as z from 'zod'
import { segment, type Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'

const IntakeForms = listOf(IntakeForm)

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
  /** Publishes the next version; earlier versions stay as they were. */
  publish(formId: string, definition: FormDefinition, options?: RequestOptions): Promise<IntakeFormVersion>
  /** The version as a FHIR R4 Questionnaire, checked against the R4 shape rules. */
  exportFhir(formId: string, version: number, options?: RequestOptions): Promise<fhir.Questionnaire>
}

const formPath = (formId: string) => `intake/forms/${segment(formId)}`

export function intakeFormsResource(transport: Transport): IntakeFormsResource {
  return {
    list: async (options) =>
      (await transport.send(IntakeForms, { method: 'get', path: 'intake/forms', options })).data,
    get: (formId, options) => transport.send(IntakeForm, { method: 'get', path: formPath(formId), options }),
    version: (formId, version, options) =>
      transport.send(IntakeFormVersion, {
        method: 'get',
        path: `${formPath(formId)}/versions/${segment(String(version))}`,
        options,
      }),
  }
}

export function adminIntakeFormsResource(transport: Transport): AdminIntakeFormsResource {
  return {
    ...intakeFormsResource(transport),
    create: (params, options) =>
      transport.send(IntakeForm, { method: 'post', path: 'intake/forms', body: params, options }),
    publish: (formId, definition, options) =>
      transport.send(IntakeFormVersion, {
        method: 'post',
        path: `${formPath(formId)}/versions`,
        body: { definition },
        options,
      }),
    exportFhir: (formId, version, options) =>
      transport.send(fhir.FhirQuestionnaire, {
        method: 'get',
        path: `${formPath(formId)}/versions/${segment(String(version))}/fhir`,
        options,
      }) as Promise<fhir.Questionnaire>,
  }
}
