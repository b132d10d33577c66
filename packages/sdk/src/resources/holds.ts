// Holds: keep a slot for the patient while they type their details; the visit token acts on that hold alone.
import { endpoints, type Hold, type HoldCreated } from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions, VisitTokenOptions } from '../types/options.js'
import type { SlotChoiceParams } from '../types/params.js'

export interface HoldsResource {
  /** Holds the slot for the clinic's hold time; keep `visitToken` for the next steps. */
  create(choice: SlotChoiceParams, options?: RequestOptions): Promise<HoldCreated>
  /** The live hold and when it expires; HoldExpiredError once it has. */
  get(holdId: string, options: VisitTokenOptions): Promise<Hold>
  /** Pick again: move the hold to another slot, or renew it on the same one, with a fresh expiry. */
  move(holdId: string, choice: SlotChoiceParams, options: VisitTokenOptions): Promise<Hold>
  /** Lets the slot go at once. */
  release(holdId: string, options: VisitTokenOptions): Promise<void>
}

/** A secret key reads and releases any hold of its clinic; moving one stays with its visit token. */
export interface AdminHoldsResource extends Omit<HoldsResource, 'get' | 'release'> {
  get(holdId: string, options?: RequestOptions): Promise<Hold>
  release(holdId: string, options?: RequestOptions): Promise<void>
}

export function holdsResource(transport: Transport): AdminHoldsResource {
  return {
    create: (choice, options) => transport.call(endpoints.createHold, { body: choice, options }),
    get: (holdId, options) => transport.call(endpoints.getHold, { params: { id: holdId }, options }),
    move: (holdId, choice, options) =>
      transport.call(endpoints.repickHold, { params: { id: holdId }, body: choice, options }),
    release: (holdId, options) => transport.call(endpoints.releaseHold, { params: { id: holdId }, options }),
  }
}
