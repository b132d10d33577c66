// Ids, bearer tokens and their hashes: tokens are 32 random bytes, so a plain SHA-256 is a safe lookup key.
import { hash, randomFillSync } from 'node:crypto'

export type IdPrefix =
  | 'clinic'
  | 'loc'
  | 'prac'
  | 'svc'
  | 'hold'
  | 'msg'
  | 'bkg'
  | 'pat'
  | 'key'
  | 'ovr'
  | 'off'
  | 'form'
  | 'intake'
  | 'file'
  | 'evt'
  | 'cdoc'
  | 'cons'
  | 'whk'
  | 'whd'
  | 'req'
  | 'lh'
  | 'rr'
  | 'ret'
  | 'clo'

// One call into the system's CSPRNG per 4 KiB instead of one per id: a booking makes five of them.
// Each byte is handed out once and the pool is refilled, never reused.
const POOL_BYTES = 4096
const pool = Buffer.allocUnsafe(POOL_BYTES)
let poolOffset = POOL_BYTES

function randomBase64url(bytes: number): string {
  if (poolOffset + bytes > POOL_BYTES) {
    randomFillSync(pool)
    poolOffset = 0
  }
  const text = pool.toString('base64url', poolOffset, poolOffset + bytes)
  poolOffset += bytes
  return text
}

/** 16 random bytes: unguessable, so an id never tells how many others exist. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase64url(16).replace(/[-_]/g, '').slice(0, 22)}`
}

export type TokenPrefix =
  | 'pk_test'
  | 'pk_live'
  | 'sk_test'
  | 'sk_live'
  | 'vt'
  | 'mt'
  | 'rt'
  | 'ct'
  | 'whsec'
  | 'xt'

export function newToken(prefix: TokenPrefix): string {
  return `${prefix}_${randomBase64url(32)}`
}

export function hashToken(token: string): Uint8Array {
  // One-shot hash (Node 20.12+): no Hash object per call, on every request's key or token.
  return hash('sha256', token, 'buffer')
}

export function hashRequest(parts: unknown): Uint8Array {
  return hash('sha256', JSON.stringify(parts), 'buffer')
}
