// The one claim path: every write that takes a time in a practitioner's calendar comes through `claim`:
// a new hold, a booking straight from a slot, a hold confirmed as a booking, a hold picked again and a
// booking rescheduled. Each is planned from reads first (the slot resolved, the row found and checked),
// then written for the free practitioners in turn until one holds. Every try is one atomic write of the
// row, its audit events and the idempotent answer, so a replay answers exactly what the first request got.
import { endpoints } from '@frontdesk/contracts'
import { audit } from '../audit/trail.js'
import type { RequestScope } from '../env.js'
import { ApiError } from '../errors.js'
import {
  type IdempotencyRecord,
  type IdempotentRequest,
  idempotentStatement,
  type Outcome,
  type Replayed,
} from '../idempotency/idempotent.js'
import { recordAnswer } from '../idempotency/stored-answers.js'
import { type ClaimAnswers, type ClaimRequest, HOLD_GONE, type Plan, plan } from './claim-plans.js'
import {
  type Candidate,
  confirmHeldRow,
  insertClaimed,
  lockCalendars,
  moveRow,
  releaseExpiredHolds,
} from './claim-writes.js'
import { claimInTurn } from './claims-ahead.js'
import { matchOrCreatePatient, normalisePatient } from './patient-identity.js'
import { isExclusionViolation, slotTaken } from './slots.js'

export type { ClaimRequest } from './claim-plans.js'

export async function claim<R extends ClaimRequest>(
  scope: RequestScope,
  request: R,
): Promise<Replayed<ClaimAnswers[R['kind']]>> {
  const at = scope.now()
  // A malformed phone is refused before anything else, whatever the Idempotency-Key.
  const patient =
    request.kind === 'book' ? normalisePatient(request.input.patient, request.input.phoneRegion) : null
  const outcome = await idempotentStatement(
    scope,
    keyedAs(request),
    () => plan(scope, request, patient, at),
    (planned, record) => write(scope, planned, record, at),
  )
  return outcome as Replayed<ClaimAnswers[R['kind']]>
}

/** The operation and body an Idempotency-Key stands for; a re-pick takes no key (picking again is its retry). */
function keyedAs(request: ClaimRequest): IdempotentRequest | null {
  switch (request.kind) {
    case 'hold':
      return { operation: endpoints.createHold, body: request.choice }
    case 'book':
      return { operation: endpoints.createBooking, body: request.input }
    case 'reschedule':
      return { operation: endpoints.rescheduleBooking, body: { id: request.bookingId, ...request.change } }
    case 'repick':
      return null
  }
}

/** Tries the free practitioners in order (by id, so locks are always taken in one order). */
async function write(
  scope: RequestScope,
  plan: Plan,
  record: IdempotencyRecord | null,
  at: number,
): Promise<Outcome<unknown>> {
  if (plan.write === 'confirm') return confirmHold(scope, plan, record, at)
  for (const candidate of plan.slot.candidates) {
    const outcome =
      plan.write === 'insert'
        ? await insertOn(scope, plan, candidate, record)
        : await moveOnto(scope, plan, candidate, record, at)
    if (outcome) return outcome
  }
  throw slotTaken()
}

/**
 * One practitioner through frontdesk_claim: null when someone holds the time. An expired hold in the
 * way makes the exclusion constraint object; it is released once and the claim tried again.
 */
async function insertOn(
  scope: RequestScope,
  plan: Extract<Plan, { write: 'insert' }>,
  candidate: Candidate,
  record: IdempotencyRecord | null,
): Promise<Outcome<unknown> | null> {
  const { slot, row } = plan
  const outcome = plan.answer({
    id: row.id,
    hold_id: row.holdId,
    status: row.status,
    service_id: slot.serviceId,
    practitioner_id: candidate.practitionerId,
    location_id: candidate.locationId,
    starts_at: slot.startsAt,
    ends_at: slot.endsAt,
    hold_expires_at: row.holdExpiresAt,
    created_at: row.at,
    confirmed_at: row.status === 'confirmed' ? row.at : null,
    cancelled_at: null,
  })
  const answer = record ? { record, outcome } : null
  const attempt = async () => {
    for (let retry = 0; retry < 2; retry++) {
      try {
        return await insertClaimed(scope, slot, row, candidate, plan.patient, answer)
      } catch (error) {
        if (!isExclusionViolation(error)) throw error
        if (
          retry > 0 ||
          !(await releaseExpiredHolds(scope.db, candidate.practitionerId, slot.blocked, row.at))
        )
          return false
      }
    }
    return false
  }
  // After a claim of this time in flight here, if there is one: when it won, this one writes nothing.
  const claimed = await claimInTurn(scope.clinic.id, candidate.practitionerId, slot.span, attempt)
  return claimed ? outcome : null
}

/** One practitioner in its own transaction: a row moving between practitioners locks both calendars. */
async function moveOnto(
  scope: RequestScope,
  plan: Extract<Plan, { write: 'move' }>,
  candidate: Candidate,
  record: IdempotencyRecord | null,
  at: number,
): Promise<Outcome<unknown> | null> {
  const { slot, row } = plan
  try {
    return await scope.db.transaction().execute(async (trx) => {
      await lockCalendars(trx, [candidate.practitionerId, row.practitioner_id], at, slot.blocked)
      const moved = await moveRow(trx, row.id, plan.from, {
        ...plan.set,
        practitioner_id: candidate.practitionerId,
        location_id: candidate.locationId,
        starts_at: slot.startsAt,
        ends_at: slot.endsAt,
        blocked: slot.blocked,
      })
      if (!moved) throw plan.gone()
      await audit(trx, scope, plan.audit)
      const outcome = plan.answer(moved)
      await recordAnswer(trx, record, outcome)
      return outcome
    })
  } catch (error) {
    if (isExclusionViolation(error)) return null
    throw error
  }
}

/** The hold already owns the slot: confirming it is a small transaction, no practitioner lock. */
async function confirmHold(
  scope: RequestScope,
  plan: Extract<Plan, { write: 'confirm' }>,
  record: IdempotencyRecord | null,
  at: number,
): Promise<Outcome<unknown>> {
  return scope.db.transaction().execute(async (trx) => {
    const patientId = await matchOrCreatePatient(trx, scope.clinic.id, plan.patient)
    const confirmed = await confirmHeldRow(trx, plan.row.id, at, { ...plan.set, patient_id: patientId })
    if (!confirmed) throw new ApiError('HOLD_EXPIRED', HOLD_GONE)
    await audit(trx, scope, [
      { action: 'patient.match_or_create', objectType: 'patient', objectId: patientId },
      { action: 'booking.create', objectType: 'booking', objectId: confirmed.id },
    ])
    const outcome = plan.answer(confirmed)
    await recordAnswer(trx, record, outcome)
    return outcome
  })
}
