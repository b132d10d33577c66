// The rights-request calls of the widgets' client: start a request (a code goes to the patient) and
// confirm it with that code. Both with the publishable key; the API answers alike for patients and others.
import type { CreateRightsRequest } from '@frontdesk/contracts'
import { apiCaller } from '../client.js'

export function createRightsClient(apiBase: string, publishableKey: string) {
  const call = apiCaller(apiBase)
  return {
    start: (request: CreateRightsRequest) =>
      call<'createRightsRequest'>('POST', '/v1/rights-requests', publishableKey, { json: request }),
    verify: (requestId: string, code: string) =>
      call<'verifyRightsRequest'>(
        'POST',
        `/v1/rights-requests/${encodeURIComponent(requestId)}/verify`,
        publishableKey,
        { json: { code } },
      ),
  }
}

export type RightsClient = ReturnType<typeof createRightsClient>
