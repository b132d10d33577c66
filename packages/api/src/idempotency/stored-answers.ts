// The answers idempotent writes keep for a day: stored under a hash of the Idempotency-Key and sealed with
// a key derived from it, so a database dump alone reveals neither the key nor the tokens in the answer.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

export interface Outcome<T> {
  status: 201 | 200
  body: T
}

/** What a write needs to record its answer under the request's Idempotency-Key. */
export interface IdempotencyRecord {
  clinicId: string
  /** Hash of the key: the row's id, so the key itself is never stored. */
  lookup: string
  requestHash: Uint8Array
  /** The answer, sealed with a key derived from the Idempotency-Key, ready for `response_body`. */
  seal(body: unknown): string
}

/** The stored answer's row id and its sealing key, both derived from the clinic and the Idempotency-Key. */
export function answerKeys(clinicId: string, key: string) {
  return {
    lookup: createHash('sha256').update(`${clinicId}\0${key}`).digest('base64url'),
    sealing: Buffer.from(hkdfSync('sha256', key, clinicId, 'frontdesk idempotent response', 32)),
  }
}

/** The answer stored under `lookup`, still sealed, if a first request recorded one. */
export function findAnswer(db: Kysely<Database>, clinicId: string, lookup: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response_body'])
    .where('clinic_id', '=', clinicId)
    .where('key', '=', lookup)
    .executeTakeFirst()
}

/** Stores an answer inside the caller's transaction (for writes that record their own answer). */
export async function recordAnswer(
  trx: Kysely<Database>,
  record: IdempotencyRecord | null,
  outcome: Outcome<unknown>,
): Promise<void> {
  if (!record) return
  await trx
    .insertInto('idempotency_keys')
    .values({
      clinic_id: record.clinicId,
      key: record.lookup,
      request_hash: record.requestHash,
      status_code: outcome.status,
      response_body: record.seal(outcome.body),
    })
    .execute()
}

export interface Sealed {
  iv: string
  tag: string
  data: string
}

export function sealAnswer(key: Buffer, value: unknown): Sealed {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  }
}

export function openAnswer(key: Buffer, sealed: Sealed): unknown {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
  const text = Buffer.concat([
    decipher.update(Buffer.from(sealed.data, 'base64')),
    decipher.final(),
  ]).toString('utf8')
  return JSON.parse(text)
}

/** How long an idempotent answer is kept for replays, like the payment APIs that made the pattern. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000

/** Deletes stored answers older than the retention, of one clinic or all; answers how many went. */
export async function purgeIdempotencyKeys(
  db: Kysely<Database>,
  now: number,
  clinicId?: string,
): Promise<number> {
  const gone = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(now - IDEMPOTENCY_RETENTION_MS))
    .$if(clinicId !== undefined, (query) => query.where('clinic_id', '=', clinicId!))
    .executeTakeFirst()
  return Number(gone.numDeletedRows)
}
