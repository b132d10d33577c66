// API keys of the clinic: list them, create one (its token is shown once), roll one with an overlap, revoke one at once.
import { type ApiKey, type ApiKeyCreated, type ApiKeyRolled, endpoints } from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type { CreateApiKeyParams, List, RollApiKeyParams } from '../types/params.js'

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
    list: (options) => transport.call(endpoints.listKeys, { options }),
    create: (params, options) => transport.call(endpoints.createKey, { body: params, options }),
    roll: (keyId, params, options) =>
      transport.call(endpoints.rollKey, { params: { id: keyId }, body: params ?? {}, options }),
    revoke: (keyId, options) => transport.call(endpoints.revokeKey, { params: { id: keyId }, options }),
  }
}
