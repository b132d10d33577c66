// Intake forms for the clinic: created and changed with the consent documents they ask for checked to be
// the clinic's own, versions published, and a version exported as a FHIR R4 Questionnaire.
import {
  type CreateIntakeForm,
  endpoints,
  fhir,
  type IntakeForm,
  type UpdateIntakeForm,
} from '@frontdesk/contracts'
import { assertConsentDocumentsExist } from '../consent/document-store.js'
import type { RequestScope } from '../env.js'
import { idempotent } from '../idempotency/idempotent.js'
import { createIntakeForm, readIntakeFormVersion, updateIntakeForm } from './form-store.js'

export async function createForm(scope: RequestScope, input: CreateIntakeForm) {
  return idempotent(
    scope,
    { operation: endpoints.createIntakeForm, body: input },
    () => assertConsentDocumentsExist(scope.db, scope.clinic.id, input.consentDocumentIds),
    async (trx) => ({
      status: 201 as const,
      body: await createIntakeForm(
        trx,
        scope.clinic.id,
        input.name,
        input.definition,
        input.consentDocumentIds,
      ),
    }),
  )
}

export async function updateForm(
  scope: RequestScope,
  id: string,
  input: UpdateIntakeForm,
): Promise<IntakeForm> {
  await assertConsentDocumentsExist(scope.db, scope.clinic.id, input.consentDocumentIds)
  return updateIntakeForm(scope.db, scope.clinic.id, id, input)
}

/** A published version as the Questionnaire an EHR imports; definitions hold no patient data. */
export async function formVersionAsFhir(
  scope: RequestScope,
  id: string,
  version: number,
): Promise<fhir.Questionnaire> {
  const found = await readIntakeFormVersion(scope.db, scope.clinic.id, id, version)
  return fhir.toQuestionnaire(found.definition, {
    url: `urn:frontdesk:intake-form:${id}`,
    version: String(version),
    status: 'active',
  })
}
