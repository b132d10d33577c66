// The request facts better-auth's hooks cannot see on their own, carried to them for the audit trail.
import { AsyncLocalStorage } from 'node:async_hooks'

export interface StaffRequestFacts {
  requestId: string
  clientIp: string | null
  /** The signed-in account making an organization change, when there is one. */
  actorUserId?: string
}

export const staffRequest = new AsyncLocalStorage<StaffRequestFacts>()
