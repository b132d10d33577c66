// Turns a patient's slot choice into the practitioners free for it, in the order a claim tries them.
import type { SlotChoice } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import { catalogueFor } from '../availability/catalogue-cache.js'
import { type AvailabilityInput, blockedInterval, isSlotAvailable } from '../availability/engine.js'
import { localDateOf, requireOffering, serviceRules } from '../availability/offering.js'
import { loadSchedules, spanForDates } from '../availability/schedule-store.js'
import type { Database } from '../db/schema.js'
import type { ClinicContext } from '../env.js'
import { ApiError } from '../errors.js'
import { type ClaimSpan, takenAhead } from './claims-ahead.js'

export interface ResolvedSlot {
  serviceId: string
  startsAt: Date
  endsAt: Date
  /** The appointment with the service's buffers: what the exclusion constraint compares. */
  blocked: string
  /** The same span in ms since the epoch. */
  span: ClaimSpan
  /** Free practitioners for this instant, in the order they are tried (by id, so locks are always taken in one order). */
  candidates: { practitionerId: string; locationId: string | null }[]
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
  const offering = requireOffering(catalogue, choice)
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
    span: { start: blocked.start, end: blocked.end },
    candidates: free,
  }
}

/**
 * The slot with the candidates a claim in flight in this process has just taken left out (./claims-ahead.ts);
 * SLOT_TAKEN when none is left. For new rows only: a move locks the calendars itself.
 */
export async function withoutClaimsAhead(clinicId: string, slot: ResolvedSlot): Promise<ResolvedSlot> {
  const taken = await Promise.all(
    slot.candidates.map((candidate) => takenAhead(clinicId, candidate.practitionerId, slot.span)),
  )
  if (!taken.includes(true)) return slot
  const candidates = slot.candidates.filter((_, index) => !taken[index])
  if (candidates.length === 0) throw slotTaken()
  return { ...slot, candidates }
}

export function slotTaken(): ApiError {
  return new ApiError('SLOT_TAKEN', 'Someone else has just taken this time; please choose another')
}

export function isExclusionViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23P01'
}
