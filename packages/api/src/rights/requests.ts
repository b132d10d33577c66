// Patients' own requests, from the clinic's website: nothing until the patient proves they control the
// email address or phone number with a one-time code sent there, then an open request with a deadline
// one month out, which the clinic decides. Every answer is the same whether or not the person is a patient
// of the clinic: the match is made on verification, and only the clinic sees it.
import type { CreateRightsRequest, DecideRightsRequest, RightsRequest } from '@frontdesk/contracts'
import { audit } from '../audit/trail.js'
import { normalisePatient } from '../booking/patient-identity.js'
import { sealText, textPurpose } from '../crypto/sealed-text.js'
import type { RequestScope } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { emailIndex, identityPurpose, phoneIndex } from '../patients/sealed-identity.js'
import type { RatePolicyName } from '../rate-limit/policies.js'
import { enforceLimit } from '../rate-limit/rate-limits.js'
import { cipherOf } from '../request-scope.js'
import { hashToken, newId, newToken } from '../tokens.js'
import { erasePatient } from './erasure.js'
import { patientRow } from './patient-data.js'
import {
  CODE_TTL_MS,
  codeHash,
  codeMatches,
  contactPurpose,
  DUE_MS,
  detailsPurpose,
  EXPORT_TTL_MS,
  MAX_CODE_ATTEMPTS,
  newCode,
  sendToContact,
  toRightsRequest,
} from './request-contact.js'
import { codeMessage, outcomeMessage } from './request-texts.js'

/** Starts a request and sends its code; limited by contact and by client, so no one floods an inbox. */
export async function startRightsRequest(scope: RequestScope, input: CreateRightsRequest) {
  const { db, clinic } = scope
  const contact = normalisePatient(
    {
      name: 'Patient',
      dateOfBirth: input.dateOfBirth,
      ...(input.email && { email: input.email }),
      ...(input.phone && { phone: input.phone }),
    },
    input.phoneRegion,
    'phone',
  )
  const channel: 'email' | 'sms' = contact.email ? 'email' : 'sms'
  const value = (contact.email ?? contact.phone)!
  await limit(scope, 'rightsRequestContact', `${clinic.id}:${value}`)
  if (scope.clientIp) await limit(scope, 'rightsRequestClient', scope.clientIp)
  const id = newId('rr')
  const code = newCode()
  const cipher = cipherOf(scope)
  const language = input.language ?? clinic.messaging.defaultLanguage
  const [sealedContact, sealedDetails] = await Promise.all([
    cipher.seal(clinic.id, contactPurpose(id), JSON.stringify({ value, dateOfBirth: input.dateOfBirth })),
    input.details ? cipher.seal(clinic.id, detailsPurpose(id), input.details) : null,
  ])
  const expiresAt = new Date(scope.now() + CODE_TTL_MS)
  // The code is sent inside the transaction: a code that could not be sent leaves no request behind.
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('rights_requests')
      .values({
        id,
        clinic_id: clinic.id,
        kind: input.kind,
        channel,
        contact: sealedContact,
        language,
        details: sealedDetails,
        code_hash: codeHash(id, code),
        code_expires_at: expiresAt,
      })
      .execute()
    await sendToContact(
      scope,
      { channel, contact: value },
      codeMessage(language, clinic.name, input.kind, code),
    )
  })
  return { requestId: id, codeSentTo: channel, expiresAt: expiresAt.toISOString() }
}

/** The code proves the contact: the request opens, due in a month, matched to a patient if one has it. */
export async function verifyRightsRequest(scope: RequestScope, id: string, code: string) {
  const { db, clinic } = scope
  const row = await db
    .selectFrom('rights_requests')
    .selectAll()
    .where('clinic_id', '=', clinic.id)
    .where('id', '=', id)
    .where('status', '=', 'unverified')
    .executeTakeFirst()
  if (!row) throw notFound('request')
  const at = scope.now()
  const usable =
    row.code_hash !== null &&
    row.attempts < MAX_CODE_ATTEMPTS &&
    new Date(row.code_expires_at!).getTime() > at
  if (!usable || !codeMatches(row.code_hash, id, code)) {
    const attempts = row.attempts + 1
    await db
      .updateTable('rights_requests')
      .set({ attempts, ...(attempts >= MAX_CODE_ATTEMPTS && { code_hash: null }) })
      .where('id', '=', id)
      .execute()
    throw new ApiError(
      'CODE_INVALID',
      usable && attempts < MAX_CODE_ATTEMPTS
        ? 'code: this is not the code we sent; check it and try again'
        : 'code: this code no longer works; start the request again',
      { issues: [{ path: 'code', message: 'Not the code we sent, or no longer valid' }] },
    )
  }
  const cipher = cipherOf(scope)
  const contact = JSON.parse(await cipher.openText(clinic.id, contactPurpose(id), row.contact)) as {
    value: string
    dateOfBirth: string
  }
  const patient = await patientByContact(scope, row.channel, contact)
  const dueAt = new Date(at + DUE_MS)
  await db
    .updateTable('rights_requests')
    .set({
      status: 'open',
      verified_at: new Date(at),
      due_at: dueAt,
      code_hash: null,
      patient_id: patient?.id ?? null,
    })
    .where('id', '=', id)
    .execute()
  return { id, status: 'open' as const, dueAt: dueAt.toISOString() }
}

