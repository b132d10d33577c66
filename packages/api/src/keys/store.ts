// The clinic's API keys in storage: issued with only a hash of the token kept, listed, revoked and rolled.
import type { ApiKey, ApiKeyRolled, KeyKind, KeyMode } from '@frontdesk/contracts'
import type { Kysely, Selectable } from 'kysely'
import type { ApiKeysTable, Database } from '../db/schema.js'
import { hashToken, newId, newToken } from '../tokens.js'

/** Publishable keys are public by design, so their hint is the whole key; a secret key shows 4 + 4 characters. */
export async function createApiKey(
  db: Kysely<Database>,
  clinicId: string,
  options: { kind: KeyKind; mode?: KeyMode; label?: string | null },
): Promise<{ key: ApiKey; token: string }> {
  const mode = options.mode ?? 'test'
  const token = newToken(`${options.kind === 'secret' ? 'sk' : 'pk'}_${mode}`)
  const hint = options.kind === 'publishable' ? token : `${token.slice(0, 12)}…${token.slice(-4)}`
  const row = await db
    .insertInto('api_keys')
    .values({
      id: newId('key'),
      clinic_id: clinicId,
      kind: options.kind,
      mode,
      label: options.label ?? null,
      token_hash: hashToken(token),
      hint,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { key: toApiKey(row), token }
}

export function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode,
    label: row.label,
    hint: row.hint,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
    expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
    replacedBy: row.replaced_by,
  }
}

export async function listApiKeys(db: Kysely<Database>, clinicId: string): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at')
    .execute()
  return rows.map(toApiKey)
}

export async function revokeApiKey(
  db: Kysely<Database>,
  clinicId: string,
  keyId: string,
): Promise<ApiKey | null> {
  const row = await db
    .updateTable('api_keys')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.fn<Date>('now', [])) }))
    .where('clinic_id', '=', clinicId)
    .where('id', '=', keyId)
    .returningAll()
    .executeTakeFirst()
  return row ? toApiKey(row) : null
}

/** Why a key cannot be rolled: only a key in use, not rolled before, has a future to hand over. */
export type KeyRollRefusal = 'revoked' | 'expired' | 'rolled'

/**
 * Issues a new key like `keyId` (kind, mode, label) and lets the old one work until `expiresAt`; call
 * inside a transaction. Null when the clinic has no such key.
 */
export async function rollApiKey(
  trx: Kysely<Database>,
  clinicId: string,
  keyId: string,
  times: { now: Date; expiresAt: Date },
): Promise<ApiKeyRolled | { refused: KeyRollRefusal } | null> {
  const old = await trx
    .selectFrom('api_keys')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '=', keyId)
    // Two rolls of one key at once: the second waits, then finds it rolled.
    .forUpdate()
    .executeTakeFirst()
  if (!old) return null
  if (old.revoked_at) return { refused: 'revoked' }
  if (old.expires_at && new Date(old.expires_at) <= times.now) return { refused: 'expired' }
  if (old.replaced_by) return { refused: 'rolled' }
  const created = await createApiKey(trx, clinicId, { kind: old.kind, mode: old.mode, label: old.label })
  const previous = await trx
    .updateTable('api_keys')
    .set({ expires_at: times.expiresAt, replaced_by: created.key.id })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', old.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  return { key: created.key, token: created.token, previous: toApiKey(previous) }
}
