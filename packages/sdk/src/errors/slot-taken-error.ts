// SLOT_TAKEN (409): someone else holds or booked this time meanwhile; offer the patient another slot.
import { FrontdeskError } from './frontdesk-error.js'

export class SlotTakenError extends FrontdeskError {
  override name = 'SlotTakenError' as const
  declare readonly code: 'SLOT_TAKEN'
}
