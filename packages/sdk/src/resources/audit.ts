// The clinic's audit trail (admin client only): who read or changed what, when and from where, sealed
// into a hash chain; and the chain's check.
import {
  type AuditChainCheck,
  type AuditEvent,
  type AuditEventListQuery,
  type AuditEventPage,
  endpoints,
} from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import { everyItem } from '../utils/pages.js'

export type AuditEventListParams = Partial<AuditEventListQuery>

export interface AuditResource {
  /**
   * A page of the trail, oldest first; `patientId` gathers everything about one patient. `head` is the
   * chain's signed head as it stood when the page was read.
   */
  list(query?: AuditEventListParams, options?: RequestOptions): Promise<AuditEventPage>
  listAll(query?: AuditEventListParams, options?: RequestOptions): AsyncGenerator<AuditEvent>
  /** Seals what is unsealed and checks the chain; `firstBroken` names the first event that does not hold. */
  verify(options?: RequestOptions): Promise<AuditChainCheck>
}

export function auditResource(transport: Transport): AuditResource {
  const list = (query: AuditEventListParams = {}, options?: RequestOptions) =>
    transport.call(endpoints.listAuditEvents, { query, options })
  return {
    list,
    listAll: (query = {}, options) => everyItem(list, query, options),
    verify: (options) => transport.call(endpoints.verifyAuditChain, { options }),
  }
}
