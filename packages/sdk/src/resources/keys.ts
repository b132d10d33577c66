// API keys of the clinic: list them, create one (its token is shown once), roll one with an overlap, revoke one at once.
import { ApiKey, ApiKeyCreated, ApiKeyRolled } from '@frontdesk/contracts'
import * as z from 'zod'
import { segment, type Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type { CreateApiKeyParams, List, RollApiKeyParams } from '../types/params.js'

const ApiKeys = z.object({ data: z.array(ApiKey) })

export interface KeysResource {
  /** Every key of the clinic; a secret key shows only a hint of itself. */
  list(options?: RequestOptions): Promise<List<ApiKey>>
  /** The new key and its `token`: store the token now, the API keeps only a hash. */
  create(params: CreateApiKeyParams, options?: RequestOptions): Promise<ApiKeyCreated>
  /**
   * A new key like this one (its `token` shown once) and the old key with its `expiresAt`: the old key
   * keeps working for `overlapHours` (default 24, at most 168), so servers and pages can switch without
   * a gap. A key may roll itself. A revoked, expired or already rolled key fails with `KEY_NOT_ROLLABLE`.
   */
  roll(keyId: string, params?: RollApiKeyParams, options?: RequestOptions): Promise<ApiKeyRolled>
  /** Revokes at once; a key cannot revoke itself. */
  revoke(keyId: string, options?: RequestOptions): Promise<ApiKey>
}

export function keysResource(transport: Transport): KeysResource {
  return {
    list: (options) => transport.send(ApiKeys, { method: 'get', path: 'keys', options }),
    create: (params, options) =>
      transport.send(ApiKeyCreated, { method: 'post', path: 'keys', body: params, options }),
    roll: (keyId, params, options) =>
      transport.send(ApiKeyRolled, {
        method: 'post',
        path: `keys/${segment(keyId)}/roll`,
        body: params ?? {},
        options,
      }),
    revoke: (keyId, options) =>
      transport.send(ApiKey, { method: 'post', path: `keys/${segment(keyId)}/revoke`, options }),
  }
}
