// The clinic's keys, for its secret key: listed, created, rolled with an overlap and revoked, each change
// audited. A test key makes and rolls test keys only, and no key revokes itself.
import { type ApiKey, type ApiKeyRolled, type CreateApiKey, endpoints } from '@frontdesk/contracts'
import { audit } from '../audit/trail.js'
import type { RequestScope } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { idempotent } from '../idempotency/idempotent.js'
import { createApiKey, type KeyRollRefusal, listApiKeys, revokeApiKey, rollApiKey } from './store.js'

const HOUR_MS = 60 * 60 * 1000

const NOT_ROLLABLE: Record<KeyRollRefusal, string> = {
  revoked: 'This key is revoked; create a new key instead',
  expired: 'This key has expired; create a new key instead',
  rolled: 'This key was rolled already; roll the key that replaced it (replacedBy)',
}

export function listKeys(scope: RequestScope): Promise<ApiKey[]> {
  return listApiKeys(scope.db, scope.clinic.id)
}

export async function createKey(scope: RequestScope, input: CreateApiKey) {
  const { principal } = scope
  // A test key makes test keys only: a leaked test key must not mint live ones.
  if (principal.kind === 'secret' && principal.mode === 'test' && input.mode === 'live') {
    throw new ApiError('FORBIDDEN', 'A test key cannot create live keys; use a live secret key')
  }
  return idempotent(
    scope,
    { operation: endpoints.createKey, body: input },
    async () => null,
    async (trx) => {
      const created = await createApiKey(trx, scope.clinic.id, input)
      await audit(trx, scope, [{ action: 'key.create', objectType: 'api_key', objectId: created.key.id }])
      return { status: 201 as const, body: created }
    },
  )
}

export async function revokeKey(scope: RequestScope, id: string): Promise<ApiKey> {
  if (scope.principal.id === id) {
    throw new ApiError('VALIDATION_FAILED', 'A key cannot revoke itself; use another secret key', {
      issues: [{ path: 'id', message: 'This is the key making the request' }],
    })
  }
  const key = await revokeApiKey(scope.db, scope.clinic.id, id)
  if (!key) throw notFound('key')
  await audit(scope.db, scope, [{ action: 'key.revoke', objectType: 'api_key', objectId: key.id }])
  return key
}

/** A new key like the old one; the old one keeps working for `overlapHours`. */
export async function rollKey(scope: RequestScope, id: string, overlapHours: number) {
  const { db, now, clinic, principal } = scope
  return idempotent<void, ApiKeyRolled>(
    scope,
    { operation: endpoints.rollKey, body: { id, overlapHours } },
    async () => {
      // A key's mode never changes, so it can be checked before the transaction.
      const key = await db
        .selectFrom('api_keys')
        .select('mode')
        .where('clinic_id', '=', clinic.id)
        .where('id', '=', id)
        .executeTakeFirst()
      if (!key) throw notFound('key')
      if (principal.kind === 'secret' && principal.mode === 'test' && key.mode === 'live') {
        throw new ApiError('FORBIDDEN', 'A test key cannot roll live keys; use a live secret key')
      }
    },
    async (trx) => {
      const at = now()
      const rolled = await rollApiKey(trx, clinic.id, id, {
        now: new Date(at),
        expiresAt: new Date(at + overlapHours * HOUR_MS),
      })
      if (!rolled) throw notFound('key')
      if ('refused' in rolled) throw new ApiError('KEY_NOT_ROLLABLE', NOT_ROLLABLE[rolled.refused])
      await audit(trx, scope, [
        { action: 'key.roll', objectType: 'api_key', objectId: rolled.previous.id },
        { action: 'key.create', objectType: 'api_key', objectId: rolled.key.id },
      ])
      return { status: 201 as const, body: rolled }
    },
  )
}
