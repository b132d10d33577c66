// What the clinic offers for a patient's ask: the service, who offers it and where, from the cached
// catalogue, and the service's row as the slot engine's rules. Availability and claiming a slot both
// start here, so both refuse the same asks with the same 404s.
import type { Selectable } from 'kysely'
import type { ServicesTable } from '../db/schema.js'
import { notFound } from '../errors.js'
import type { CatalogueSnapshot } from './catalogue-cache.js'
import type { ServiceRules } from './engine.js'
import { localLabel, offsetAt } from './local-time.js'

export interface Offering {
  service: Selectable<ServicesTable>
  /** Active practitioners offering the service (only the asked one, when one was asked), by id. */
  practitionerIds: string[]
  locationFound: boolean
}

export interface OfferingAsk {
  serviceId: string
  practitionerId?: string | undefined
  locationId?: string | undefined
}

/** The service, who offers it and whether the location exists; null for a service not offered. */
export function findOffering(catalogue: CatalogueSnapshot, ask: OfferingAsk): Offering | null {
  const service = catalogue.services.get(ask.serviceId)
  if (!service?.active) return null
  const offeredBy = catalogue.offeredBy.get(service.id) ?? []
  return {
    service,
    practitionerIds: ask.practitionerId ? offeredBy.filter((id) => id === ask.practitionerId) : offeredBy,
    locationFound: ask.locationId === undefined || catalogue.locations.has(ask.locationId),
  }
}

/** The offering, or 404 naming what the clinic does not have: the service, the practitioner or the location. */
export function requireOffering(catalogue: CatalogueSnapshot, ask: OfferingAsk): Offering {
  const offering = findOffering(catalogue, ask)
  if (!offering) throw notFound('service')
  if (ask.practitionerId && offering.practitionerIds.length === 0) {
    throw notFound('practitioner offering this service')
  }
  if (!offering.locationFound) throw notFound('location')
  return offering
}

export function serviceRules(row: {
  duration_minutes: number
  buffer_before_minutes: number
  buffer_after_minutes: number
  min_notice_minutes: number
  booking_window_days: number
  slot_interval_minutes: number
}): ServiceRules {
  return {
    durationMinutes: row.duration_minutes,
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    minNoticeMinutes: row.min_notice_minutes,
    bookingWindowDays: row.booking_window_days,
    slotIntervalMinutes: row.slot_interval_minutes,
  }
}

/** The clinic's local date of an instant. */
export function localDateOf(timeZone: string, ms: number): string {
  return localLabel(ms, offsetAt(timeZone, ms)).date
}
