// Idempotency-Key for creating POSTs: a replay answers the first response; the same key with another body is refused.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { hashRequest } from '../tokens.js'

export interface Outcome<T> {
  status: 201 | 200
  body: T
}

type Replayed<T> = Outcome<T> & { replayed: boolean }

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/

/** What a write needs to record its answer under the request's Idempotency-Key. */
export interface IdempotencyRecord {
  clinicId: string
  /** Hash of the key: the row's id, so the key itself is never stored. */
  lookup: string
  requestHash: Uint8Array
  /** The answer, sealed with a key derived from the Idempotency-Key, ready for `response_body`. */
  seal(body: unknown): string
}

interface IdempotencyScope extends IdempotencyRecord {
  replay<T>(source: Kysely<Database>): Promise<Replayed<T> | null>
}

/**
 * A replay must come from the same principal with the same request. The stored answer (which holds
 * tokens) is sealed with AES-256-GCM under a key derived from the Idempotency-Key itself, and the row
 * is found by a hash of it: a database dump alone reveals neither.
 */
function scope(c: Context<AppEnv>, body: unknown): IdempotencyScope | null {
  const key = c.req.header('Idempotency-Key')
  if (key === undefined) return null
  if (!KEY_SHAPE.test(key)) {
    throw new ApiError('BAD_REQUEST', 'Idempotency-Key must be 1 to 255 visible ASCII characters')
  }
  const clinicId = c.get('clinic').id
  const { kind, id } = c.get('principal')
  const requestHash = hashRequest({
    method: c.req.method,
    path: c.req.routePath,
    principal: [kind, id],
    body,
  })
  const lookup = createHash('sha256').update(`${clinicId}\0${key}`).digest('base64url')
  const sealing = Buffer.from(hkdfSync('sha256', key, clinicId, 'frontdesk idempotent response', 32))
  return {
    clinicId,
    lookup,
    requestHash,
    seal: (value) => JSON.stringify(seal(sealing, value)),
    async replay<T>(source: Kysely<Database>) {
      const previous = await source
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'response_body'])
        .where('clinic_id', '=', clinicId)
        .where('key', '=', lookup)
        .executeTakeFirst()
      if (!previous) return null
      if (Buffer.compare(Buffer.from(previous.request_hash), Buffer.from(requestHash)) !== 0) {
        throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request')
      }
      c.header('Idempotent-Replayed', 'true')
      const stored = open(sealing, previous.response_body as Sealed) as T
      return { status: previous.status_code as 200 | 201, body: stored, replayed: true }
    },
  }
}

/**
 * Runs `prepare` (reads, outside any transaction) and then `work` in one transaction. With a key, a
 * transaction-level advisory lock on (clinic, key) is taken first, so concurrent replays wait for the
 * first to commit and then answer its response. On PGlite, which has one connection, nothing inside
 * `work` may use the pool: only `trx`.
 */
export async function idempotent<P, T>(
  c: Context<AppEnv>,
  body: unknown,
  prepare: () => Promise<P>,
  work: (trx: Transaction<Database>, prepared: P) => Promise<Outcome<T>>,
): Promise<Replayed<T>> {
  const db: Kysely<Database> = c.get('deps').db
  const idempotency = scope(c, body)
  if (!idempotency) {
    const prepared = await prepare()
    return { ...(await db.transaction().execute((trx) => work(trx, prepared))), replayed: false }
  }
  const earlier = await idempotency.replay<T>(db)
  if (earlier) return earlier
  let prepared: P
  try {
    prepared = await prepare()
  } catch (error) {
    // The first request may have committed since we looked: then its answer is the answer.
    const committed = await idempotency.replay<T>(db)
    if (committed) return committed
    throw error
  }
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(2, hashtext(${idempotency.lookup}))`.execute(trx)
    const concurrent = await idempotency.replay<T>(trx)
    if (concurrent) return concurrent
    const outcome = await work(trx, prepared)
    await recordAnswer(trx, idempotency, outcome)
    return { ...outcome, replayed: false }
  })
}

/**
 * For the hot paths (holds, bookings): `write` records its answer itself, in the same single
 * statement that makes the change, so no transaction is opened. A concurrent replay fails on the
 * slot or the key in the database, waits for the first to commit, and then answers its response.
 */
export async function idempotentStatement<P, T>(
  c: Context<AppEnv>,
  body: unknown,
  prepare: () => Promise<P>,
  write: (prepared: P, record: IdempotencyRecord | null) => Promise<Outcome<T>>,
): Promise<Replayed<T>> {
  const db: Kysely<Database> = c.get('deps').db
  const idempotency = scope(c, body)
  if (idempotency) {
    const earlier = await idempotency.replay<T>(db)
    if (earlier) return earlier
  }
  try {
    const prepared = await prepare()
    return { ...(await write(prepared, idempotency)), replayed: false }
  } catch (error) {
    const committed = idempotency ? await idempotency.replay<T>(db) : null
    if (committed) return committed
    throw error
  }
}

/** Stores an answer inside the caller's transaction (for `idempotentStatement` writes that need one). */
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

interface Sealed {
  iv: string
  tag: string
  data: string
}

function seal(key: Buffer, value: unknown): Sealed {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  }
}

function open(key: Buffer, sealed: Sealed): unknown {
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
