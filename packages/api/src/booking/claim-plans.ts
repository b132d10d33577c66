// What each claim writes and answers, decided by reads before any practitioner is tried: the slot
// resolved, the row found and checked, the ids and tokens made, the answer fixed. ./claim.ts writes it.
import type {
  Booking,
  BookingCreated,
  CreateBooking,
  Hold,
  HoldCreated,
  RescheduleBooking,
  SlotChoice,
} from '@frontdesk/contracts'
import type { AuditEntry } from '../audit/trail.js'
import { sealText, textPurpose } from '../crypto/sealed-text.js'
import type { RequestScope } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import type { Outcome } from '../idempotency/idempotent.js'
import { bookingMessaging, sealedManageToken } from '../messages/manage-link.js'
import { type SealedPatient, sealPatient } from '../patients/sealed-identity.js'
import { cipherOf } from '../request-scope.js'
import { hashToken, newId, newToken } from '../tokens.js'
import type { ConfirmSet, MoveSet, NewRow } from './claim-writes.js'
import type { NormalisedPatient } from './patient-identity.js'
import { assertLiveHold, changeableBooking, reachableRow } from './rules.js'
import { type ResolvedSlot, resolveSlot, withoutClaimsAhead } from './slots.js'
import { type BookingRow, type BookingView, type HoldView, toBooking, toHold } from './store.js'

export type ClaimRequest =
  /** A new hold on a chosen slot, for the clinic's hold time. */
  | { kind: 'hold'; choice: SlotChoice }
  /**
   * A booking, from a hold or straight from a slot. `visitToken` is the caller's own when a visit token
   * books its hold: the booking keeps it, so a retry after a lost answer still works.
   */
  | { kind: 'book'; input: CreateBooking; visitToken?: string | undefined }
  /** A live or expired hold moved to another slot, or renewed on its own. */
  | { kind: 'repick'; holdId: string; choice: SlotChoice }
  /** A confirmed booking moved to another time of its service. */
  | { kind: 'reschedule'; bookingId: string; change: RescheduleBooking }

export interface ClaimAnswers {
  hold: HoldCreated
  book: BookingCreated
  repick: Hold
  reschedule: Booking
}

/** The row as a claim leaves it, enough for either answer: a hold or a booking. */
export type ClaimedRow = HoldView & BookingView

/** The answer for the row as written: pure, so it can be stored with the write before it is made. */
export type Answer = (row: ClaimedRow) => Outcome<unknown>

/** What a claim writes, fixed by the reads before the first practitioner is tried. */
export type Plan =
  /** A new row on the slot, through frontdesk_claim. */
  | { write: 'insert'; slot: ResolvedSlot; row: NewRow; patient: SealedPatient | null; answer: Answer }
  /** An existing row moved onto the slot, if it still has one of the `from` statuses. */
  | {
      write: 'move'
      slot: ResolvedSlot
      row: BookingRow
      from: BookingRow['status'][]
      set: Pick<MoveSet, 'status' | 'service_id' | 'hold_expires_at'>
      /** The refusal when the row changed meanwhile. */
      gone: () => ApiError
      audit: AuditEntry[]
      answer: Answer
    }
  /** A hold made a booking: its slot is its own already, so no practitioner is locked. */
  | {
      write: 'confirm'
      row: BookingRow
      patient: SealedPatient
      set: Omit<ConfirmSet, 'patient_id'>
      answer: Answer
    }

export function plan(
  scope: RequestScope,
  request: ClaimRequest,
  patient: NormalisedPatient | null,
  at: number,
): Promise<Plan> {
  switch (request.kind) {
    case 'hold':
      return planHold(scope, request.choice, at)
    case 'book':
      return planBooking(scope, request, patient!, at)
    case 'repick':
      return planRepick(scope, request.holdId, request.choice, at)
    case 'reschedule':
      return planReschedule(scope, request.bookingId, request.change, at)
  }
}

async function planHold(scope: RequestScope, choice: SlotChoice, at: number): Promise<Plan> {
  const slot = await withoutClaimsAhead(
    scope.clinic.id,
    await resolveSlot(scope.db, scope.clinic, choice, at),
  )
  const visitToken = newToken('vt')
  const row: NewRow = {
    id: newId('bkg'),
    holdId: newId('hold'),
    status: 'held',
    holdExpiresAt: new Date(at + scope.clinic.holdMinutes * 60_000),
    notesSealed: null,
    visitTokenHash: hashToken(visitToken),
    manageTokenHash: null,
    at: new Date(at),
    messaging: null,
    manageSealed: null,
  }
  return {
    write: 'insert',
    slot,
    row,
    patient: null,
    answer: (claimed) => ({ status: 201, body: { hold: toHold(claimed), visitToken } }),
  }
}

