// Intake forms for the clinic: created and changed with the consent documents they ask for checked to be
// the clinic's own, versions published, a version exported as a FHIR R4 Questionnaire, and another
// system's Questionnaire imported as the next version.
import {
  type CreateIntakeForm,
  endpoints,
  fhir,
  type ImportedIntakeFormVersion,
  type IntakeForm,
  IntakeFormDefinition,
  type UpdateIntakeForm,
} from '@frontdesk/contracts'
import { assertConsentDocumentsExist } from '../consent/document-store.js'
import type { RequestScope } from '../env.js'
import { ApiError, validationError } from '../errors.js'
import { idempotent } from '../idempotency/idempotent.js'
import {
  createIntakeForm,
  publishIntakeFormVersion,
  readIntakeFormVersion,
  updateIntakeForm,
} from './form-store.js'

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

/**
 * A Questionnaire published as the form's next version: judged by R4's rules first, then mapped; what the
 * mapping leaves out is named in the answer. 422 when it is no R4 Questionnaire, when nothing in it can be
 * asked, or when what can be asked is no form Frontdesk takes (the definition's own rules).
 */
export async function importFormVersion(
  scope: RequestScope,
  formId: string,
  body: unknown,
): Promise<ImportedIntakeFormVersion> {
  const parsed = fhir.FhirQuestionnaire.safeParse(body)
  if (!parsed.success) throw validationError(parsed.error)
  let imported: fhir.QuestionnaireImport
  try {
    imported = fhir.importQuestionnaire(parsed.data)
  } catch (error) {
    if (!(error instanceof fhir.FhirMappingError)) throw error
    throw refused(error.linkId === 'Questionnaire' ? 'title' : 'item', error.message)
  }
  const { definition, unmapped } = imported
  if (!definition.items.length) {
    const named = unmapped.map((one) => `${one.linkId}: ${one.reason}`).join('; ')
    throw refused('item', `Nothing in this Questionnaire can be asked${named ? ` (${named})` : ''}`)
  }
  const checked = IntakeFormDefinition.safeParse(definition)
  if (!checked.success) {
    const issue = checked.error.issues[0]!
    throw refused(
      'item',
      `The imported form is not one Frontdesk takes: ${issue.path.join('.')}: ${issue.message}`,
    )
  }
  const version = await publishIntakeFormVersion(scope.db, scope.clinic.id, formId, checked.data)
  return { ...version, unmapped }
}

function refused(path: string, message: string): ApiError {
  return new ApiError('VALIDATION_FAILED', message, { issues: [{ path, message }] })
}
