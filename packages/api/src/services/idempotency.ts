// Idempotency-Key for creating POSTs: a replay answers the first response; the same key with another body is refused.
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

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/

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
): Promise<Outcome<T> & { replayed: boolean }> {
  const db: Kysely<Database> = c.var.deps.db
  const key = c.req.header('Idempotency-Key')
  if (key === undefined) {
    const prepared = await prepare()
    return { ...(await db.transaction().execute((trx) => work(trx, prepared))), replayed: false }
  }
  if (!KEY_SHAPE.test(key)) {
    throw new ApiError('BAD_REQUEST', 'Idempotency-Key must be 1 to 255 visible ASCII characters')
  }
  const clinicId = c.var.clinic.id
  const requestHash = hashRequest({ method: c.req.method, path: c.req.routePath, body })
  const replay = async (source: Kysely<Database>) => {
    const previous = await source
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status_code', 'response_body'])
      .where('clinic_id', '=', clinicId)
      .where('key', '=', key)
      .executeTakeFirst()
    if (!previous) return null
    if (Buffer.compare(Buffer.from(previous.request_hash), Buffer.from(requestHash)) !== 0) {
      throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request')
    }
    return { status: previous.status_code as 200 | 201, body: previous.response_body as T, replayed: true }
  }

  const earlier = await replay(db)
  if (earlier) return earlier
  let prepared: P
  try {
    prepared = await prepare()
  } catch (error) {
    // The first request may have committed since we looked: then its answer is the answer.
    const committed = await replay(db)
    if (committed) return committed
    throw error
  }
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(2, hashtext(${`${clinicId}:${key}`}))`.execute(trx)
    const concurrent = await replay(trx)
    if (concurrent) return concurrent
    const outcome = await work(trx, prepared)
    await trx
      .insertInto('idempotency_keys')
      .values({
        clinic_id: clinicId,
        key,
        request_hash: requestHash,
        status_code: outcome.status,
        response_body: JSON.stringify(outcome.body),
      })
      .execute()
    return { ...outcome, replayed: false }
  })
}
