// The clinic's services and schedules held in memory per process, reloaded when the clinic's
// catalogue_version (read with every request's principal) moves, so every process stays exact.
import { type Kysely, type Selectable, sql } from 'kysely'
import type { Database, ServicesTable } from '../db/schema.js'
import type { ClinicContext } from '../env.js'
import type { DateOverride, Interval, WeeklyHours } from './engine.js'

export interface CatalogueSnapshot {
  version: number
  /** Overrides and time off before this instant were left out when loading. */
  horizon: number
  services: Map<string, Selectable<ServicesTable>>
  /** Active practitioners offering each service, sorted by id. */
  offeredBy: Map<string, string[]>
  locations: Set<string>
  weekly: Map<string, WeeklyHours[]>
  overrides: Map<string, DateOverride[]>
  timeOff: (Interval & { practitionerId: string | null })[]
}

const MAX_CLINICS = 1000
const HISTORY_MS = 2 * 86_400_000
const snapshots = new Map<string, CatalogueSnapshot>()
const loading = new Map<string, Promise<CatalogueSnapshot>>()

export async function catalogueFor(
  db: Kysely<Database>,
  clinic: ClinicContext,
  now: number,
): Promise<CatalogueSnapshot> {
  const cached = snapshots.get(clinic.id)
  if (cached && cached.version >= clinic.catalogueVersion && now >= cached.horizon + HISTORY_MS / 2)
    return cached
  const pending = loading.get(clinic.id)
  if (pending) {
    // A load started before the change this request has seen would be stale for it.
    const shared = await pending
    if (shared.version >= clinic.catalogueVersion) return shared
  }
  const load = loadSnapshot(db, clinic.id, now).finally(() => loading.delete(clinic.id))
  loading.set(clinic.id, load)
  const snapshot = await load
  if (snapshots.size >= MAX_CLINICS) snapshots.delete(snapshots.keys().next().value!)
  snapshots.set(clinic.id, snapshot)
  return snapshot
}

interface SnapshotRow {
  version: string
  services: Selectable<ServicesTable>[]
  offers: [string, string][]
  locations: string[]
  hours: [string, number, string, string, string | null][]
  overrides: [string, string, DateOverride['windows']][]
  time_off: [string | null, number, number][]
}

/** One statement, so the version and the data it labels come from one snapshot of the database. */
async function loadSnapshot(db: Kysely<Database>, clinicId: string, now: number): Promise<CatalogueSnapshot> {
  const horizon = now - HISTORY_MS
  const epochMs = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`)
  const result = await sql<SnapshotRow>`
    SELECT
      (SELECT catalogue_version FROM clinics WHERE id = ${clinicId}) AS version,
      (SELECT coalesce(json_agg(s), '[]') FROM services s WHERE clinic_id = ${clinicId}) AS services,
      (SELECT coalesce(json_agg(json_build_array(ps.service_id, p.id) ORDER BY p.id), '[]')
         FROM practitioner_services ps
         JOIN practitioners p ON p.clinic_id = ps.clinic_id AND p.id = ps.practitioner_id
        WHERE ps.clinic_id = ${clinicId} AND p.active) AS offers,
      (SELECT coalesce(json_agg(id), '[]') FROM locations WHERE clinic_id = ${clinicId}) AS locations,
      (SELECT coalesce(json_agg(json_build_array(practitioner_id, weekday, start_time, end_time, location_id)), '[]')
         FROM weekly_hours WHERE clinic_id = ${clinicId}) AS hours,
      (SELECT coalesce(json_agg(json_build_array(practitioner_id, date, windows)), '[]')
         FROM date_overrides WHERE clinic_id = ${clinicId}
          AND date >= (${new Date(horizon)}::timestamptz)::date - 1) AS overrides,
      (SELECT coalesce(json_agg(json_build_array(practitioner_id, ${epochMs('lower(during)')}, ${epochMs('upper(during)')})), '[]')
         FROM time_off WHERE clinic_id = ${clinicId} AND upper(during) > ${new Date(horizon)}) AS time_off
  `.execute(db)
  const row = result.rows[0]!
  const offeredBy = new Map<string, string[]>()
  for (const [serviceId, practitionerId] of row.offers) {
    offeredBy.set(serviceId, [...(offeredBy.get(serviceId) ?? []), practitionerId])
  }
  const weekly = new Map<string, WeeklyHours[]>()
  for (const [id, weekday, start, end, locationId] of row.hours) {
    weekly.set(id, [...(weekly.get(id) ?? []), { weekday, start, end, locationId }])
  }
  const overrides = new Map<string, DateOverride[]>()
  for (const [id, date, windows] of row.overrides)
    overrides.set(id, [...(overrides.get(id) ?? []), { date, windows }])
  return {
    version: Number(row.version),
    horizon,
    // json_agg renders numbers and booleans as JSON, dates as ISO strings: the service row needs neither.
    services: new Map(row.services.map((service) => [service.id, service])),
    offeredBy,
    locations: new Set(row.locations),
    weekly,
    overrides,
    timeOff: row.time_off.map(([practitionerId, start, end]) => ({ practitionerId, start, end })),
  }
}
