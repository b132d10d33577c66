// Reads and writes the catalogue (clinic settings, locations, practitioners, services) for one clinic.
import type { Clinic, ClinicSettings, Location, Practitioner, Service } from '@frontdesk/contracts'
import type { Kysely, Selectable } from 'kysely'
import type { Database, ServicesTable } from '../db/schema.js'
import type { ClinicContext } from '../env.js'
import type { CatalogueSnapshot } from './catalogue-cache.js'

type Db = Kysely<Database>

export function toClinic(clinic: ClinicContext): Clinic {
  return {
    id: clinic.id,
    name: clinic.name,
    timeZone: clinic.timeZone,
    policy: {
      holdMinutes: clinic.holdMinutes,
      cancellationNoticeMinutes: clinic.cancellationNoticeMinutes,
      intakeDraftIdleDays: clinic.intakeDraftIdleDays,
    },
    messageChannels: clinic.messaging.channels,
  }
}

export function toClinicSettings(clinic: ClinicContext): ClinicSettings {
  return { ...toClinic(clinic), allowedOrigins: clinic.allowedOrigins }
}

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

export async function listPractitioners(
  db: Db,
  clinicId: string,
  filter: { serviceId?: string | undefined; includeInactive: boolean; ids?: string[] },
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
  }))
}

export async function listLocations(db: Db, clinicId: string): Promise<Location[]> {
  const rows = await db
    .selectFrom('locations')
    .select(['id', 'name', 'address'])
    .where('clinic_id', '=', clinicId)
    .orderBy('name')
    .orderBy('id')
    .execute()
  return rows
}

/** Ids that exist in this clinic; anything else (another clinic's included) is reported as missing. */
export async function missingIds(
  db: Db,
  table: 'services' | 'practitioners' | 'locations',
  clinicId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return []
  const found = await db
    .selectFrom(table)
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('id', 'in', ids)
    .execute()
  const seen = new Set(found.map((row) => row.id))
  return ids.filter((id) => !seen.has(id))
}

export interface Offering {
  service: Selectable<ServicesTable>
  /** Active practitioners offering the service (only the asked one, when one was asked), by id. */
  practitionerIds: string[]
  locationFound: boolean
}

/** The service, who offers it and whether the location exists, from the clinic's cached catalogue. */
export function findOffering(
  catalogue: CatalogueSnapshot,
  ask: { serviceId: string; practitionerId?: string | undefined; locationId?: string | undefined },
): Offering | null {
  const service = catalogue.services.get(ask.serviceId)
  if (!service?.active) return null
  const offeredBy = catalogue.offeredBy.get(service.id) ?? []
  return {
    service,
    practitionerIds: ask.practitionerId ? offeredBy.filter((id) => id === ask.practitionerId) : offeredBy,
    locationFound: ask.locationId === undefined || catalogue.locations.has(ask.locationId),
  }
}
