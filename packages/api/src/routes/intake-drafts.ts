// The patient's side of intake: start a draft (after a booking with its visit token, standalone with
// the publishable key, or as the clinic's invitation with the secret key), then read, save, upload files
// into and submit it with the resume token. The token holder sees their own draft and nothing else.

import { endpoints, type IntakeDraft, type IntakeFile, type SaveIntakeDraft } from '@frontdesk/contracts'
import { namedFileIds } from '@frontdesk/contracts/intake'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { clinicToday, judgeAnswers } from '../intake/judge.js'
import { cipherOf, sealAnswers } from '../intake/sealed-answers.js'
import { actsForClinic } from '../middleware/principal/index.js'
import { audit } from '../services/audit.js'
import { idempotent } from '../services/idempotency.js'
import {
  dropUnnamedFiles,
  idleExpiry,
  listFiles,
  pinnedDefinition,
  type ResponseRow,
  readAnswers,
  recordEvent,
  replaceAnswers,
  startDraft,
} from '../services/intake-responses.js'
import { hashToken, newToken } from '../tokens.js'
import { route } from './define.js'
import { goneDraft, ownDraft } from './intake-access.js'
import { registerDraftFileRoutes } from './intake-draft-files.js'

export function intakeDraftRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.createIntakeDraft), async (c) => {
    const input = c.req.valid('json')
    const { now } = c.get('deps')
    const clinic = c.get('clinic')
    const principal = c.get('principal')
    if (input.bookingId && !actsForClinic(principal)) {
      throw new ApiError('VALIDATION_FAILED', 'bookingId: only the secret key names a booking', {
        issues: [
          {
            path: 'bookingId',
            message: 'Only the secret key names a booking; a visit token links its own',
          },
        ],
      })
    }
    const at = now()
    const bookingId = principal.kind === 'visit' ? principal.bookingId : (input.bookingId ?? null)
    const outcome = await idempotent(
      c,
      input,
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
        await audit(trx, c, [{ action: 'intake.start', objectType: 'intake_response', objectId: row.id }])
        const draft = toDraft(row, {}, [], clinic.timeZone, at)
        return { status: 201 as const, body: { draft, resumeToken } }
      },
    )
    return c.json(outcome.body, 201)
  })

  app.openapi(route(endpoints.getIntakeDraft), async (c) => {
    const row = await ownDraft(c, c.req.valid('param').id)
    const { db, now } = c.get('deps')
    const [answers, files] = await Promise.all([
      readAnswers(db, cipherOf(c.get('deps')), row),
      listFiles(db, row.id),
    ])
    await audit(db, c, [{ action: 'intake.read', objectType: 'intake_response', objectId: row.id }])
    return c.json(toDraft(row, answers, files, c.get('clinic').timeZone, now()), 200)
  })

  app.openapi(route(endpoints.saveIntakeDraft), async (c) => {
    const { body, row, files } = await judged(c, true)
    const { db, now } = c.get('deps')
    const clinic = c.get('clinic')
    const at = now()
    const sealed = await sealAnswers(cipherOf(c.get('deps')), clinic.id, row.id, body)
    const saved = await db.transaction().execute(async (trx) => {
      const updated = await replaceAnswers(
        trx,
        row,
        sealed,
        { updated_at: new Date(at), expires_at: idleExpiry(at, clinic.intakeDraftIdleDays) },
        at,
      )
      if (updated)
        await audit(trx, c, [{ action: 'intake.save', objectType: 'intake_response', objectId: row.id }])
      return updated
    })
    if (!saved) throw goneDraft()
    c.header('Cache-Control', 'no-store')
    return c.json(toDraft(saved, body, files, clinic.timeZone, at), 200)
  })

  app.openapi(route(endpoints.submitIntakeDraft), async (c) => {
    const { body, row, named } = await judged(c, false)
    const { db, now } = c.get('deps')
    const clinic = c.get('clinic')
    const at = now()
    const sealed = await sealAnswers(cipherOf(c.get('deps')), clinic.id, row.id, body)
    const submitted = await db.transaction().execute(async (trx) => {
      const updated = await replaceAnswers(
        trx,
        row,
        sealed,
        {
          status: 'submitted',
          submitted_at: new Date(at),
          updated_at: new Date(at),
          resume_token_hash: null,
        },
        at,
      )
      if (!updated) return null
      await dropUnnamedFiles(trx, row.id, named)
      await recordEvent(trx, clinic.id, 'intake.submitted', row.id, {
        responseId: row.id,
        formId: row.form_id,
        bookingId: row.booking_id,
      })
      await audit(trx, c, [{ action: 'intake.submit', objectType: 'intake_response', objectId: row.id }])
      return updated
    })
    if (!submitted) throw goneDraft()
    return c.json({ id: row.id, status: 'submitted' as const, submittedAt: new Date(at).toISOString() }, 200)
  })

  registerDraftFileRoutes(app)
  return app
}

async function judged(c: Context<AppEnv>, draft: boolean) {
  const { id } = (c.req as unknown as { valid(target: 'param'): { id: string } }).valid('param')
  const input = (c.req as unknown as { valid(target: 'json'): SaveIntakeDraft }).valid('json')
  const row = await ownDraft(c, id)
  const { db, now } = c.get('deps')
  const [definition, files] = await Promise.all([pinnedDefinition(db, row), listFiles(db, row.id)])
  const body = judgeAnswers({
    definition,
    pinnedVersion: row.version,
    version: input.version,
    answers: input.answers,
    files,
    timeZone: c.get('clinic').timeZone,
    at: now(),
    draft,
  })
  const named = [...namedFileIds(definition.items, body)]
  return { body, row, files, named }
}

export function toDraft(
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
