// Rights requests: a patient starts one from the clinic's website (publishable key) and confirms it with
// the code sent to their email or phone; the clinic lists verified requests with their deadlines and
// decides them; for access, the patient gets a short-lived link whose page downloads their export.
import { ExportQuery, endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { withClinic } from '../db/clinic-scope.js'
import type { AppEnv } from '../env.js'
import { ApiError, notFound, validationError } from '../errors.js'
import { cipherOf } from '../intake/sealed-answers.js'
import { clinicColumns, toClinic } from '../middleware/principal/clinic-row.js'
import type { RatePolicyName } from '../rate-limit/policies.js'
import { enforceLimit } from '../rate-limit/rate-limits.js'
import { erasePatient } from '../rights/erasure.js'
import { patientExport, toFhirBundle } from '../rights/export.js'
import { patientRow } from '../rights/patient-data.js'
import { codeMessage, outcomeMessage } from '../rights/request-texts.js'
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
} from '../rights/requests.js'
import { audit } from '../services/audit.js'
import { normalisePatient, patientIdentityKey } from '../services/patients.js'
import { hashToken, newId, newToken } from '../tokens.js'
import { route, serve } from './define.js'

/** The download is public: its token comes from the patient's message, not from a key. */

export function rightsRequestRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.createRightsRequest), async (c) => {
    const input = c.req.valid('json')
    const { db, now } = c.var.deps
    const clinic = c.var.clinic
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
    await limit(c, 'rightsRequestContact', `${clinic.id}:${value}`)
    if (c.var.clientIp) await limit(c, 'rightsRequestClient', c.var.clientIp)
    const id = newId('rr')
    const code = newCode()
    const cipher = cipherOf(c.var.deps)
    const language = input.language ?? clinic.messaging.defaultLanguage
    const [sealedContact, sealedDetails] = await Promise.all([
      cipher.seal(clinic.id, contactPurpose(id), JSON.stringify({ value, dateOfBirth: input.dateOfBirth })),
      input.details ? cipher.seal(clinic.id, detailsPurpose(id), input.details) : null,
    ])
    const expiresAt = new Date(now() + CODE_TTL_MS)
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
        c.var.deps,
        clinic,
        { channel, contact: value },
        codeMessage(language, clinic.name, input.kind, code),
      )
    })
    return c.json({ requestId: id, codeSentTo: channel, expiresAt: expiresAt.toISOString() }, 202)
  })

  app.openapi(route(endpoints.verifyRightsRequest), async (c) => {
    const { id } = c.req.valid('param')
    const { code } = c.req.valid('json')
    const { db, now } = c.var.deps
    const clinic = c.var.clinic
    const row = await db
      .selectFrom('rights_requests')
      .selectAll()
      .where('clinic_id', '=', clinic.id)
      .where('id', '=', id)
      .where('status', '=', 'unverified')
      .executeTakeFirst()
    if (!row) throw notFound('request')
    const at = now()
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
    const contact = JSON.parse(
      await cipherOf(c.var.deps).openText(clinic.id, contactPurpose(id), row.contact),
    ) as {
      value: string
      dateOfBirth: string
    }
    const identity = patientIdentityKey({
      name: '',
      email: row.channel === 'email' ? contact.value : null,
      phone: row.channel === 'sms' ? contact.value : null,
      dateOfBirth: contact.dateOfBirth,
    })
    const patient = await db
      .selectFrom('patients')
      .select('id')
      .where('clinic_id', '=', clinic.id)
      .where('identity_key', '=', identity)
      .executeTakeFirst()
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
    return c.json({ id, status: 'open' as const, dueAt: dueAt.toISOString() }, 200)
  })

  app.openapi(route(endpoints.listRightsRequests), async (c) => {
    const { status } = c.req.valid('query')
    const { db } = c.var.deps
    const rows = await db
      .selectFrom('rights_requests')
      .selectAll()
      .where('clinic_id', '=', c.var.clinic.id)
      .where('status', status ? '=' : '!=', status ?? 'unverified')
      .orderBy('due_at')
      .orderBy('id')
      .limit(500)
      .execute()
    const cipher = cipherOf(c.var.deps)
    const data = await Promise.all(rows.map((row) => toRightsRequest(cipher, row)))
    await audit(
      db,
      c,
      rows.map((row) => ({
        action: 'rights_request.read' as const,
        objectType: 'rights_request' as const,
        objectId: row.id,
      })),
    )
    return c.json({ data }, 200)
  })

  app.openapi(route(endpoints.decideRightsRequest), async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    const { db, now, messaging } = c.var.deps
    const clinic = c.var.clinic
    const cipher = cipherOf(c.var.deps)
    const decided = await db.transaction().execute(async (trx) => {
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
      const at = now()
      let downloadUrl: string | undefined
      let token: string | undefined
      if (acts && row.kind === 'access') {
        token = newToken('xt')
        downloadUrl = `${messaging?.publicUrl ?? ''}/v1/rights/download#request=${id}&token=${token}`
      } else if (acts && row.kind === 'erasure') {
        await erasePatient(trx, clinic.id, patientId!, at)
        await audit(trx, c, [{ action: 'patient.erase', objectType: 'patient', objectId: patientId! }])
      } else if (acts) {
        await trx
          .updateTable('patients')
          .set({ restricted_at: new Date(at) })
          .where('clinic_id', '=', clinic.id)
          .where('id', '=', patientId!)
          .execute()
        await audit(trx, c, [{ action: 'patient.restrict', objectType: 'patient', objectId: patientId! }])
      }
      const next = await trx
        .updateTable('rights_requests')
        .set({
          status: input.decision === 'complete' ? 'completed' : 'rejected',
          decided_at: new Date(at),
          decision_note: input.note ?? null,
          patient_id: patientId,
          ...(token && {
            export_token_hash: hashToken(token),
            export_expires_at: new Date(at + EXPORT_TTL_MS),
          }),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
      await audit(trx, c, [{ action: 'rights_request.decide', objectType: 'rights_request', objectId: id }])
      const request = await toRightsRequest(cipher, next)
      // Told inside the transaction: a patient who cannot be told leaves the request open, to try again.
      await sendToContact(
        c.var.deps,
        clinic,
        { channel: next.channel, contact: request.contact },
        outcomeMessage(next.language === 'de' ? 'de' : 'en', clinic.name, next.kind, {
          decision: input.decision,
          note: input.note,
          downloadUrl,
        }),
      )
      return request
    })
    return c.json(decided, 200)
  })

  return app
}

