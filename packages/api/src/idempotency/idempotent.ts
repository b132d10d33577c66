// Idempotency-Key for creating POSTs: a replay answers the first response (marked `replayed`, which the
// route says in Idempotent-Replayed); the same key with another request is refused.
import { colonPath, type Endpoint } from '@frontdesk/contracts'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import type { RequestScope } from '../env.js'
import { ApiError } from '../errors.js'
import { hashRequest } from '../tokens.js'
import {
  answerKeys,
  findAnswer,
  type IdempotencyRecord,
  type Outcome,
  openAnswer,
  recordAnswer,
  type Sealed,
  sealAnswer,
} from './stored-answers.js'

export type { IdempotencyRecord, Outcome } from './stored-answers.js'

export type Replayed<T> = Outcome<T> & { replayed: boolean }

/** The write an Idempotency-Key stands for: which operation, with what body. A replay must repeat both. */
export interface IdempotentRequest {
  operation: Pick<Endpoint, 'method' | 'path'>
  body: unknown
}

type KeyScope = Pick<RequestScope, 'clinic' | 'principal' | 'idempotencyKey'>

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/

interface KeyedWrite extends IdempotencyRecord {
  replay<T>(source: Kysely<Database>): Promise<Replayed<T> | null>
}

/**
 * A replay must come from the same principal with the same request. The stored answer (which holds
 * tokens) is sealed with AES-256-GCM under a key derived from the Idempotency-Key itself, and the row
 * is found by a hash of it: a database dump alone reveals neither.
 */
function keyedWrite(scope: KeyScope, request: IdempotentRequest | null): KeyedWrite | null {
  const key = scope.idempotencyKey
  if (key === undefined || request === null) return null
  if (!KEY_SHAPE.test(key)) {
    throw new ApiError('BAD_REQUEST', 'Idempotency-Key must be 1 to 255 visible ASCII characters')
  }
  const clinicId = scope.clinic.id
  const { kind, id } = scope.principal
  const requestHash = hashRequest({
    method: request.operation.method.toUpperCase(),
    path: colonPath(request.operation.path),
    principal: [kind, id],
    body: request.body,
  })
  const { lookup, sealing } = answerKeys(clinicId, key)
  return {
    clinicId,
    lookup,
    requestHash,
    seal: (value) => JSON.stringify(sealAnswer(sealing, value)),
    async replay<T>(source: Kysely<Database>) {
      const previous = await findAnswer(source, clinicId, lookup)
      if (!previous) return null
      if (Buffer.compare(Buffer.from(previous.request_hash), Buffer.from(requestHash)) !== 0) {
        throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request')
      }
      const stored = openAnswer(sealing, previous.response_body as Sealed) as T
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
  scope: KeyScope & Pick<RequestScope, 'db'>,
  request: IdempotentRequest,
  prepare: () => Promise<P>,
  work: (trx: Transaction<Database>, prepared: P) => Promise<Outcome<T>>,
): Promise<Replayed<T>> {
  const { db } = scope
  const keyed = keyedWrite(scope, request)
  if (!keyed) {
    const prepared = await prepare()
    return { ...(await db.transaction().execute((trx) => work(trx, prepared))), replayed: false }
  }
  const earlier = await keyed.replay<T>(db)
  if (earlier) return earlier
  let prepared: P
  try {
    prepared = await prepare()
  } catch (error) {
    // The first request may have committed since we looked: then its answer is the answer.
    const committed = await keyed.replay<T>(db)
    if (committed) return committed
    throw error
  }
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(2, hashtext(${keyed.lookup}))`.execute(trx)
    const concurrent = await keyed.replay<T>(trx)
    if (concurrent) return concurrent
    const outcome = await work(trx, prepared)
    await recordAnswer(trx, keyed, outcome)
    return { ...outcome, replayed: false }
  })
}

/**
 * For the hot paths (the booking claims): `write` records its answer itself, in the same statement or
 * transaction that makes the change. A concurrent replay fails on the slot or the key in the database,
 * waits for the first to commit, and then answers its response. A null request honours no key.
 */
export async function idempotentStatement<P, T>(
  scope: KeyScope & Pick<RequestScope, 'db'>,
  request: IdempotentRequest | null,
  prepare: () => Promise<P>,
  write: (prepared: P, record: IdempotencyRecord | null) => Promise<Outcome<T>>,
): Promise<Replayed<T>> {
  const keyed = keyedWrite(scope, request)
  if (keyed) {
    const earlier = await keyed.replay<T>(scope.db)
    if (earlier) return earlier
  }
  try {
    const prepared = await prepare()
    return { ...(await write(prepared, keyed)), replayed: false }
  } catch (error) {
    const committed = keyed ? await keyed.replay<T>(scope.db) : null
    if (committed) return committed
    throw error
  }
}
