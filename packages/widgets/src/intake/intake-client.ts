// The intake calls of the widgets' client: a draft opened with a key or visit token, then read, saved,
// given files and submitted with its resume token alone.
import type { IntakeDraft, IntakeDraftCreated, IntakeFile, IntakeSubmitted } from '@frontdesk/contracts'
import type { Answers, FormDefinition } from '@frontdesk/contracts/intake'
import { apiCaller } from '../client.js'
import type { ResumeTarget } from './resume-link.js'

export interface PinnedForm {
  formId: string
  version: number
  definition: FormDefinition
}

export function createIntakeClient(apiBase: string) {
  const call = apiCaller(apiBase)
  const draftPath = (id: string) => `/intake/drafts/${encodeURIComponent(id)}`
  return {
    /** `token` is a publishable key (`pk_…`) or the visit token of a booking just made (`vt_…`). */
    open: (token: string, formId: string) =>
      call<IntakeDraftCreated>('POST', '/intake/drafts', token, {
        json: { formId },
        idempotencyKey: crypto.randomUUID(),
      }),
    draft: (id: string, resumeToken: string) => call<IntakeDraft>('GET', draftPath(id), resumeToken),
    /** The version the draft is pinned to, which is the one to render. */
    form: (formId: string, version: number, resumeToken: string) =>
      call<PinnedForm>('GET', `/intake/forms/${encodeURIComponent(formId)}/versions/${version}`, resumeToken),
    save: (id: string, resumeToken: string, version: number, answers: Answers) =>
      call<IntakeDraft>('PUT', draftPath(id), resumeToken, { json: { version, answers } }),
    /** `field` is the file field's item ids joined by dots, without repeat indexes. */
    upload: (id: string, resumeToken: string, field: string, file: File) =>
      call<Omit<IntakeFile, 'field' | 'uploadedAt'>>(
        'POST',
        `${draftPath(id)}/files?field=${encodeURIComponent(field)}`,
        resumeToken,
        { file },
      ),
    file: (id: string, resumeToken: string, fileId: string) =>
      call<Blob>('GET', `${draftPath(id)}/files/${encodeURIComponent(fileId)}`, resumeToken, { bytes: true }),
    removeFile: (id: string, resumeToken: string, fileId: string) =>
      call<null>('DELETE', `${draftPath(id)}/files/${encodeURIComponent(fileId)}`, resumeToken),
    submit: (id: string, resumeToken: string, version: number, answers: Answers) =>
      call<IntakeSubmitted>('POST', `${draftPath(id)}/submit`, resumeToken, { json: { version, answers } }),
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
