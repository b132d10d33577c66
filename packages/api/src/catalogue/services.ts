// The clinic's services: what can be booked, for how long, with which buffers, notice and window, and the
// consent documents a booking asks for. Read by anyone with a key (inactive ones by the clinic only).
import { type CreateService, endpoints, type Service, type UpdateService } from '@frontdesk/contracts'
import type { Kysely, Selectable } from 'kysely'
import type { z } from 'zod'
import { assertConsentDocumentsExist } from '../consent/document-store.js'
import type { Database, ServicesTable } from '../db/schema.js'
import { actsForClinic } from '../db/tenant-scope.js'
import type { RequestScope } from '../env.js'
import { notFound } from '../errors.js'
import { idempotent } from '../idempotency/idempotent.js'
import { newId } from '../tokens.js'

type Db = Kysely<Database>

export function toService(row: Selectable<ServicesTable>): Service {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    durationMinutes: row.duration_minutes,
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    minNoticeMinutes: row.min_notice_minutes,
    bookingWindowDays: row.booking_window_days,
    slotIntervalMinutes: row.slot_interval_minutes,
    active: row.active,
    consentDocumentIds: row.consent_document_ids,
  }
}

/** A service's wire fields as table columns; fields left out stay undefined (for PATCH). */
export function serviceColumns<T extends Partial<Omit<Service, 'id'>>>(input: T) {
  return {
    name: input.name,
    description: input.description,
    duration_minutes: input.durationMinutes,
    buffer_before_minutes: input.bufferBeforeMinutes,
    buffer_after_minutes: input.bufferAfterMinutes,
    min_notice_minutes: input.minNoticeMinutes,
    booking_window_days: input.bookingWindowDays,
    slot_interval_minutes: input.slotIntervalMinutes,
    active: input.active,
    consent_document_ids: input.consentDocumentIds,
  } as {
    [K in keyof ServiceColumns]: T extends Omit<Service, 'id'>
      ? ServiceColumns[K]
      : ServiceColumns[K] | undefined
  }
}

type ServiceColumns = Omit<Selectable<ServicesTable>, 'id' | 'clinic_id' | 'created_at'>

export async function findService(db: Db, clinicId: string, serviceId: string) {
  return db
    .selectFrom('services')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '=', serviceId)
    .executeTakeFirst()
}

export async function listServices(db: Db, clinicId: string, includeInactive: boolean): Promise<Service[]> {
  let query = db.selectFrom('services').selectAll().where('clinic_id', '=', clinicId)
  if (!includeInactive) query = query.where('active', '=', true)
  const rows = await query.orderBy('name').orderBy('id').execute()
  return rows.map(toService)
}

/** One service; an inactive one only for the clinic's own side. */
export async function readService(scope: RequestScope, id: string): Promise<Service> {
  const row = await findService(scope.db, scope.clinic.id, id)
  if (!row || (!row.active && !actsForClinic(scope.principal))) throw notFound('service')
  return toService(row)
}

export async function createService(scope: RequestScope, input: CreateService) {
  return idempotent(
    scope,
    { operation: endpoints.createService, body: input },
    () => assertConsentDocumentsExist(scope.db, scope.clinic.id, input.consentDocumentIds),
    async (trx) => {
      const row = await trx
        .insertInto('services')
        .values({ id: newId('svc'), clinic_id: scope.clinic.id, ...serviceColumns(input) })
        .returningAll()
        .executeTakeFirstOrThrow()
      return { status: 201 as const, body: toService(row) }
    },
  )
}

export async function updateService(
  scope: RequestScope,
  id: string,
  input: z.infer<typeof UpdateService>,
): Promise<Service> {
  await assertConsentDocumentsExist(scope.db, scope.clinic.id, input.consentDocumentIds)
  const columns = serviceColumns(input)
  const row = await scope.db
    .updateTable('services')
    .set({
      id,
      ...Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined)),
    })
    .where('clinic_id', '=', scope.clinic.id)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  if (!row) throw notFound('service')
  return toService(row)
}
