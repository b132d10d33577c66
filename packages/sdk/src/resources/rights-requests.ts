// Patients' own requests about their data. On the clinic's site (publishable key) a patient asks for a
// copy, correction, erasure or restriction and confirms it with the code sent to them; the clinic (admin
// client) sees confirmed requests with their deadline and completes or declines them.
import {
  type EndpointResult,
  type Endpoints,
  endpoints,
  type RightsRequest,
  type RightsRequestStarted,
} from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type { CreateRightsRequestParams, DecideRightsRequestParams, List } from '../types/params.js'

/** A confirmed request: open, and when the clinic must have answered it. */
export type RightsRequestVerified = EndpointResult<Endpoints['verifyRightsRequest']>

export interface RightsRequestsResource {
  /**
   * Sends a six-digit code to the email address or phone number given. The answer is the same whether or
   * not the person is a patient; the request reaches the clinic only once `verify` confirms the code.
   */
  create(params: CreateRightsRequestParams, options?: RequestOptions): Promise<RightsRequestStarted>
  /** Confirms the request with the code; it is then open and due in one month. CODE_INVALID otherwise. */
  verify(
    requestId: string,
    params: { code: string },
    options?: RequestOptions,
  ): Promise<RightsRequestVerified>
}

export interface AdminRightsRequestsResource {
  /** Confirmed requests, the oldest deadline first; `status` narrows them. */
  list(
    filter?: { status?: 'open' | 'completed' | 'rejected' | undefined },
    options?: RequestOptions,
  ): Promise<List<RightsRequest>>
  /**
   * Completes or declines an open request, and tells the patient. Completing acts for the matched patient
   * (or `patientId`): access sends a download link, erasure erases, restriction and objection restrict. A
   * correction is made with `patients.correct` first. REQUEST_NOT_OPEN once decided.
   */
  decide(
    requestId: string,
    params: DecideRightsRequestParams,
    options?: RequestOptions,
  ): Promise<RightsRequest>
}

export function rightsRequestsResource(transport: Transport): RightsRequestsResource {
  return {
    create: (params, options) => transport.call(endpoints.createRightsRequest, { body: params, options }),
    verify: (requestId, params, options) =>
      transport.call(endpoints.verifyRightsRequest, { params: { id: requestId }, body: params, options }),
  }
}

export function adminRightsRequestsResource(transport: Transport): AdminRightsRequestsResource {
  return {
    list: (filter = {}, options) =>
      transport.call(endpoints.listRightsRequests, { query: { status: filter.status }, options }),
    decide: (requestId, params, options) =>
      transport.call(endpoints.decideRightsRequest, { params: { id: requestId }, body: params, options }),
  }
}
