// Intake responses in storage: drafts started, saved, submitted and read back, answers sealed field by
// field and files sealed whole. The services in ./drafts.ts, ./draft-files.ts and ./responses.ts audit.
import type { FormDefinition, IntakeFile } from '@frontdesk/contracts'
import type { Kysely, Selectable } from 'kysely'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { Database, IntakeResponsesTable } from '../db/schema.js'
import { notFound } from '../errors.js'
import { newId } from '../tokens.js'
import { readIntakeFormVersion } from './form-store.js'
import { filePurpose, openAnswers, type SealedAnswer } from './sealed-answers.js'

type Db = Kysely<Database>
export type ResponseRow = Selectable<IntakeResponsesTable>

const DAY_MS = 24 * 60 * 60 * 1000

export const idleExpiry = (at: number, idleDays: number) => new Date(at + idleDays * DAY_MS)

export interface StartDraft {
  clinicId: string
  formId: string
  bookingId: string | null
  patientId: string | null
  startedBy: string
  tokenHash: Uint8Array
  at: number
  idleDays: number
}

/** Pins the form's current version; null when the clinic has no such form. */
export async function startDraft(trx: Db, input: StartDraft): Promise<ResponseRow | null> {
  const form = await trx
    .selectFrom('intake_forms')
    .select('current_version')
    .where('clinic_id', '=', input.clinicId)
    .where('id', '=', input.formId)
    .where('archived_at', 'is', null)
    .executeTakeFirst()
  if (!form) return null
  return trx
    .insertInto('intake_responses')
    .values({
      id: newId('intake'),
      clinic_id: input.clinicId,
      form_id: input.formId,
      version: form.current_version,
      status: 'draft',
      booking_id: input.bookingId,
      patient_id: input.patientId,
      resume_token_hash: input.tokenHash,
      started_by: input.startedBy,
      created_at: new Date(input.at),
      updated_at: new Date(input.at),
      expires_at: idleExpiry(input.at, input.idleDays),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findResponse(db: Db, clinicId: string, id: string): Promise<ResponseRow> {
  const row = await db
    .selectFrom('intake_responses')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw notFound('intake response')
  return row
}

export async function pinnedDefinition(db: Db, row: ResponseRow): Promise<FormDefinition> {
  return (await readIntakeFormVersion(db, row.clinic_id, row.form_id, row.version)).definition
}

export async function readAnswers(db: Db, cipher: FieldCipher, row: ResponseRow) {
  const sealed: SealedAnswer[] = await db
    .selectFrom('intake_answers')
    .select(['field_id', 'sealed'])
    .where('response_id', '=', row.id)
    .orderBy('field_id')
    .execute()
  return openAnswers(cipher, row.clinic_id, row.id, sealed)
}

export async function listFiles(db: Db, responseId: string): Promise<IntakeFile[]> {
  const rows = await db
    .selectFrom('intake_files')
    .select(['id', 'field', 'content_type', 'bytes', 'uploaded_at'])
    .where('response_id', '=', responseId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute()
  return rows.map((file) => ({
    id: file.id,
    field: file.field,
    contentType: file.content_type,
    bytes: file.bytes,
    uploadedAt: new Date(file.uploaded_at).toISOString(),
  }))
}

/** Replaces a draft's answers; false when it stopped being a live draft meanwhile. */
export async function replaceAnswers(
  trx: Db,
  row: ResponseRow,
  sealed: SealedAnswer[],
  change: Partial<Pick<ResponseRow, 'status' | 'submitted_at' | 'updated_at' | 'expires_at'>> & {
    resume_token_hash?: null
  },
  at: number,
): Promise<ResponseRow | null> {
  const updated = await trx
    .updateTable('intake_responses')
    .set(change)
    .where('id', '=', row.id)
    .where('status', '=', 'draft')
    .where('expires_at', '>', new Date(at))
    .returningAll()
    .executeTakeFirst()
  if (!updated) return null
  await trx.deleteFrom('intake_answers').where('response_id', '=', row.id).execute()
  if (sealed.length) {
    await trx
      .insertInto('intake_answers')
      .values(sealed.map((answer) => ({ ...answer, clinic_id: row.clinic_id, response_id: row.id })))
      .execute()
  }
  return updated
}

/** Files nobody's answer names any more go when the response is submitted. */
export async function dropUnnamedFiles(trx: Db, responseId: string, named: string[]): Promise<void> {
  let query = trx.deleteFrom('intake_files').where('response_id', '=', responseId)
  if (named.length) query = query.where('id', 'not in', named)
  await query.execute()
}

export async function recordEvent(
  trx: Db,
  clinicId: string,
  type: 'intake.submitted',
  objectId: string,
  data: Record<string, string | null>,
): Promise<void> {
  await trx
    .insertInto('events')
    .values({ id: newId('evt'), clinic_id: clinicId, type, object_id: objectId, data: JSON.stringify(data) })
    .execute()
}

export async function openFile(
  db: Db,
  cipher: FieldCipher,
  clinicId: string,
  responseId: string,
  fileId: string,
) {
  const file = await db
    .selectFrom('intake_files')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('response_id', '=', responseId)
    .where('id', '=', fileId)
    .executeTakeFirst()
  if (!file) throw notFound('file')
  const bytes = await cipher.open(clinicId, filePurpose(responseId, fileId), file.sealed)
  return { file, bytes }
}

/**
 * Deletes drafts idle past their expiry, with their sealed answers and files: nobody can resume them,
 * so keeping them would only keep health data. `serve` runs it now and then; answers how many went.
 */
export async function purgeIdleDrafts(db: Db, now: number): Promise<number> {
  const gone = await db
    .deleteFrom('intake_responses')
    .where('status', '=', 'draft')
    .where('expires_at', '<=', new Date(now))
    .executeTakeFirst()
  return Number(gone.numDeletedRows)
}
