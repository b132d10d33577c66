// Files a patient uploads into their draft (an insurance card's two sides, a referral letter): checked
// against the file question's types and size, sniffed so the content is what it claims, sealed whole.
// Every read of a file, the patient's or the clinic's, is audited.
import { acceptsType, type IntakeFile } from '@frontdesk/contracts'
import { fileFieldAt } from '@frontdesk/contracts/intake'
import { audit } from '../audit/trail.js'
import type { RequestScope } from '../env.js'
import { ApiError } from '../errors.js'
import { cipherOf } from '../request-scope.js'
import { newId } from '../tokens.js'
import { ownDraft } from './drafts.js'
import { openFile, pinnedDefinition } from './response-store.js'
import { filePurpose } from './sealed-answers.js'
import { normalizeContentType, sniffContentType } from './sniff.js'

/** Enough for every file question of a form, with room for a patient who changes their mind. */
export const MAX_FILES_PER_RESPONSE = 50

/** An upload as it arrives: the question's field, the declared type and length, and the body's stream. */
export interface Upload {
  field: string
  contentType: string | undefined
  contentLength: string | undefined
  body: ReadableStream<Uint8Array> | null
}

export async function uploadDraftFile(
  scope: RequestScope,
  draftId: string,
  upload: Upload,
): Promise<IntakeFile> {
  const row = await ownDraft(scope, draftId)
  const { db, clinic } = scope
  const { field } = upload
  const question = fileFieldAt((await pinnedDefinition(db, row)).items, field)
  if (!question) {
    throw new ApiError('VALIDATION_FAILED', 'field: the form has no file question there', {
      issues: [{ path: 'field', message: 'The form has no file question there' }],
    })
  }
  const contentType = normalizeContentType(upload.contentType)
  if (!contentType || !acceptsType(question.accept, contentType)) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `This question takes ${question.accept.join(', ')}`)
  }
  const declared = Number(upload.contentLength ?? Number.NaN)
  if (declared > question.maxBytes) throw tooLarge(question.maxBytes)
  const bytes = await readBody(upload.body, question.maxBytes)
  if (bytes.length === 0) {
    throw new ApiError('VALIDATION_FAILED', 'body: the file is empty', {
      issues: [{ path: 'body', message: 'The file is empty' }],
    })
  }
  const sniffed = await sniffContentType(bytes)
  if (sniffed !== contentType) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `The file's content is not ${contentType}`)
  }
  const count = await db
    .selectFrom('intake_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('response_id', '=', row.id)
    .executeTakeFirstOrThrow()
  if (Number(count.n) >= MAX_FILES_PER_RESPONSE) {
    throw new ApiError('VALIDATION_FAILED', `body: at most ${MAX_FILES_PER_RESPONSE} files per response`, {
      issues: [
        { path: 'body', message: `At most ${MAX_FILES_PER_RESPONSE} files per response; remove some` },
      ],
    })
  }
  const id = newId('file')
  const sealed = await cipherOf(scope).seal(clinic.id, filePurpose(row.id, id), bytes)
  const stored = await db.transaction().execute(async (trx) => {
    const file = await trx
      .insertInto('intake_files')
      .values({
        id,
        clinic_id: clinic.id,
        response_id: row.id,
        field,
        content_type: contentType,
        bytes: bytes.length,
        sealed,
      })
      .returning(['id', 'field', 'content_type', 'bytes', 'uploaded_at'])
      .executeTakeFirstOrThrow()
    await audit(trx, scope, [{ action: 'intake_file.upload', objectType: 'intake_file', objectId: id }])
    return file
  })
  return {
    id: stored.id,
    field: stored.field,
    contentType: stored.content_type,
    bytes: stored.bytes,
    uploadedAt: new Date(stored.uploaded_at).toISOString(),
  }
}

export async function readDraftFile(scope: RequestScope, draftId: string, fileId: string) {
  const row = await ownDraft(scope, draftId)
  return openFileAudited(scope, row.id, fileId)
}

export async function deleteDraftFile(scope: RequestScope, draftId: string, fileId: string): Promise<void> {
  const row = await ownDraft(scope, draftId)
  const removed = await scope.db
    .deleteFrom('intake_files')
    .where('response_id', '=', row.id)
    .where('id', '=', fileId)
    .executeTakeFirst()
  if (Number(removed.numDeletedRows) === 0) throw new ApiError('NOT_FOUND', 'No such file')
  await audit(scope.db, scope, [
    { action: 'intake_file.delete', objectType: 'intake_file', objectId: fileId },
  ])
}

/** A response's file, decrypted; the read is audited. */
export async function openFileAudited(scope: RequestScope, responseId: string, fileId: string) {
  const opened = await openFile(scope.db, cipherOf(scope), scope.clinic.id, responseId, fileId)
  await audit(scope.db, scope, [
    { action: 'intake_file.read', objectType: 'intake_file', objectId: opened.file.id },
  ])
  return opened
}

/** Reads the body as it streams in, and stops at the first byte past the limit. */
async function readBody(stream: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  if (!stream) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length
    if (total > maxBytes) throw tooLarge(maxBytes)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    'PAYLOAD_TOO_LARGE',
    `This question takes files up to ${Math.floor(maxBytes / 1024)} KB`,
  )
}
