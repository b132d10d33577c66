// The clinic's logo for its hosted page: uploaded by the clinic (PNG, JPEG or WebP, small), sniffed so the
// content is what it claims, stored in the database and served from the API's own origin, so the page
// loads no image from anywhere else.
import { createHash } from 'node:crypto'
import { LOGO_TYPES, MAX_LOGO_BYTES } from '@frontdesk/contracts'
import { audit } from '../audit/trail.js'
import type { RequestScope } from '../env.js'
import { ApiError } from '../errors.js'
import { normalizeContentType, sniffContentType } from '../intake/sniff.js'

export interface LogoUpload {
  contentType: string | undefined
  contentLength: string | undefined
  body: ReadableStream<Uint8Array> | null
}

export async function setClinicLogo(scope: RequestScope, upload: LogoUpload): Promise<void> {
  const contentType = normalizeContentType(upload.contentType)
  if (!contentType || !(LOGO_TYPES as readonly string[]).includes(contentType)) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `A logo is ${LOGO_TYPES.join(', ')}`)
  }
  if (Number(upload.contentLength ?? Number.NaN) > MAX_LOGO_BYTES) throw tooLarge()
  const bytes = await readLimited(upload.body)
  if (bytes.length === 0) {
    throw new ApiError('VALIDATION_FAILED', 'body: the image is empty', {
      issues: [{ path: 'body', message: 'The image is empty' }],
    })
  }
  // A renamed file (an SVG or HTML sent as image/png) is refused: the page serves it as what it says.
  if ((await sniffContentType(bytes)) !== contentType) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `The image's content is not ${contentType}`)
  }
  const version = createHash('sha256').update(bytes).digest('hex').slice(0, 16)
  const { db, clinic } = scope
  await db
    .insertInto('clinic_logos')
    .values({ clinic_id: clinic.id, content_type: contentType, bytes, version })
    .onConflict((oc) =>
      oc
        .column('clinic_id')
        .doUpdateSet({ content_type: contentType, bytes, version, updated_at: new Date() }),
    )
    .execute()
  await audit(db, scope, [{ action: 'clinic.logo.update', objectType: 'clinic', objectId: clinic.id }])
}

export async function deleteClinicLogo(scope: RequestScope): Promise<void> {
  const { db, clinic } = scope
  await db.deleteFrom('clinic_logos').where('clinic_id', '=', clinic.id).execute()
  await audit(db, scope, [{ action: 'clinic.logo.delete', objectType: 'clinic', objectId: clinic.id }])
}

/** Reads the body as it streams in, and stops at the first byte past the limit. */
async function readLimited(stream: ReadableStream<Uint8Array> | null): Promise<Uint8Array> {
  if (!stream) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length
    if (total > MAX_LOGO_BYTES) throw tooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

const tooLarge = () =>
  new ApiError('PAYLOAD_TOO_LARGE', `A logo is at most ${MAX_LOGO_BYTES / 1024} KB`, {
    headers: { Connection: 'close' },
  })
