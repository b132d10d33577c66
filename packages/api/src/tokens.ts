// Ids, bearer tokens and their hashes: tokens are 32 random bytes, so a plain SHA-256 is a safe lookup key.
import { createHash, randomBytes } from 'node:crypto'

export type IdPrefix = 'clinic' | 'loc' | 'prac' | 'svc' | 'hold' | 'bkg' | 'pat' | 'key' | 'ovr' | 'off'

/** 16 random bytes: unguessable, so an id never tells how many others exist. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(16).toString('base64url').replace(/[-_]/g, '').slice(0, 22)}`
}

export type TokenPrefix = 'pk_test' | 'pk_live' | 'sk_test' | 'sk_live' | 'vt' | 'mt'

export function newToken(prefix: TokenPrefix): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`
}

export function hashToken(token: string): Uint8Array {
  return createHash('sha256').update(token).digest()
}

export function hashRequest(parts: unknown): Uint8Array {
  return createHash('sha256').update(JSON.stringify(parts)).digest()
}
