// Intake answers. The patient's side (`intake.drafts`): start a draft, save as they go, upload files,
// submit, all with the resume token the start returned. The clinic's side (`intake.responses`, admin
// only): list, read decrypted, export as FHIR, download files, and invite a patient to a new draft.
import {
  type Answers,
  type CreateIntakeDraft,
  endpoints,
  fhir,
  type IntakeDraft,
  type IntakeDraftCreated,
  type IntakeFile,
  type IntakeResponse,
  type IntakeResponseListQuery,
  type IntakeResponseSummary,
  type IntakeSubmitted,
} from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions, ResumeTokenOptions } from '../types/options.js'
import type { Page } from '../types/params.js'
import { everyItem } from '../utils/pages.js'

export interface DraftAnswers {
  /** The form version the patient was shown: the draft's own `version`. */
  version: number
  answers: Answers
}

export interface IntakeDraftsResource {
  /**
   * Starts a draft of the form's current version. Pass `visitToken` to link it to the patient's hold or
   * booking; without it, the draft stands alone. Keep the answer's `resumeToken`: it is the only way back.
   */
  start(params: Pick<CreateIntakeDraft, 'formId'>, options?: RequestOptions): Promise<IntakeDraftCreated>
  get(draftId: string, options: ResumeTokenOptions): Promise<IntakeDraft>
  /** Replaces the saved answers; each must be well-formed, none is required yet. */
  save(draftId: string, params: DraftAnswers, options: ResumeTokenOptions): Promise<IntakeDraft>
  /** Uploads one file for the file question at `field` (`insurance.card`); name its id in the answer. */
  upload(draftId: string, field: string, file: Blob, options: ResumeTokenOptions): Promise<IntakeFile>
  /** A file uploaded to the draft, as a Blob of its type: to show it again after resuming. */
  file(draftId: string, fileId: string, options: ResumeTokenOptions): Promise<Blob>
  removeFile(draftId: string, fileId: string, options: ResumeTokenOptions): Promise<void>
  /** Checks every answer, stores them for the clinic and spends the resume token. */
  submit(draftId: string, params: DraftAnswers, options: ResumeTokenOptions): Promise<IntakeSubmitted>
}

export type IntakeResponseListParams = Partial<IntakeResponseListQuery>

export interface IntakeResponsesResource {
  /** A page of responses, newest first, without their answers. */
  list(query?: IntakeResponseListParams, options?: RequestOptions): Promise<Page<IntakeResponseSummary>>
  listAll(query?: IntakeResponseListParams, options?: RequestOptions): AsyncGenerator<IntakeResponseSummary>
  /** One response with its answers, decrypted; the API audits the read. */
  get(responseId: string, options?: RequestOptions): Promise<IntakeResponse>
  /** The response as a FHIR R4 QuestionnaireResponse. */
  exportFhir(responseId: string, options?: RequestOptions): Promise<fhir.QuestionnaireResponse>
  /** A file the patient uploaded, as a Blob of its recorded type. */
  file(responseId: string, fileId: string, options?: RequestOptions): Promise<Blob>
  /**
   * Starts a draft for a patient the clinic invites, optionally for one of its bookings. Send them the
   * resume token and the draft id in a link's fragment
   * (`…/intake#frontdesk-resume=rt_…&frontdesk-draft=intake_…`), never in a query string.
   */
  invite(params: CreateIntakeDraft, options?: RequestOptions): Promise<IntakeDraftCreated>
}

export function intakeDraftsResource(transport: Transport): IntakeDraftsResource {
  return {
    start: (params, options) => transport.call(endpoints.createIntakeDraft, { body: params, options }),
    get: (draftId, options) => transport.call(endpoints.getIntakeDraft, { params: { id: draftId }, options }),
    save: (draftId, params, options) =>
      transport.call(endpoints.saveIntakeDraft, { params: { id: draftId }, body: params, options }),
    upload: (draftId, field, file, options) =>
      transport.call(endpoints.uploadIntakeFile, {
        params: { id: draftId },
        query: { field },
        raw: file,
        options,
      }),
    file: (draftId, fileId, options) =>
      transport.call(endpoints.getIntakeDraftFile, { params: { id: draftId, fileId }, options }),
    removeFile: (draftId, fileId, options) =>
      transport.call(endpoints.deleteIntakeFile, { params: { id: draftId, fileId }, options }),
    submit: (draftId, params, options) =>
      transport.call(endpoints.submitIntakeDraft, { params: { id: draftId }, body: params, options }),
  }
}

export function intakeResponsesResource(transport: Transport): IntakeResponsesResource {
  const list = (query: IntakeResponseListParams = {}, options?: RequestOptions) =>
    transport.call(endpoints.listIntakeResponses, { query, options })
  return {
    list,
    listAll: (query = {}, options) => everyItem(list, query, options),
    get: (responseId, options) =>
      transport.call(endpoints.getIntakeResponse, { params: { id: responseId }, options }),
    // The table answers any object; the SDK checks it against the R4 shape rules.
    exportFhir: (responseId, options) =>
      transport.call(endpoints.getIntakeResponseFhir, {
        params: { id: responseId },
        options,
        schema: fhir.FhirQuestionnaireResponse,
      }),
    file: (responseId, fileId, options) =>
      transport.call(endpoints.getIntakeResponseFile, { params: { id: responseId, fileId }, options }),
    invite: (params, options) => transport.call(endpoints.createIntakeDraft, { body: params, options }),
  }
}