/** The clinic's verified requests, soonest due first; each read is audited. */
export async function listRightsRequests(
  scope: RequestScope,
  status: RightsRequest['status'] | undefined,
): Promise<RightsRequest[]> {
  const { db } = scope
  const rows = await db
    .selectFrom('rights_requests')
    .selectAll()
    .where('clinic_id', '=', scope.clinic.id)
    .where('status', status ? '=' : '!=', status ?? 'unverified')
    .orderBy('due_at')
    .orderBy('id')
    .limit(500)
    .execute()
  const cipher = cipherOf(scope)
  const data = await Promise.all(rows.map((row) => toRightsRequest(cipher, row)))
  await audit(
    db,
    scope,
    rows.map((row) => ({
      action: 'rights_request.read' as const,
      objectType: 'rights_request' as const,
      objectId: row.id,
    })),
  )
  return data
}

/**
 * The clinic's patient with this email or phone (by its blind index) and this date of birth, which is
 * opened to compare: the first of them, or undefined.
 */
async function patientByContact(
  scope: RequestScope,
  channel: 'email' | 'sms',
  contact: { value: string; dateOfBirth: string },
) {
  const { db, clinic } = scope
  const cipher = cipherOf(scope)
  const index = await (channel === 'email' ? emailIndex : phoneIndex)(cipher, clinic.id, contact.value)
  const candidates = await db
    .selectFrom('patients')
    .select(['id', 'clinic_id', 'date_of_birth_sealed'])
    .where('clinic_id', '=', clinic.id)
    .where(channel === 'email' ? 'email_index' : 'phone_index', '=', index)
    .orderBy('created_at')
    .execute()
  for (const candidate of candidates) {
    if (!candidate.date_of_birth_sealed) continue
    const purpose = identityPurpose(candidate.id, 'date_of_birth')
    const born = await cipher.openText(clinic.id, purpose, candidate.date_of_birth_sealed)
    if (born === contact.dateOfBirth) return candidate
  }
  return undefined
}

/**
 * The clinic's decision, carried out: an access request gets a download link, an erasure erases, a
 * restriction restricts. The patient is told inside the transaction: one who cannot be told leaves the
 * request open, to try again.
 */
export async function decideRightsRequest(
  scope: RequestScope,
  id: string,
  input: DecideRightsRequest,
): Promise<RightsRequest> {
  const { db, clinic } = scope
  const cipher = cipherOf(scope)
  const note = await sealText(cipher, clinic.id, textPurpose.decisionNote(id), input.note)
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('rights_requests')
      .selectAll()
      .where('clinic_id', '=', clinic.id)
      .where('id', '=', id)
      .where('status', '!=', 'unverified')
      .forUpdate()
      .executeTakeFirst()
    if (!row) throw notFound('request')
    if (row.status !== 'open') throw new ApiError('REQUEST_NOT_OPEN', 'This request is decided already')
    const patientId = input.patientId ?? row.patient_id
    const acts = input.decision === 'complete' && row.kind !== 'rectification'
    if (acts && !patientId) {
      throw new ApiError('VALIDATION_FAILED', 'patientId: name the patient this request is about', {
        issues: [{ path: 'patientId', message: 'The request matched no patient: name one' }],
      })
    }
    if (patientId) await patientRow(trx, clinic.id, patientId)
    const at = scope.now()
    let downloadUrl: string | undefined
    let token: string | undefined
    if (acts && row.kind === 'access') {
      token = newToken('xt')
      downloadUrl = `${scope.messaging?.publicUrl ?? ''}/v1/rights/download#request=${id}&token=${token}`
    } else if (acts && row.kind === 'erasure') {
      await erasePatient(trx, clinic.id, patientId!, at)
      await audit(trx, scope, [{ action: 'patient.erase', objectType: 'patient', objectId: patientId! }])
    } else if (acts) {
      await trx
        .updateTable('patients')
        .set({ restricted_at: new Date(at) })
        .where('clinic_id', '=', clinic.id)
        .where('id', '=', patientId!)
        .execute()
      await audit(trx, scope, [{ action: 'patient.restrict', objectType: 'patient', objectId: patientId! }])
    }
    const next = await trx
      .updateTable('rights_requests')
      .set({
        status: input.decision === 'complete' ? 'completed' : 'rejected',
        decided_at: new Date(at),
        decision_note_sealed: note,
        patient_id: patientId,
        ...(token && {
          export_token_hash: hashToken(token),
          export_expires_at: new Date(at + EXPORT_TTL_MS),
        }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(trx, scope, [{ action: 'rights_request.decide', objectType: 'rights_request', objectId: id }])
    const request = await toRightsRequest(cipher, next)
    await sendToContact(
      scope,
      { channel: next.channel, contact: request.contact },
      outcomeMessage(next.language === 'de' ? 'de' : 'en', clinic.name, next.kind, {
        decision: input.decision,
        note: input.note,
        downloadUrl,
      }),
    )
    return request
  })
}

const limit = (scope: RequestScope, policy: RatePolicyName, subject: string) =>
  enforceLimit(scope.rateLimits, policy, subject)
