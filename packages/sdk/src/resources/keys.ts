// API keys of the clinic: list them, create one (its token is shown once), revoke one at once.
import { ApiKey, ApiKeyCreated } from '@frontdesk/contracts'
import * as z from 'zod'
import { segment, type Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type { CreateApiKeyParams, List } from '../types/params.js'

const ApiKeys = z.object({ data: z.array(ApiKey) })

export interface KeysResource {
  /** Every key of the clinic; a secret key shows only a hint of itself. */
  list(options?: RequestOptions): Promise<List<ApiKey>>
  /** The new key and its `token`: store the token now, the API keeps only a hash. */
  create(params: CreateApiKeyParams, options?: RequestOptions): Promise<ApiKeyCreated>
  /** Revokes at once; a key cannot revoke itself. */
  revoke(keyId: string, options?: RequestOptions): Promise<ApiKey>
}

export function keysResource(transport: Transport): KeysResource {
  return {
    list: (options) => transport.send(ApiKeys, { method: 'get', path: 'keys', options }),
    create: (params, options) =>
      transport.send(ApiKeyCreated, { method: 'post', path: 'keys', body: params, options }),
    revoke: (keyId, options) =>
      transport.send(ApiKey, { method: 'post', path: `keys/${segment(keyId)}/revoke`, options }),
  }
}
