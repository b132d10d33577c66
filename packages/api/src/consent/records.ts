// The patient's side of consent: a decision recorded with the token of the booking or intake it follows
// (or by the clinic with its secret key), then its receipt read and withdrawn with the receipt token.
// Nothing the browser says about time or text is trusted: the text's hash must be the stored version's.
import type { ConsentReceipt, ConsentRecord, RecordConsent } from '@frontdesk/contracts'
import { audit } from '../audit/trail.js'
import { actsForClinic, assertOwnPatient, assertOwnReceipt } from '../db/tenant-scope.js'
import type { RequestScope } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { cipherOf } from '../request-scope.js'
import { hashToken, newId, newToken } from '../tokens.js'
import { consentReceipt } from './receipt.js'
import {
  appendConsentRecord,
  assertPatientExists,
  type ConsentRow,
  findConsentRecord,
  findWithdrawal,
  toConsentRecord,
} from './record-store.js'

/** `origin` is the page the decision was made on (the Origin header), kept as evidence. */
export async function recordConsent(
  scope: RequestScope,
  input: RecordConsent,
  origin: string | null,
): Promise<{ record: ConsentRecord; receiptToken: string }> {
  const { db, clinic } = scope
  const subject = await subjectOf(scope, input.patientId)
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
  const row = await appendConsentRecord(db, cipherOf(scope), {
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
    signature: input.decision === 'given' && method === 'drawn_signature' ? (input.signature ?? null) : null,
    ...subject,
    withdraws: null,
    origin,
    receiptTokenHash: hashToken(receiptToken),
    at: scope.now(),
  })
  await audit(db, scope, [{ action: 'consent.record', objectType: 'consent_record', objectId: id }])
  return { record: await toConsentRecord(db, cipherOf(scope), row), receiptToken }
}

/** A new record that withdraws a given one; a consent is withdrawn once. */
export async function withdrawConsent(scope: RequestScope, recordId: string, origin: string | null) {
  const { db, principal } = scope
  const original = await reachableRecord(scope, recordId)
  if (original.decision !== 'given') {
    throw new ApiError('CONSENT_NOT_WITHDRAWABLE', 'Only a consent that was given can be withdrawn')
  }
  const row = await appendConsentRecord(
    db,
    cipherOf(scope),
    {
      id: newId('cons'),
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
      origin,
      receiptTokenHash: null,
      at: scope.now(),
    },
    async (trx) => {
      if (await findWithdrawal(trx, original.clinic_id, original.id)) {
        throw new ApiError('CONSENT_NOT_WITHDRAWABLE', 'This consent is withdrawn already')
      }
    },
  )
  await audit(db, scope, [
    { action: 'consent.withdraw', objectType: 'consent_record', objectId: original.id },
  ])
  return toConsentRecord(db, cipherOf(scope), row)
}

export async function readReceipt(scope: RequestScope, recordId: string): Promise<ConsentReceipt> {
  const row = await reachableRecord(scope, recordId)
  await audit(scope.db, scope, [{ action: 'consent.read', objectType: 'consent_record', objectId: row.id }])
  return consentReceipt(scope.db, scope.clinic, row)
}

/** The record, if the caller reaches it: a receipt token its own, a practitioner their patients'. */
export async function reachableRecord(scope: RequestScope, id: string): Promise<ConsentRow> {
  assertOwnReceipt(scope.principal, id)
  const row = await findConsentRecord(scope.db, scope.clinic.id, id)
  await assertOwnPatient(scope, { patientId: row.patient_id }, 'consent record')
  return row
}

/** Whose consent: the visit token's booking, the resume token's intake, or the patient the clinic names. */
async function subjectOf(scope: RequestScope, patientId: string | undefined) {
  const { db, principal } = scope
  const clinicId = scope.clinic.id
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
