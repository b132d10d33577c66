// The patient's side of consent: a decision recorded with the token of the booking or intake it follows
// (or by the clinic with its secret key), then its receipt read and withdrawn with the receipt token.
// Nothing the browser says about time or text is trusted.
import { endpoints, type RecordConsent } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { consentReceipt } from '../consent/receipt.js'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { cipherOf } from '../intake/sealed-answers.js'
import { actsForClinic } from '../middleware/principal/index.js'
import { audit } from '../services/audit.js'
import {
  appendConsentRecord,
  assertPatientExists,
  type ConsentRow,
  findConsentRecord,
  findWithdrawal,
  toConsentRecord,
} from '../services/consent-records.js'
import { assertOwnPatient } from '../services/own-patients.js'
import { hashToken, newId, newToken } from '../tokens.js'
import { route } from './define.js'

export function consentRecordRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.recordConsent), async (c) => {
    const input = c.req.valid('json')
    const { db, now } = c.get('deps')
    const clinic = c.get('clinic')
    const subject = await subjectOf(c, input.patientId)
    const text = await db
      .selectFrom('consent_texts')
      .innerJoin('consent_document_versions', (join) =>
        join
          .onRef('consent_document_versions.document_id', '=', 'consent_texts.document_id')
          .onRef('consent_document_versions.version', '=', 'consent_texts.version'),
      )
      .select(['consent_texts.hash', 'consent_texts.language', 'consent_document_versions.method'])
      .where('consent_document_versions.clinic_id', '=', clinic.id)
      .where('consent_texts.document_id', '=', input.documentId)
      .where('consent_texts.version', '=', input.version)
      .execute()
    if (text.length === 0) throw notFound('consent document version')
    const shown = text.find((row) => row.language === input.language)
    if (!shown) throw invalid('language', 'This version has no text in that language')
    if (Buffer.from(shown.hash).toString('hex') !== input.textHash) {
      throw invalid('textHash', 'Not the hash of that version’s text in that language')
    }
    const method = methodUsed(shown.method, input)
    const id = newId('cons')
    const receiptToken = newToken('ct')
    const row = await appendConsentRecord(db, cipherOf(c.get('deps')), {
      id,
      clinicId: clinic.id,
      documentId: input.documentId,
      version: input.version,
      language: input.language,
      textHash: shown.hash,
      decision: input.decision,
      method,
      signerRelation: input.signer.relation,
      signerName: input.signer.name ?? null,
      typedName: input.decision === 'given' ? (input.typedName ?? null) : null,
      signature:
        input.decision === 'given' && method === 'drawn_signature' ? (input.signature ?? null) : null,
      ...subject,
      withdraws: null,
      origin: c.req.header('Origin') ?? null,
      receiptTokenHash: hashToken(receiptToken),
      at: now(),
    })
    await audit(db, c, [{ action: 'consent.record', objectType: 'consent_record', objectId: id }])
    const record = await toConsentRecord(db, cipherOf(c.get('deps')), row)
    return c.json({ record, receiptToken }, 201)
  })

  app.openapi(route(endpoints.withdrawConsent), async (c) => {
    const original = await ownRecord(c, c.req.valid('param').id)
    const { db, now } = c.get('deps')
    const principal = c.get('principal')
    if (original.decision !== 'given') {
      throw new ApiError('CONSENT_NOT_WITHDRAWABLE', 'Only a consent that was given can be withdrawn')
    }
    const id = newId('cons')
    const row = await appendConsentRecord(
      db,
      cipherOf(c.get('deps')),
      {
        id,
        clinicId: original.clinic_id,
        documentId: original.document_id,
        version: original.version,
        language: original.language,
        textHash: original.text_hash,
        decision: 'withdrawn',
        method: principal.kind === 'receipt' ? 'receipt_link' : 'clinic',
        signerRelation: original.signer_relation,
        signerName: null,
        typedName: null,
        signature: null,
        patientId: original.patient_id,
        bookingId: original.booking_id,
        intakeResponseId: original.intake_response_id,
        withdraws: original.id,
        origin: c.req.header('Origin') ?? null,
        receiptTokenHash: null,
        at: now(),
      },
      async (trx) => {
        if (await findWithdrawal(trx, original.clinic_id, original.id)) {
          throw new ApiError('CONSENT_NOT_WITHDRAWABLE', 'This consent is withdrawn already')
        }
      },
    )
    await audit(db, c, [{ action: 'consent.withdraw', objectType: 'consent_record', objectId: original.id }])
    return c.json(await toConsentRecord(db, cipherOf(c.get('deps')), row), 201)
  })

  app.openapi(route(endpoints.getConsentReceipt), async (c) => {
    const row = await ownRecord(c, c.req.valid('param').id)
    const { db } = c.get('deps')
    await audit(db, c, [{ action: 'consent.read', objectType: 'consent_record', objectId: row.id }])
    return c.json(await consentReceipt(db, c.get('clinic'), row), 200)
  })

  return app
}

/** A receipt token reaches its own record only; the secret key any of the clinic's. */
async function ownRecord(c: Context<AppEnv>, id: string): Promise<ConsentRow> {
  const principal = c.get('principal')
  if (principal.kind === 'receipt' && principal.recordId !== id) throw notFound('consent record')
  const row = await findConsentRecord(c.get('deps').db, c.get('clinic').id, id)
  await assertOwnPatient(c, { patientId: row.patient_id }, 'consent record')
  return row
}

/** Whose consent: the visit token's booking, the resume token's intake, or the patient the clinic names. */
async function subjectOf(c: Context<AppEnv>, patientId: string | undefined) {
  const principal = c.get('principal')
  const { db } = c.get('deps')
  const clinicId = c.get('clinic').id
  if (!actsForClinic(principal) && patientId) {
    throw invalid('patientId', 'Only the secret key names a patient; a token records for its own')
  }
  if (principal.kind === 'visit') {
    const booking = await db
      .selectFrom('bookings')
      .select(['id', 'patient_id'])
      .where('clinic_id', '=', clinicId)
      .where('id', '=', principal.bookingId)
      .executeTakeFirstOrThrow()
    return { patientId: booking.patient_id, bookingId: booking.id, intakeResponseId: null }
  }
  if (principal.kind === 'resume') {
    const response = await db
      .selectFrom('intake_responses')
      .leftJoin('bookings', 'bookings.id', 'intake_responses.booking_id')
      .select([
        'intake_responses.id',
        'intake_responses.patient_id',
        'intake_responses.booking_id',
        'bookings.patient_id as bookingPatient',
      ])
      .where('intake_responses.clinic_id', '=', clinicId)
      .where('intake_responses.id', '=', principal.responseId)
      .executeTakeFirstOrThrow()
    return {
      patientId: response.patient_id ?? response.bookingPatient,
      bookingId: response.booking_id,
      intakeResponseId: response.id,
    }
  }
  if (!patientId) throw invalid('patientId', 'Name the patient whose consent this is')
  await assertPatientExists(db, clinicId, patientId)
  return { patientId, bookingId: null, intakeResponseId: null }
}

/** What the document asks for, or the accessible typed alternative to a drawn signature. */
function methodUsed(required: string, input: RecordConsent): string {
  if (input.decision === 'refused') return required
  if (required === 'typed_name' && !input.typedName)
    throw invalid('typedName', 'Type your full name to agree')
  if (required === 'drawn_signature') {
    if (input.signature) return 'drawn_signature'
    if (input.typedName) return 'typed_name'
    throw invalid('signature', 'Sign, or type your full name instead')
  }
  return required
}

function invalid(path: string, message: string): ApiError {
  return new ApiError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message }] })
}
