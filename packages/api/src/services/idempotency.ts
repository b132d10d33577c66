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

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/

/**
 * Runs `prepare` (reads, outside any transaction) and then `work` in one transaction. With a key, a
 * transaction-level advisory lock on (clinic, key) is taken first, so concurrent replays wait for the
 * first to commit and then answer its response. On PGlite, which has one connection, nothing inside
 * `work` may use the pool: only `trx`.
 *
 * A replay must come from the same principal with the same request. The stored answer (which holds
 * tokens) is sealed with a key derived from the Idempotency-Key itself, and the row is found by a hash
 * of it: a database dump alone reveals neither.
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
  const { kind, id } = c.var.principal
  const requestHash = hashRequest({
    method: c.req.method,
    path: c.req.routePath,
    principal: [kind, id],
    body,
  })
  const lookup = createHash('sha256').update(`${clinicId}\0${key}`).digest('base64url')
  const sealing = Buffer.from(hkdfSync('sha256', key, clinicId, 'frontdesk idempotent response', 32))

  const replay = async (source: Kysely<Database>) => {
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
    const stored = open(sealing, previous.response_body as Sealed) as T
    c.header('Idempotent-Replayed', 'true')
    return { status: previous.status_code as 200 | 201, body: stored, replayed: true }
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
    await sql`SELECT pg_advisory_xact_lock(2, hashtext(${lookup}))`.execute(trx)
    const concurrent = await replay(trx)
    if (concurrent) return concurrent
    const outcome = await work(trx, prepared)
    await trx
      .insertInto('idempotency_keys')
      .values({
        clinic_id: clinicId,
        key: lookup,
        request_hash: requestHash,
        status_code: outcome.status,
        response_body: JSON.stringify(seal(sealing, outcome.body)),
      })
      .execute()
    return { ...outcome, replayed: false }
  })
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