async function planBooking(
  scope: RequestScope,
  request: Extract<ClaimRequest, { kind: 'book' }>,
  patient: NormalisedPatient,
  at: number,
): Promise<Plan> {
  const { input } = request
  const { clinic, principal } = scope
  const keepsVisitToken = principal.kind === 'visit'
  const visitToken = (keepsVisitToken && request.visitToken) || newToken('vt')
  const manageToken = newToken('mt')
  const cipher = cipherOf(scope)
  /** The patient and the notes, sealed for the row they go in (before any transaction: see FieldCipher). */
  const sealFor = (rowId: string) =>
    Promise.all([
      sealPatient(cipher, clinic.id, newId('pat'), patient),
      sealText(cipher, clinic.id, textPurpose.bookingNotes(rowId), input.notes),
      sealedManageToken(scope, rowId, manageToken),
    ])
  const messaging = bookingMessaging(input.messages)
  const answer: Answer = (claimed) => ({
    status: 201,
    body: { booking: toBooking(claimed, clinic.timeZone), visitToken, manageToken },
  })

  if (input.holdId !== undefined) {
    if (principal.kind === 'publishable') {
      throw new ApiError('FORBIDDEN', 'Book a held slot with the visit token the hold returned')
    }
    const hold = await reachableRow(scope, { holdId: input.holdId }, 'hold')
    assertLiveHold(hold, at, HOLD_GONE)
    const [sealed, notesSealed, manageSealed] = await sealFor(hold.id)
    return {
      write: 'confirm',
      row: hold,
      patient: sealed,
      set: {
        notes_sealed: notesSealed,
        ...(keepsVisitToken ? {} : { visit_token_hash: hashToken(visitToken) }),
        manage_token_hash: hashToken(manageToken),
        manage_token_sealed: manageSealed,
        messaging,
      },
      answer,
    }
  }
  if (principal.kind === 'visit') throw new ApiError('FORBIDDEN', 'A visit token books its own hold only')
  const choice = {
    serviceId: input.serviceId!,
    startsAt: input.startsAt!,
    ...(input.practitionerId !== undefined && { practitionerId: input.practitionerId }),
    ...(input.locationId !== undefined && { locationId: input.locationId }),
  }
  // Before anything is sealed: a patient beaten to the time by a request in flight here is told at once.
  const slot = await withoutClaimsAhead(clinic.id, await resolveSlot(scope.db, clinic, choice, at))
  const id = newId('bkg')
  const [sealed, notesSealed, manageSealed] = await sealFor(id)
  const row: NewRow = {
    id,
    holdId: null,
    status: 'confirmed',
    holdExpiresAt: null,
    notesSealed,
    visitTokenHash: hashToken(visitToken),
    manageTokenHash: hashToken(manageToken),
    at: new Date(at),
    messaging,
    manageSealed,
  }
  return { write: 'insert', slot, row, patient: sealed, answer }
}

export const HOLD_GONE = 'The hold on this time has expired; choose the time again'

async function planRepick(
  scope: RequestScope,
  holdId: string,
  choice: SlotChoice,
  at: number,
): Promise<Plan> {
  const row = await reachableRow(scope, { holdId }, 'hold')
  if (row.status !== 'held' && row.status !== 'released') throw notFound('hold')
  const slot = await resolveSlot(scope.db, scope.clinic, choice, at, [row.id])
  return {
    write: 'move',
    slot,
    row,
    from: ['held', 'released'],
    set: {
      status: 'held',
      service_id: slot.serviceId,
      hold_expires_at: new Date(at + scope.clinic.holdMinutes * 60_000),
    },
    gone: () => notFound('hold'),
    audit: [],
    answer: (moved) => ({ status: 200, body: toHold(moved) }),
  }
}

async function planReschedule(
  scope: RequestScope,
  bookingId: string,
  change: RescheduleBooking,
  at: number,
): Promise<Plan> {
  const row = await changeableBooking(scope, bookingId)
  const choice = {
    serviceId: row.service_id,
    practitionerId: change.practitionerId ?? row.practitioner_id,
    startsAt: change.startsAt,
  }
  const slot = await resolveSlot(scope.db, scope.clinic, choice, at, [row.id])
  return {
    write: 'move',
    slot,
    row,
    from: ['confirmed'],
    set: {},
    gone: () => new ApiError('BOOKING_NOT_CHANGEABLE', 'This booking is cancelled'),
    audit: [{ action: 'booking.reschedule', objectType: 'booking', objectId: row.id }],
    answer: (moved) => ({ status: 200, body: toBooking(moved, scope.clinic.timeZone) }),
  }
}
