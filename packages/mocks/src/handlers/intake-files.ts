// Files a patient uploads into their intake draft, kept in memory: checked against the file question's
// types and size like the API (415, 413), shown again after resuming, removed when unwanted.
import { acceptsType, endpoints, type IntakeFile } from '@frontdesk/contracts'
import { contentMatches, normalizeContentType } from '../file-content.js'
import { fileFieldAt } from '../intake-judge.js'
import { MockApiError } from '../responses.js'
import type { MockStore } from '../store.js'
import { newId } from '../tokens.js'
import { ownDraft, pinnedDefinition } from './intake.js'
import type { Router } from './route.js'

/** As in the API: enough for every file question of a form, with room for a patient who changes their mind. */
const MAX_FILES_PER_RESPONSE = 50

const invalid = (path: string, message: string) =>
  new MockApiError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }])

const tooLarge = (maxBytes: number) =>
  new MockApiError('PAYLOAD_TOO_LARGE', `This question takes files up to ${Math.floor(maxBytes / 1024)} KB`)

export function intakeFileHandlers(store: MockStore, { route }: Router) {
  return [
    route(endpoints.uploadIntakeFile, async ({ request, params, query, principal }) => {
      const draft = ownDraft(store, principal, params.id)
      const { field } = query()
      const question = fileFieldAt(pinnedDefinition(store, draft).items, field)
      if (!question) throw invalid('field', 'The form has no file question there')
      const contentType = normalizeContentType(request.headers.get('Content-Type'))
      if (!contentType || !acceptsType(question.accept, contentType)) {
        throw new MockApiError('UNSUPPORTED_MEDIA_TYPE', `This question takes ${question.accept.join(', ')}`)
      }
      if (Number(request.headers.get('Content-Length') ?? Number.NaN) > question.maxBytes) {
        throw tooLarge(question.maxBytes)
      }
      const bytes = new Uint8Array(await request.arrayBuffer())
      if (bytes.length > question.maxBytes) throw tooLarge(question.maxBytes)
      if (bytes.length === 0) throw invalid('body', 'The file is empty')
      if (!contentMatches(contentType, bytes)) {
        throw new MockApiError('UNSUPPORTED_MEDIA_TYPE', `The file's content is not ${contentType}`)
      }
      if (draft.files.length >= MAX_FILES_PER_RESPONSE) {
        throw invalid('body', `At most ${MAX_FILES_PER_RESPONSE} files per response; remove some`)
      }
      const file: IntakeFile = {
        id: newId('file'),
        field,
        contentType,
        bytes: bytes.length,
        uploadedAt: new Date(store.now()).toISOString(),
      }
      draft.files.push({ file, bytes })
      return { status: 201, body: file }
    }),

    route(endpoints.getIntakeDraftFile, ({ params: { id, fileId }, principal }) => {
      const stored = ownDraft(store, principal, id).files.find(({ file }) => file.id === fileId)
      if (!stored) throw new MockApiError('NOT_FOUND', 'No such file')
      return {
        status: 200,
        bytes: stored.bytes,
        headers: {
          'Content-Type': stored.file.contentType,
          'Content-Disposition': `attachment; filename="${stored.file.id}"`,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        },
      }
    }),

    route(endpoints.deleteIntakeFile, ({ params: { id, fileId }, principal }) => {
      const draft = ownDraft(store, principal, id)
      const index = draft.files.findIndex(({ file }) => file.id === fileId)
      if (index === -1) throw new MockApiError('NOT_FOUND', 'No such file')
      draft.files.splice(index, 1)
      return { status: 204 }
    }),
  ]
}
