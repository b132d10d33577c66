// The intake calls of the widgets' client: a draft opened with a key or visit token, then read, saved,
// given files and submitted with its resume token alone.
import type { Answers } from '@frontdesk/contracts/intake'
import { apiCaller } from '../client.js'
import type { ResumeTarget } from './resume-link.js'

export function createIntakeClient(apiBase: string) {
  const call = apiCaller(apiBase)
  const encode = encodeURIComponent
  return {
    /** `token` is a publishable key (`pk_…`) or the visit token of a booking just made (`vt_…`). */
    open: (token: string, formId: string) =>
      call<'createIntakeDraft'>('POST', '/v1/intake/drafts', token, {
        json: { formId },
        idempotencyKey: crypto.randomUUID(),
      }),
    draft: (id: string, resumeToken: string) =>
      call<'getIntakeDraft'>('GET', `/v1/intake/drafts/${encode(id)}`, resumeToken),
    /** The version the draft is pinned to, which is the one to render. */
    form: (formId: string, version: number, resumeToken: string) =>
      call<'getIntakeFormVersion'>(
        'GET',
        `/v1/intake/forms/${encode(formId)}/versions/${version}`,
        resumeToken,
      ),
    save: (id: string, resumeToken: string, version: number, answers: Answers) =>
      call<'saveIntakeDraft'>('PUT', `/v1/intake/drafts/${encode(id)}`, resumeToken, {
        json: { version, answers },
      }),
    /** `field` is the file field's item ids joined by dots, without repeat indexes. */
    upload: (id: string, resumeToken: string, field: string, file: File) =>
      call<'uploadIntakeFile'>(
        'POST',
        `/v1/intake/drafts/${encode(id)}/files?field=${encode(field)}`,
        resumeToken,
        { file },
      ),
    file: (id: string, resumeToken: string, fileId: string) =>
      call<'getIntakeDraftFile'>(
        'GET',
        `/v1/intake/drafts/${encode(id)}/files/${encode(fileId)}`,
        resumeToken,
        { bytes: true },
      ),
    removeFile: (id: string, resumeToken: string, fileId: string) =>
      call<'deleteIntakeFile'>(
        'DELETE',
        `/v1/intake/drafts/${encode(id)}/files/${encode(fileId)}`,
        resumeToken,
      ),
    submit: (id: string, resumeToken: string, version: number, answers: Answers) =>
      call<'submitIntakeDraft'>('POST', `/v1/intake/drafts/${encode(id)}/submit`, resumeToken, {
        json: { version, answers },
      }),
  }
}

export type IntakeClient = ReturnType<typeof createIntakeClient>

/**
 * The draft to show and the form version it is pinned to: the one a resume target opens, else a new
 * one started with the key (a visit token after a booking, or the publishable key).
 */
export async function openDraft(
  client: IntakeClient,
  target: ResumeTarget | undefined,
  start: { key: string; formId: string },
) {
  let opened = target
  let draft = target && (await client.draft(target.draftId, target.resumeToken))
  if (!draft) {
    const created = await client.open(start.key, start.formId)
    opened = { draftId: created.draft.id, resumeToken: created.resumeToken }
    draft = created.draft
  }
  const resumeToken = (opened as ResumeTarget).resumeToken
  const pinned = await client.form(draft.formId, draft.version, resumeToken)
  return { target: opened as ResumeTarget, draft, definition: pinned.definition }
}
