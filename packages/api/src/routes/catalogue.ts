// Catalogue routes: the clinic, its locations, practitioners and services; reads are public, writes need the secret key.

import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { actsForClinic } from '../middleware/principal/index.js'
import { audit } from '../services/audit.js'
import {
  findService,
  listLocations,
  listPractitioners,
  listServices,
  missingIds,
  serviceColumns,
  toClinic,
  toClinicSettings,
  toService,
} from '../services/catalogue-store.js'
import { assertConsentDocumentsExist } from '../services/consent-documents.js'
import { idempotent } from '../services/idempotency.js'
import { newId } from '../tokens.js'
import { route } from './define.js'

export function catalogueRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.getClinic), (c) => c.json(toClinic(c.var.clinic), 200))

  app.openapi(route(endpoints.getClinicSettings), (c) => c.json(toClinicSettings(c.var.clinic), 200))

  app.openapi(route(endpoints.updateClinic), async (c) => {
    const input = c.req.valid('json')
    const clinic = c.var.clinic
    const next = {
      ...clinic,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.timeZone !== undefined && { timeZone: input.timeZone }),
      ...(input.allowedOrigins !== undefined && { allowedOrigins: [...new Set(input.allowedOrigins)] }),
      holdMinutes: input.policy?.holdMinutes ?? clinic.holdMinutes,
      cancellationNoticeMinutes: input.policy?.cancellationNoticeMinutes ?? clinic.cancellationNoticeMinutes,
      intakeDraftIdleDays: input.policy?.intakeDraftIdleDays ?? clinic.intakeDraftIdleDays,
    }
    await c.var.deps.db
      .updateTable('clinics')
      .set({
        name: next.name,
        time_zone: next.timeZone,
        allowed_origins: next.allowedOrigins,
        hold_minutes: next.holdMinutes,
        cancellation_notice_minutes: next.cancellationNoticeMinutes,
        intake_draft_idle_days: next.intakeDraftIdleDays,
      })
      .where('id', '=', clinic.id)
      .execute()
    await audit(c.var.deps.db, c, [{ action: 'clinic.update', objectType: 'clinic', objectId: clinic.id }])
    return c.json(toClinicSettings(next), 200)
  })

  app.openapi(route(endpoints.listLocations), async (c) =>
    c.json({ data: await listLocations(c.var.deps.db, c.var.clinic.id) }, 200),
  )

  app.openapi(route(endpoints.createLocation), async (c) => {
    const input = c.req.valid('json')
    const { body } = await idempotent(
      c,
      input,
      async () => null,
      async (trx) => {
        const location = { id: newId('loc'), name: input.name, address: input.address }
        await trx
          .insertInto('locations')
          .values({ ...location, clinic_id: c.var.clinic.id })
          .execute()
        return { status: 201 as const, body: location }
      },
    )
    return c.json(body, 201)
  })

  app.openapi(route(endpoints.updateLocation), async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    const row = await c.var.deps.db
      .updateTable('locations')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.address !== undefined && { address: input.address }),
        id,
      })
      .where('clinic_id', '=', c.var.clinic.id)
      .where('id', '=', id)
      .returning(['id', 'name', 'address'])
      .executeTakeFirst()
    if (!row) throw notFound('location')
    return c.json(row, 200)
  })

  app.openapi(route(endpoints.listPractitioners), async (c) => {
    const { serviceId } = c.req.valid('query')
    const data = await listPractitioners(c.var.deps.db, c.var.clinic.id, {
      serviceId,
      includeInactive: actsForClinic(c.var.principal),
    })
    return c.json({ data }, 200)
  })

  app.openapi(route(endpoints.getPractitioner), async (c) => {
    const { id } = c.req.valid('param')
    const [practitioner] = await listPractitioners(c.var.deps.db, c.var.clinic.id, {
      ids: [id],
      includeInactive: actsForClinic(c.var.principal),
    })
    if (!practitioner) throw notFound('practitioner')
    return c.json(practitioner, 200)
  })

  app.openapi(route(endpoints.createPractitioner), async (c) => {
    const input = c.req.valid('json')
    const clinicId = c.var.clinic.id
    const db = c.var.deps.db
    const { body } = await idempotent(
      c,
      input,
      () => assertServicesExist(db, clinicId, input.serviceIds),
      async (trx) => {
        const practitioner = {
          id: newId('prac'),
          name: input.name,
          title: input.title,
          active: input.active,
        }
        await trx
          .insertInto('practitioners')
          .values({ ...practitioner, clinic_id: clinicId })
          .execute()
        await linkServices(trx, clinicId, practitioner.id, input.serviceIds)
        return {
          status: 201 as const,
          body: { ...practitioner, serviceIds: [...new Set(input.serviceIds)].sort() },
        }
      },
    )
    return c.json(body, 201)
  })

  app.openapi(route(endpoints.updatePractitioner), async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    const clinicId = c.var.clinic.id
    const db = c.var.deps.db
    if (input.serviceIds) await assertServicesExist(db, clinicId, input.serviceIds)
    const found = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('practitioners')
        .set({
          id,
          ...(input.name !== undefined && { name: input.name }),
          ...(input.title !== undefined && { title: input.title }),
          ...(input.active !== undefined && { active: input.active }),
        })
        .where('clinic_id', '=', clinicId)
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst()
      if (!row) return false
      if (input.serviceIds) {
        await trx
          .deleteFrom('practitioner_services')
          .where('clinic_id', '=', clinicId)
          .where('practitioner_id', '=', id)
          .execute()
        await linkServices(trx, clinicId, id, input.serviceIds)
      }
      return true
    })
    if (!found) throw notFound('practitioner')
    const [practitioner] = await listPractitioners(db, clinicId, { ids: [id], includeInactive: true })
    return c.json(practitioner!, 200)
  })

  app.openapi(route(endpoints.listServices), async (c) =>
    c.json({ data: await listServices(c.var.deps.db, c.var.clinic.id, actsForClinic(c.var.principal)) }, 200),
  )

  app.openapi(route(endpoints.getService), async (c) => {
    const { id } = c.req.valid('param')
    const row = await findService(c.var.deps.db, c.var.clinic.id, id)
    if (!row || (!row.active && !actsForClinic(c.var.principal))) throw notFound('service')
    return c.json(toService(row), 200)
  })

  app.openapi(route(endpoints.createService), async (c) => {
    const input = c.req.valid('json')
    const { body } = await idempotent(
      c,
      input,
      () => assertConsentDocumentsExist(c.var.deps.db, c.var.clinic.id, input.consentDocumentIds),
      async (trx) => {
        const row = await trx
          .insertInto('services')
          .values({ id: newId('svc'), clinic_id: c.var.clinic.id, ...serviceColumns(input) })
          .returningAll()
          .executeTakeFirstOrThrow()
        return { status: 201 as const, body: toService(row) }
      },
    )
    return c.json(body, 201)
  })

  app.openapi(route(endpoints.updateService), async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    await assertConsentDocumentsExist(c.var.deps.db, c.var.clinic.id, input.consentDocumentIds)
    const columns = serviceColumns(input)
    const row = await c.var.deps.db
      .updateTable('services')
      .set({
        id,
        ...Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined)),
      })
      .where('clinic_id', '=', c.var.clinic.id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    if (!row) throw notFound('service')
    return c.json(toService(row), 200)
  })

  return app
}

async function assertServicesExist(
  db: AppEnv['Variables']['deps']['db'],
  clinicId: string,
  serviceIds: string[],
) {
  const missing = await missingIds(db, 'services', clinicId, [...new Set(serviceIds)])
  if (missing.length) {
    throw new ApiError('VALIDATION_FAILED', 'serviceIds: no such service in this clinic', {
      issues: missing.map(() => ({ path: 'serviceIds', message: 'No such service in this clinic' })),
    })
  }
}

async function linkServices(
  trx: AppEnv['Variables']['deps']['db'],
  clinicId: string,
  practitionerId: string,
  serviceIds: string[],
) {
  const unique = [...new Set(serviceIds)]
  if (unique.length === 0) return
  await trx
    .insertInto('practitioner_services')
    .values(
      unique.map((serviceId) => ({
        clinic_id: clinicId,
        practitioner_id: practitionerId,
        service_id: serviceId,
      })),
    )
    .execute()
}
