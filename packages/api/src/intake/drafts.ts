// The patient's side of intake: a draft started (after a booking with its visit token, standalone with
// the publishable key, or as the clinic's invitation with the secret key), then read, saved and submitted
// with the resume token. Answers are judged against the pinned version by the server, sealed, audited.
import type { CreateIntakeDraft, IntakeDraft, IntakeFile, SaveIntakeDraft } from '@frontdesk/contracts'
import { endpoints } from '@frontdesk/contracts'
import { namedFileIds } from '@frontdesk/contracts/intake'
import { audit } from '../audit/trail.js'
import { actsForClinic, assertOwnDraft } from '../db/tenant-scope.js'
import type { RequestScope } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { idempotent } from '../idempotency/idempotent.js'
import { cipherOf } from '../request-scope.js'
import { hashToken, newToken } from '../tokens.js'
import { clinicToday, judgeAnswers } from './judge.js'
import {
  dropUnnamedFiles,
  findResponse,
  idleExpiry,
  listFiles,
  pinnedDefinition,
  type ResponseRow,
  readAnswers,
  recordEvent,
  replaceAnswers,
  startDraft,
} from './response-store.js'
import { sealAnswers } from './sealed-answers.js'

export async function startIntakeDraft(scope: RequestScope, input: CreateIntakeDraft) {
  const { clinic, principal } = scope
  if (input.bookingId && !actsForClinic(principal)) {
    throw new ApiError('VALIDATION_FAILED', 'bookingId: only the secret key names a booking', {
      issues: [
        { path: 'bookingId', message: 'Only the secret key names a booking; a visit token links its own' },
      ],
    })
  }
  const at = scope.now()
  const bookingId = principal.kind === 'visit' ? principal.bookingId : (input.bookingId ?? null)
  return idempotent(
    scope,
    { operation: endpoints.createIntakeDraft, body: input },
    async () => null,
    async (trx) => {
      let patientId: string | null = null
      if (bookingId) {
        const booking = await trx
          .selectFrom('bookings')
          .select('patient_id')
          .where('clinic_id', '=', clinic.id)
          .where('id', '=', bookingId)
          .executeTakeFirst()
        if (!booking) throw notFound('booking')
        patientId = booking.patient_id
      }
      const resumeToken = newToken('rt')
      const row = await startDraft(trx, {
        clinicId: clinic.id,
        formId: input.formId,
        bookingId,
        patientId,
        startedBy: principal.kind,
        tokenHash: hashToken(resumeToken),
        at,
        idleDays: clinic.intakeDraftIdleDays,
      })
      if (!row) throw notFound('intake form')
      await audit(trx, scope, [{ action: 'intake.start', objectType: 'intake_response', objectId: row.id }])
      const draft = toDraft(row, {}, [], clinic.timeZone, at)
      return { status: 201 as const, body: { draft, resumeToken } }
    },
  )
}

export async function readIntakeDraft(scope: RequestScope, id: string): Promise<IntakeDraft> {
  const row = await ownDraft(scope, id)
  const [answers, files] = await Promise.all([
    readAnswers(scope.db, cipherOf(scope), row),
    listFiles(scope.db, row.id),
  ])
  await audit(scope.db, scope, [{ action: 'intake.read', objectType: 'intake_response', objectId: row.id }])
  return toDraft(row, answers, files, scope.clinic.timeZone, scope.now())
}

/** Keeps the answers so far; a draft's idle expiry starts again. */
export async function saveIntakeDraft(
  scope: RequestScope,
  id: string,
  input: SaveIntakeDraft,
): Promise<IntakeDraft> {
  const { db, clinic } = scope
  const { body, row, files } = await judged(scope, id, input, true)
  const at = scope.now()
  const sealed = await sealAnswers(cipherOf(scope), clinic.id, row.id, body)
  const saved = await db.transaction().execute(async (trx) => {
    const updated = await replaceAnswers(
      trx,
      row,
      sealed,
      { updated_at: new Date(at), expires_at: idleExpiry(at, clinic.intakeDraftIdleDays) },
      at,
    )
    if (updated)
      await audit(trx, scope, [{ action: 'intake.save', objectType: 'intake_response', objectId: row.id }])
    return updated
  })
  if (!saved) throw goneDraft()
  return toDraft(saved, body, files, clinic.timeZone, at)
}

/** The final answers: the resume token stops working, files no answer names go, `intake.submitted` is raised. */
export async function submitIntakeDraft(scope: RequestScope, id: string, input: SaveIntakeDraft) {
  const { db, clinic } = scope
  const { body, row, named } = await judged(scope, id, input, false)
  const at = scope.now()
  const sealed = await sealAnswers(cipherOf(scope), clinic.id, row.id, body)
  const submitted = await db.transaction().execute(async (trx) => {
    const updated = await replaceAnswers(
      trx,
      row,
      sealed,
      { status: 'submitted', submitted_at: new Date(at), updated_at: new Date(at), resume_token_hash: null },
      at,
    )
    if (!updated) return null
    await dropUnnamedFiles(trx, row.id, named)
    await recordEvent(trx, clinic.id, 'intake.submitted', row.id, {
      responseId: row.id,
      formId: row.form_id,
      bookingId: row.booking_id,
    })
    await audit(trx, scope, [{ action: 'intake.submit', objectType: 'intake_response', objectId: row.id }])
    return updated
  })
  if (!submitted) throw goneDraft()
  return { id: row.id, status: 'submitted' as const, submittedAt: new Date(at).toISOString() }
}

/** The resume token's own draft, while it is one; any other id is the same 404 as one that does not exist. */
export async function ownDraft(scope: RequestScope, id: string): Promise<ResponseRow> {
  assertOwnDraft(scope.principal, id)
  const row = await findResponse(scope.db, scope.clinic.id, id)
  if (row.status !== 'draft') throw goneDraft()
  return row
}

export function goneDraft(): ApiError {
  return new ApiError('UNAUTHENTICATED', 'This intake draft was submitted or has expired')
}

/** The answers worth keeping, judged against the draft's pinned version in the clinic's today. */
async function judged(scope: RequestScope, id: string, input: SaveIntakeDraft, draft: boolean) {
  const row = await ownDraft(scope, id)
  const [definition, files] = await Promise.all([
    pinnedDefinition(scope.db, row),
    listFiles(scope.db, row.id),
  ])
  const body = judgeAnswers({
    definition,
    pinnedVersion: row.version,
    version: input.version,
    answers: input.answers,
    files,
    timeZone: scope.clinic.timeZone,
    at: scope.now(),
    draft,
  })
  const named = [...namedFileIds(definition.items, body)]
  return { body, row, files, named }
}

function toDraft(
  row: ResponseRow,
  answers: IntakeDraft['answers'],
  files: IntakeFile[],
  timeZone: string,
  at: number,
): IntakeDraft {
  return {
    id: row.id,
    formId: row.form_id,
    version: row.version,
    status: row.status,
    bookingId: row.booking_id,
    answers,
    files,
    updatedAt: new Date(row.updated_at).toISOString(),
    today: clinicToday(timeZone, at),
    expiresAt: new Date(row.expires_at).toISOString(),
  }
}
