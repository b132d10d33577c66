// The clinic's practitioners and the services each offers. Anyone with a key reads the active ones; the
// clinic's own side also sees those it has switched off.
import {
  type CreatePractitioner,
  endpoints,
  type Practitioner,
  type UpdatePractitioner,
} from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Database } from '../db/schema.js'
import { actsForClinic, missingIds } from '../db/tenant-scope.js'
import type { RequestScope } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { idempotent } from '../idempotency/idempotent.js'
import { newId } from '../tokens.js'

type Db = Kysely<Database>

export async function listPractitioners(
  db: Db,
  clinicId: string,
  filter: {
    serviceId?: string | undefined
    includeInactive: boolean
    ids?: string[]
    /** The clinic's own side also sees which staff account each practitioner is. */
    staffAccounts?: boolean
  },
): Promise<Practitioner[]> {
  let query = db.selectFrom('practitioners').selectAll().where('clinic_id', '=', clinicId)
  if (!filter.includeInactive) query = query.where('active', '=', true)
  if (filter.ids) query = query.where('id', 'in', filter.ids.length ? filter.ids : [''])
  if (filter.serviceId) {
    const serviceId = filter.serviceId
    query = query.where('id', 'in', (sub) =>
      sub
        .selectFrom('practitioner_services')
        .select('practitioner_id')
        .where('clinic_id', '=', clinicId)
        .where('service_id', '=', serviceId),
    )
  }
  const rows = await query.orderBy('name').orderBy('id').execute()
  if (rows.length === 0) return []
  const links = await db
    .selectFrom('practitioner_services')
    .select(['practitioner_id', 'service_id'])
    .where('clinic_id', '=', clinicId)
    .where(
      'practitioner_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('service_id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    title: row.title,
    active: row.active,
    serviceIds: links.filter((link) => link.practitioner_id === row.id).map((link) => link.service_id),
    ...(filter.staffAccounts && { staffUserId: row.staff_user_id }),
  }))
}

/** One practitioner; an inactive one only for the clinic's own side. */
export async function readPractitioner(scope: RequestScope, id: string): Promise<Practitioner> {
  const [practitioner] = await listPractitioners(scope.db, scope.clinic.id, {
    ids: [id],
    includeInactive: actsForClinic(scope.principal),
    staffAccounts: actsForClinic(scope.principal),
  })
  if (!practitioner) throw notFound('practitioner')
  return practitioner
}

export async function createPractitioner(scope: RequestScope, input: z.infer<typeof CreatePractitioner>) {
  const clinicId = scope.clinic.id
  return idempotent(
    scope,
    { operation: endpoints.createPractitioner, body: input },
    () => assertServicesExist(scope.db, clinicId, input.serviceIds),
    async (trx) => {
      const practitioner = { id: newId('prac'), name: input.name, title: input.title, active: input.active }
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
}

/** Changes the fields given; `serviceIds` replaces the services the practitioner offers. */
export async function updatePractitioner(
  scope: RequestScope,
  id: string,
  input: z.infer<typeof UpdatePractitioner>,
): Promise<Practitioner> {
  const { db } = scope
  const clinicId = scope.clinic.id
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
  const [practitioner] = await listPractitioners(db, clinicId, {
    ids: [id],
    includeInactive: true,
    staffAccounts: true,
  })
  return practitioner!
}

async function assertServicesExist(db: Db, clinicId: string, serviceIds: string[]) {
  const missing = await missingIds(db, 'services', clinicId, [...new Set(serviceIds)])
  if (missing.length) {
    throw new ApiError('VALIDATION_FAILED', 'serviceIds: no such service in this clinic', {
      issues: missing.map(() => ({ path: 'serviceIds', message: 'No such service in this clinic' })),
    })
  }
}

async function linkServices(trx: Db, clinicId: string, practitionerId: string, serviceIds: string[]) {
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
