// Files a patient uploads into their draft (an insurance card's two sides, a referral letter): checked
// against the file question's types and size, sniffed so the content is what it claims, sealed whole.
import { acceptsType, endpoints } from '@frontdesk/contracts'
import { fileFieldAt } from '@frontdesk/contracts/intake'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { cipherOf, filePurpose } from '../intake/sealed-answers.js'
import { normalizeContentType, sniffContentType } from '../intake/sniff.js'
import { audit } from '../services/audit.js'
import { openFile, pinnedDefinition } from '../services/intake-responses.js'
import { newId } from '../tokens.js'
import { route } from './define.js'
import { ownDraft } from './intake-access.js'

/** Enough for every file question of a form, with room for a patient who changes their mind. */
export const MAX_FILES_PER_RESPONSE = 50

export function registerDraftFileRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route(endpoints.uploadIntakeFile), async (c) => {
    const row = await ownDraft(c, c.req.valid('param').id)
    const { field } = c.req.valid('query')
    const { db } = c.get('deps')
    const clinic = c.get('clinic')
    const question = fileFieldAt((await pinnedDefinition(db, row)).items, field)
    if (!question) {
      throw new ApiError('VALIDATION_FAILED', 'field: the form has no file question there', {
        issues: [{ path: 'field', message: 'The form has no file question there' }],
      })
    }
    const contentType = normalizeContentType(c.req.header('Content-Type'))
    if (!contentType || !acceptsType(question.accept, contentType)) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `This question takes ${question.accept.join(', ')}`)
    }
    const declared = Number(c.req.header('Content-Length') ?? Number.NaN)
    if (declared > question.maxBytes) throw tooLarge(question.maxBytes)
    const bytes = await readBody(c, question.maxBytes)
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
    const sealed = await cipherOf(c.get('deps')).seal(clinic.id, filePurpose(row.id, id), bytes)
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
      await audit(trx, c, [{ action: 'intake_file.upload', objectType: 'intake_file', objectId: id }])
      return file
    })
    return c.json(
      {
        id: stored.id,
        field: stored.field,
        contentType: stored.content_type,
        bytes: stored.bytes,
        uploadedAt: new Date(stored.uploaded_at).toISOString(),
      },
      201,
    )
  })

  app.openapi(route(endpoints.getIntakeDraftFile), async (c) => {
    const { id, fileId } = c.req.valid('param')
    const row = await ownDraft(c, id)
    return sendFile(c, row.clinic_id, row.id, fileId)
  })

  app.openapi(route(endpoints.deleteIntakeFile), async (c) => {
    const { id, fileId } = c.req.valid('param')
    const row = await ownDraft(c, id)
    const { db } = c.get('deps')
    const removed = await db
      .deleteFrom('intake_files')
      .where('response_id', '=', row.id)
      .where('id', '=', fileId)
      .executeTakeFirst()
    if (Number(removed.numDeletedRows) === 0) throw new ApiError('NOT_FOUND', 'No such file')
    await audit(db, c, [{ action: 'intake_file.delete', objectType: 'intake_file', objectId: fileId }])
    return c.body(null, 204)
  })
}

/** Decrypts and answers a file as an attachment that no browser will run or sniff. Audited. */
export async function sendFile(c: Context<AppEnv>, clinicId: string, responseId: string, fileId: string) {
  const { db } = c.get('deps')
  const { file, bytes } = await openFile(db, cipherOf(c.get('deps')), clinicId, responseId, fileId)
  await audit(db, c, [{ action: 'intake_file.read', objectType: 'intake_file', objectId: file.id }])
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': file.content_type,
    'Content-Disposition': `attachment; filename="${file.id}"`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'no-store',
  })
}

/** Reads the body as it streams in, and stops at the first byte past the limit. */
async function readBody(c: Context<AppEnv>, maxBytes: number): Promise<Uint8Array> {
  const stream = c.req.raw.body
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
