// Turns a patient's slot choice into candidate practitioners, and claims one under the exclusion constraint.
import type { SlotChoice } from '@frontdesk/contracts'
import { type Kysely, sql, type Transaction } from 'kysely'
import {
  type AvailabilityInput,
  blockedInterval,
  isSlotAvailable,
  type ServiceRules,
} from '../availability/engine.js'
import { localLabel, offsetAt } from '../availability/local-time.js'
import type { Database } from '../db/schema.js'
import type { ClinicContext } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { catalogueFor } from './catalogue-cache.js'
import { findOffering } from './catalogue-store.js'
import { loadSchedules, spanForDates } from './schedule-store.js'

export interface ResolvedSlot {
  serviceId: string
  startsAt: Date
  endsAt: Date
  /** The appointment with the service's buffers: what the exclusion constraint compares. */
  blocked: string
  /** Free practitioners for this instant, in the order they are tried (by id, so locks are always taken in one order). */
  candidates: { practitionerId: string; locationId: string | null }[]
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

export function localDateOf(timeZone: string, ms: number): string {
  return localLabel(ms, offsetAt(timeZone, ms)).date
}

/**
 * Checks the choice against the clinic's rules (hours, notice, window, time off) and current busy time.
 * `SLOT_UNAVAILABLE` when the clinic does not offer it at all, `SLOT_TAKEN` when someone else has it.
 * `ignoreBookingIds` lets a hold or booking being moved not count against itself.
 */
export async function resolveSlot(
  db: Kysely<Database>,
  clinic: ClinicContext,
  choice: SlotChoice,
  now: number,
  ignoreBookingIds: string[] = [],
): Promise<ResolvedSlot> {
  const catalogue = await catalogueFor(db, clinic, now)
  const offering = findOffering(catalogue, choice)
  if (!offering) throw notFound('service')
  if (choice.practitionerId && offering.practitionerIds.length === 0) {
    throw notFound('practitioner offering this service')
  }
  if (!offering.locationFound) throw notFound('location')
  const { service } = offering

  const startsAt = Date.parse(choice.startsAt)
  const rules = serviceRules(service)
  const endsAt = startsAt + rules.durationMinutes * 60_000
  const date = localDateOf(clinic.timeZone, startsAt)
  const ids = offering.practitionerIds
  // One practitioner: the exclusion constraint decides whether they are free, so busy time is not read.
  // Several: busy time picks who is worth trying.
  const schedules = await loadSchedules(
    db,
    clinic.id,
    catalogue,
    ids,
    spanForDates(date, date),
    new Date(now),
    {
      ignoreBookingIds,
      busy: ids.length > 1,
    },
  )
  const input: AvailabilityInput = {
    timeZone: clinic.timeZone,
    from: date,
    to: date,
    now,
    service: rules,
    practitioners: schedules,
    ...(choice.locationId ? { locationId: choice.locationId } : {}),
  }
  const offered: ResolvedSlot['candidates'] = []
  const free: ResolvedSlot['candidates'] = []
  for (const schedule of schedules) {
    const idle = { ...input, practitioners: [{ ...schedule, busy: [] }] }
    const check = isSlotAvailable(idle, schedule.practitionerId, startsAt)
    if (!check.available) continue
    offered.push({ practitionerId: schedule.practitionerId, locationId: check.locationId })
    if (
      isSlotAvailable({ ...input, practitioners: [schedule] }, schedule.practitionerId, startsAt).available
    ) {
      free.push({ practitionerId: schedule.practitionerId, locationId: check.locationId })
    }
  }
  if (offered.length === 0) {
    throw new ApiError(
      'SLOT_UNAVAILABLE',
      'This time is not offered for this service; choose a slot from availability',
    )
  }
  if (free.length === 0) throw slotTaken()
  const blocked = blockedInterval(startsAt, endsAt, rules)
  return {
    serviceId: service.id,
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    blocked: `[${new Date(blocked.start).toISOString()},${new Date(blocked.end).toISOString()})`,
    candidates: free,
  }
}

export function slotTaken(): ApiError {
  return new ApiError('SLOT_TAKEN', 'Someone else has just taken this time; please choose another')
}

/**
 * Serialises writers of one practitioner's calendar. Without it, many concurrent inserts into the
 * exclusion constraint can deadlock each other (40P01) instead of failing fast with 23P01.
 */
export async function lockPractitioner(
  trx: Transaction<Database>,
  practitionerId: string,
  now: number,
  blocked: string,
) {
  await sql`SELECT pg_advisory_xact_lock(1, hashtext(${practitionerId}))`.execute(trx)
  // Expired holds still sit under the constraint until released; release the ones in the way.
  await trx
    .updateTable('bookings')
    .set({ status: 'released' })
    .where('practitioner_id', '=', practitionerId)
    .where('status', '=', 'held')
    .where('hold_expires_at', '<=', new Date(now))
    .where(sql<boolean>`blocked && ${blocked}::tstzrange`)
    .execute()
}

export function isExclusionViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23P01'
}

/**
 * Tries the candidates in order, each under its own savepoint, and lets `write` insert or move the
 * row for one of them; the first that the exclusion constraint accepts wins.
 */
export async function claimSlot(
  trx: Transaction<Database>,
  slot: ResolvedSlot,
  now: number,
  write: (candidate: ResolvedSlot['candidates'][number]) => Promise<void>,
  alsoLock: string[] = [],
): Promise<ResolvedSlot['candidates'][number]> {
  const single = slot.candidates.length === 1
  for (const candidate of slot.candidates) {
    if (!single) await sql`SAVEPOINT claim`.execute(trx)
    try {
      // A row moving between practitioners holds both calendars; ids in sorted order avoid lock cycles.
      const locks = [...new Set([candidate.practitionerId, ...alsoLock])].sort()
      for (const practitionerId of locks) await lockPractitioner(trx, practitionerId, now, slot.blocked)
      await write(candidate)
      if (!single) await sql`RELEASE SAVEPOINT claim`.execute(trx)
      return candidate
    } catch (error) {
      if (!isExclusionViolation(error)) throw error
      if (single) throw slotTaken()
      await sql`ROLLBACK TO SAVEPOINT claim`.execute(trx)
    }
  }
  throw slotTaken()
}
