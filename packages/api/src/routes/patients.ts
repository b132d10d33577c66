// Patient routes: the clinic's record of a patient and the rights the patient has over it: correction,
// export (JSON or a FHIR R4 Bundle), restriction, erasure, and the legal holds that keep what the law
// requires. Every read and change is audited; erasure and exports are owners' and admins' work.
import { endpoints, type LegalHold } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Selectable } from 'kysely'
import type { LegalHoldsTable } from '../db/schema-rights.js'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { cipherOf } from '../intake/sealed-answers.js'
import { erasePatient } from '../rights/erasure.js'
import { patientExport, toFhirBundle, toPatientRecord } from '../rights/export.js'
import { patientRow } from '../rights/patient-data.js'
import { audit } from '../services/audit.js'
import { assertOwnPatient } from '../services/own-patients.js'
import { normalisePatient, patientIdentityKey } from '../services/patients.js'
import { newId } from '../tokens.js'
import { route } from './define.js'

export function patientRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.getPatient), async (c) => {
    const { id } = c.req.valid('param')
    const { db } = c.var.deps
    await assertOwnPatient(c, { patientId: id }, 'patient')
    const row = await patientRow(db, c.var.clinic.id, id)
    await audit(db, c, [{ action: 'patient.read', objectType: 'patient', objectId: id }])
    return c.json(toPatientRecord(row), 200)
  })

  app.openapi(route(endpoints.correctPatient), async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    const { db } = c.var.deps
    const row = await patientRow(db, c.var.clinic.id, id)
    if (row.erased_at)
      throw new ApiError('PATIENT_ERASED', 'This patient was erased; there is nothing to correct')
    const merged = normalisePatient(
      {
        name: input.name ?? row.name,
        dateOfBirth: input.dateOfBirth ?? row.date_of_birth ?? '',
        ...((input.email === undefined ? row.email : input.email) && {
          email: (input.email === undefined ? row.email : input.email) as string,
        }),
        ...((input.phone === undefined ? row.phone : input.phone) && {
          phone: (input.phone === undefined ? row.phone : input.phone) as string,
        }),
      },
      input.phoneRegion,
      'phone',
    )
    if (!merged.email && !merged.phone) {
      throw new ApiError('VALIDATION_FAILED', 'email: keep an email address or a phone number', {
        issues: [{ path: 'email', message: 'Keep an email address or a phone number' }],
      })
    }
    const updated = await db.transaction().execute(async (trx) => {
      const clash = await trx
        .selectFrom('patients')
        .select('id')
        .where('clinic_id', '=', c.var.clinic.id)
        .where('identity_key', '=', patientIdentityKey(merged))
        .where('id', '!=', id)
        .executeTakeFirst()
      if (clash) {
        throw new ApiError(
          'PATIENT_CONFLICT',
          'Another patient of the clinic has these details; merge them first',
        )
      }
      const next = await trx
        .updateTable('patients')
        .set({
          name: merged.name,
          email: merged.email,
          phone: merged.phone,
          date_of_birth: merged.dateOfBirth,
          identity_key: patientIdentityKey(merged),
        })
        .where('clinic_id', '=', c.var.clinic.id)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
      await audit(trx, c, [{ action: 'patient.update', objectType: 'patient', objectId: id }])
      return next
    })
    return c.json(toPatientRecord(updated), 200)
  })

  app.openapi(route(endpoints.exportPatient), async (c) => {
    const { id } = c.req.valid('param')
    const { format } = c.req.valid('query')
    const { db, now } = c.var.deps
    const data = await patientExport(db, cipherOf(c.var.deps), c.var.clinic, id, now())
    await audit(db, c, [{ action: 'patient.export', objectType: 'patient', objectId: id }])
    const body = format === 'fhir' ? toFhirBundle(data) : data
    return c.json(body as Record<string, unknown>, 200, {
      'Content-Type': format === 'fhir' ? 'application/fhir+json; charset=utf-8' : 'application/json',
      'Content-Disposition': `attachment; filename="patient-${id}.${format === 'fhir' ? 'fhir.json' : 'json'}"`,
      'Cache-Control': 'no-store',
    })
  })

  app.openapi(route(endpoints.erasePatient), async (c) => {
    const { id } = c.req.valid('param')
    const { db, now } = c.var.deps
    const report = await erasePatient(db, c.var.clinic.id, id, now())
    await audit(db, c, [{ action: 'patient.erase', objectType: 'patient', objectId: id }])
    return c.json(report, 200)
  })

  app.openapi(route(endpoints.setPatientRestriction), async (c) => {
    const { id } = c.req.valid('param')
    const { restricted } = c.req.valid('json')
    const { db, now } = c.var.deps
    await patientRow(db, c.var.clinic.id, id)
    const row = await db.transaction().execute(async (trx) => {
      const next = await trx
        .updateTable('patients')
        .set({ restricted_at: restricted ? new Date(now()) : null })
        .where('clinic_id', '=', c.var.clinic.id)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
      await audit(trx, c, [
        {
          action: restricted ? 'patient.restrict' : 'patient.unrestrict',
          objectType: 'patient',
          objectId: id,
        },
      ])
      return next
    })
    return c.json(toPatientRecord(row), 200)
  })

  app.openapi(route(endpoints.listLegalHolds), async (c) => {
    const { id } = c.req.valid('param')
    const { db } = c.var.deps
    await patientRow(db, c.var.clinic.id, id)
    const rows = await db
      .selectFrom('legal_holds')
      .selectAll()
      .where('clinic_id', '=', c.var.clinic.id)
      .where('patient_id', '=', id)
      .orderBy('created_at')
      .execute()
    return c.json({ data: rows.map(toLegalHold) }, 200)
  })

  app.openapi(route(endpoints.placeLegalHold), async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    const { db } = c.var.deps
    await patientRow(db, c.var.clinic.id, id)
    const row = await db.transaction().execute(async (trx) => {
      const hold = await trx
        .insertInto('legal_holds')
        .values({
          id: newId('lh'),
          clinic_id: c.var.clinic.id,
          patient_id: id,
          kinds: [...new Set(input.kinds)],
          reason: input.reason,
          until: input.until ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      await audit(trx, c, [{ action: 'legal_hold.create', objectType: 'legal_hold', objectId: hold.id }])
      return hold
    })
    return c.json(toLegalHold(row), 201)
  })

  app.openapi(route(endpoints.releaseLegalHold), async (c) => {
    const { id } = c.req.valid('param')
    const { db, now } = c.var.deps
    const row = await db.transaction().execute(async (trx) => {
      const hold = await trx
        .updateTable('legal_holds')
        .set({ released_at: new Date(now()) })
        .where('clinic_id', '=', c.var.clinic.id)
        .where('id', '=', id)
        .where('released_at', 'is', null)
        .returningAll()
        .executeTakeFirst()
      if (!hold) throw notFound('active legal hold')
      await audit(trx, c, [{ action: 'legal_hold.release', objectType: 'legal_hold', objectId: id }])
      return hold
    })
    return c.json(toLegalHold(row), 200)
  })

  return app
}

function toLegalHold(row: Selectable<LegalHoldsTable>): LegalHold {
  return {
    id: row.id,
    patientId: row.patient_id,
    kinds: row.kinds as LegalHold['kinds'],
    reason: row.reason,
    until: row.until,
    createdAt: new Date(row.created_at).toISOString(),
    releasedAt: row.released_at ? new Date(row.released_at).toISOString() : null,
  }
}