/** The patient's download: the token from their message, checked before anything is read. */
export function rightsExportRoutes() {
  const app = new OpenAPIHono<AppEnv>()
  serve(app, endpoints.downloadRightsExport, async (c) => {
    const { system, db, now } = c.var.deps
    const rightsRequestId = c.req.param('id') ?? ''
    if (c.var.clientIp) await limit(c, 'rightsRequestClient', c.var.clientIp)
    const token = /^Bearer (xt_[\w-]+)$/.exec(c.req.header('Authorization') ?? '')?.[1]
    if (!token)
      throw new ApiError('UNAUTHENTICATED', 'Send the download token as "Authorization: Bearer <token>"')
    const query = ExportQuery.safeParse(Object.fromEntries(new URL(c.req.url).searchParams))
    if (!query.success) throw validationError(query.error)
    const found = await system
      .selectFrom('rights_requests')
      .select(['clinic_id'])
      .where('id', '=', rightsRequestId)
      .where('export_token_hash', '=', hashToken(token))
      .executeTakeFirst()
    if (!found) throw new ApiError('UNAUTHENTICATED', 'This download link is not valid')
    return withClinic(found.clinic_id, async () => {
      const row = await db
        .selectFrom('rights_requests')
        .innerJoin('clinics', 'clinics.id', 'rights_requests.clinic_id')
        .select([
          'rights_requests.patient_id',
          'rights_requests.export_expires_at',
          'clinics.id as clinic_id',
        ])
        .where('rights_requests.id', '=', rightsRequestId)
        .executeTakeFirstOrThrow()
      if (!row.patient_id || new Date(row.export_expires_at!).getTime() <= now()) {
        throw new ApiError('UNAUTHENTICATED', 'This download link has expired; ask the clinic again')
      }
      const clinic = await clinicContextFor(c, row.clinic_id)
      const data = await patientExport(db, cipherOf(c.var.deps), clinic, row.patient_id, now())
      await db
        .insertInto('audit_events')
        .values({
          clinic_id: row.clinic_id,
          actor_type: 'patient',
          actor_id: rightsRequestId,
          action: 'rights_request.download',
          object_type: 'patient',
          object_id: row.patient_id,
          request_id: c.var.requestId,
          client_ip: c.var.clientIp,
        })
        .execute()
      const fhirFormat = query.data.format === 'fhir'
      return c.json(fhirFormat ? toFhirBundle(data) : data, 200, {
        'Content-Type': fhirFormat ? 'application/fhir+json; charset=utf-8' : 'application/json',
        'Content-Disposition': `attachment; filename="my-data.${fhirFormat ? 'fhir.json' : 'json'}"`,
        'Cache-Control': 'no-store',
      })
    })
  })
  return app
}

async function clinicContextFor(c: Context<AppEnv>, clinicId: string) {
  const row = await c.var.deps.db
    .selectFrom('clinics')
    .select(clinicColumns)
    .where('clinics.id', '=', clinicId)
    .executeTakeFirstOrThrow()
  return toClinic(row)
}

const limit = (c: Context<AppEnv>, policy: RatePolicyName, subject: string) =>
  enforceLimit(c.var.deps.rateLimits, policy, subject)
