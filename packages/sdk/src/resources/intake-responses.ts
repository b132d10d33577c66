// Intake answers. The patient's side (`intake.drafts`): start a draft, save as they go, upload files,
// submit, all with the resume token the start returned. The clinic's side (`intake.responses`, admin
// only): list, read decrypted, export as FHIR, download files, and invite a patient to a new draft.
import {
  type Answers,
  type CreateIntakeDraft,
  fhir,
  IntakeDraft,
  IntakeDraftCreated,
  IntakeFile,
  IntakeResponse,
  type IntakeResponseListQuery,
  IntakeResponseSummary,
  IntakeSubmitted,
  listOf,
} from '@frontdesk/contracts'
import { segment, type Transport } from '../core/transport.js'
import type { RequestOptions, ResumeTokenOptions } from '../types/options.js'
import type { Page } from '../types/params.js'
import { everyItem } from '../utils/pages.js'

const Summaries = listOf(IntakeResponseSummary)

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

const draftPath = (draftId: string) => `intake/drafts/${segment(draftId)}`
const responsePath = (responseId: string) => `intake/responses/${segment(responseId)}`

export function intakeDraftsResource(transport: Transport): IntakeDraftsResource {
  return {
    start: (params, options) =>
      transport.send(IntakeDraftCreated, { method: 'post', path: 'intake/drafts', body: params, options }),
    get: (draftId, options) =>
      transport.send(IntakeDraft, { method: 'get', path: draftPath(draftId), options }),
    save: (draftId, params, options) =>
      transport.send(IntakeDraft, { method: 'put', path: draftPath(draftId), body: params, options }),
    upload: (draftId, field, file, options) =>
      transport.send(IntakeFile, {
        method: 'post',
        path: `${draftPath(draftId)}/files`,
        query: { field },
        raw: file,
        options,
      }),
    removeFile: (draftId, fileId, options) =>
      transport.sendEmpty({
        method: 'delete',
        path: `${draftPath(draftId)}/files/${segment(fileId)}`,
        options,
      }),
    submit: (draftId, params, options) =>
      transport.send(IntakeSubmitted, {
        method: 'post',
        path: `${draftPath(draftId)}/submit`,
        body: params,
        options,
      }),
  }
}

export function intakeResponsesResource(transport: Transport): IntakeResponsesResource {
  const list = (query: IntakeResponseListParams = {}, options?: RequestOptions) =>
    transport.send(Summaries, { method: 'get', path: 'intake/responses', query: { ...query }, options })
  return {
    list,
    listAll: (query = {}, options) => everyItem(list, query, options),
    get: (responseId, options) =>
      transport.send(IntakeResponse, { method: 'get', path: responsePath(responseId), options }),
    exportFhir: (responseId, options) =>
      transport.send(fhir.FhirQuestionnaireResponse, {
        method: 'get',
        path: `${responsePath(responseId)}/fhir`,
        options,
      }) as Promise<fhir.QuestionnaireResponse>,
    file: (responseId, fileId, options) =>
      transport.sendForBlob({
        method: 'get',
        path: `${responsePath(responseId)}/files/${segment(fileId)}`,
        options,
      }),
    invite: (params, options) =>
      transport.send(IntakeDraftCreated, { method: 'post', path: 'intake/drafts', body: params, options }),
  }
}
