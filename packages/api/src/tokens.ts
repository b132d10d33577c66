// Ids, bearer tokens and their hashes: tokens are 32 random bytes, so a plain SHA-256 is a safe lookup key.
import { hash } from 'node:crypto'
import { randomPoolBase64url } from './crypto/random-pool.js'

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

const randomBase64url = randomPoolBase64url

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
