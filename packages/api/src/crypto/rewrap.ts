// Moves every clinic's data and index keys from the previous master keys to the current one, while the API
// serves: the keys themselves do not change, so nothing they sealed needs sealing again.
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import type { MasterKey } from './master-key.js'

export type KeyTable = 'clinic_data_keys' | 'clinic_index_keys'
const TABLES: readonly KeyTable[] = ['clinic_data_keys', 'clinic_index_keys']

export interface RewrapOptions {
  /** The system connection: the rows of every clinic. */
  system: Kysely<Database>
  /** The key every row ends up wrapped by. */
  masterKey: MasterKey
  /** The keys rows may still be wrapped by; rows wrapped by any other key are left alone. */
  previousMasterKeys: readonly MasterKey[]
  /** Rows per transaction; default 100. */
  batchSize?: number
}

export interface RewrapCounts {
  /** Rows this run re-wrapped under the current key. */
  rewrapped: number
  /** Rows another run re-wrapped between this one's read and its update: nothing to do. */
  alreadyDone: number
  /** Rows whose wrapped key did not open under the key they name: left as they are, still needing it. */
  damaged: number
}

export interface RewrapResult {
  dataKeys: RewrapCounts
  indexKeys: RewrapCounts
  /** Where the damaged rows are, so an operator can look: clinic ids and versions, never key bytes. */
  damaged: { table: KeyTable; clinicId: string; version?: number }[]
}

/** One row of either table; index keys have no version. */
interface KeyRow {
  clinic_id: string
  version?: number
  wrapped: Uint8Array
  master_key_id: string
}

/**
 * Re-wraps, batch by batch, every data key (each version) and index key wrapped by one of the previous
 * master keys. Each batch's updates are one transaction, and each row's update holds only while the row
 * still names the key it was read under: a run that crashed resumes by running again, and runs racing each
 * other (or this one twice) re-wrap each row once. API processes keep working throughout, as long as
 * they hold both keys: a row is readable under either, and new rows are wrapped by the current key.
 */
export async function rewrapMasterKeys(options: RewrapOptions): Promise<RewrapResult> {
  const { system, masterKey, batchSize = 100 } = options
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize is a positive integer')
  const previous = new Map(
    options.previousMasterKeys.filter((key) => key.id !== masterKey.id).map((key) => [key.id, key]),
  )
  const result: RewrapResult = { dataKeys: counts(), indexKeys: counts(), damaged: [] }
  if (previous.size === 0) return result
  for (const table of TABLES) {
    const tally = table === 'clinic_data_keys' ? result.dataKeys : result.indexKeys
    // Rows are visited in key order, after the last one seen: a damaged row is passed, not read forever.
    let after: KeyRow | undefined
    for (;;) {
      // Read and wrap outside the transaction, which then holds its row locks only for the updates.
      const batch = await page(system, table, [...previous.keys()], after, batchSize)
      const rewraps = batch.map((row) => rewrap(row, previous.get(row.master_key_id)!, masterKey))
      const outcomes = await system.transaction().execute(async (trx) => {
        const done: (keyof RewrapCounts)[] = []
        for (const [index, row] of batch.entries()) {
          const wrapped = rewraps[index]
          done.push(wrapped ? await update(trx, table, row, wrapped, masterKey) : 'damaged')
        }
        return done
      })
      // Counted once committed: a batch that fails counts nothing, and a run after it does it again.
      for (const [index, outcome] of outcomes.entries()) {
        tally[outcome]++
        const row = batch[index]!
        if (outcome === 'damaged')
          result.damaged.push({
            table,
            clinicId: row.clinic_id,
            ...(row.version && { version: row.version }),
          })
      }
      if (batch.length < batchSize) break
      after = batch.at(-1)
    }
  }
  return result
}

/** The row's key wrapped by `to`, or null when it does not unwrap under `from` (the key the row names). */
function rewrap(row: KeyRow, from: MasterKey, to: MasterKey): Buffer | null {
  const { clinic_id: clinicId, version } = row
  const key =
    version === undefined
      ? from.unwrapIndexKey(clinicId, row.wrapped)
      : from.unwrapDataKey(clinicId, version, row.wrapped)
  if (!key) return null
  const wrapped =
    version === undefined ? to.wrapIndexKey(clinicId, key) : to.wrapDataKey(clinicId, version, key)
  // The old wrapping is overwritten: check the new one opens to the same key before it is the only one.
  const check =
    version === undefined
      ? to.unwrapIndexKey(clinicId, wrapped)
      : to.unwrapDataKey(clinicId, version, wrapped)
  if (!check?.equals(key)) throw new Error(`Re-wrapping a key of clinic ${clinicId} did not round-trip`)
  return wrapped
}

/** Stores the new wrapping only while the row still names the key it was read under. */
async function update(
  trx: Transaction<Database>,
  table: KeyTable,
  row: KeyRow,
  wrapped: Buffer,
  to: MasterKey,
): Promise<'rewrapped' | 'alreadyDone'> {
  // Another run may have re-wrapped it since: then it names another key, and this one leaves it be.
  const updated =
    table === 'clinic_index_keys'
      ? await trx
          .updateTable('clinic_index_keys')
          .set({ wrapped, master_key_id: to.id })
          .where('clinic_id', '=', row.clinic_id)
          .where('master_key_id', '=', row.master_key_id)
          .executeTakeFirst()
      : await trx
          .updateTable('clinic_data_keys')
          .set({ wrapped, master_key_id: to.id })
          .where('clinic_id', '=', row.clinic_id)
          .where('version', '=', row.version!)
          .where('master_key_id', '=', row.master_key_id)
          .executeTakeFirst()
  return updated.numUpdatedRows > 0n ? 'rewrapped' : 'alreadyDone'
}

/** The next rows wrapped by one of `ids`, in primary-key order, after `after`. */
async function page(
  db: Kysely<Database>,
  table: KeyTable,
  ids: string[],
  after: KeyRow | undefined,
  limit: number,
): Promise<KeyRow[]> {
  if (table === 'clinic_index_keys') {
    let query = db
      .selectFrom('clinic_index_keys')
      .select(['clinic_id', 'wrapped', 'master_key_id'])
      .where('master_key_id', 'in', ids)
      .orderBy('clinic_id')
      .limit(limit)
    if (after) query = query.where('clinic_id', '>', after.clinic_id)
    return query.execute()
  }
  let query = db
    .selectFrom('clinic_data_keys')
    .select(['clinic_id', 'version', 'wrapped', 'master_key_id'])
    .where('master_key_id', 'in', ids)
    .orderBy('clinic_id')
    .orderBy('version')
    .limit(limit)
  if (after) {
    const { clinic_id: clinicId, version = 0 } = after
    query = query.where((eb) => eb(eb.refTuple('clinic_id', 'version'), '>', eb.tuple(clinicId, version)))
  }
  return query.execute()
}

export interface WrappedKeyCount {
  masterKeyId: string
  dataKeys: number
  indexKeys: number
}

/** How many data and index keys each master key wraps, most first: what `--check` prints. */
export async function countWrappedKeys(system: Kysely<Database>): Promise<WrappedKeyCount[]> {
  const byKey = new Map<string, WrappedKeyCount>()
  for (const table of TABLES) {
    const rows = await system
      .selectFrom(table)
      .select((eb) => ['master_key_id', eb.fn.countAll<string>().as('rows')])
      .groupBy('master_key_id')
      .execute()
    for (const row of rows) {
      const entry = byKey.get(row.master_key_id) ?? {
        masterKeyId: row.master_key_id,
        dataKeys: 0,
        indexKeys: 0,
      }
      entry[table === 'clinic_data_keys' ? 'dataKeys' : 'indexKeys'] += Number(row.rows)
      byKey.set(row.master_key_id, entry)
    }
  }
  return [...byKey.values()].sort((a, b) => b.dataKeys + b.indexKeys - (a.dataKeys + a.indexKeys))
}

const counts = (): RewrapCounts => ({ rewrapped: 0, alreadyDone: 0, damaged: 0 })
