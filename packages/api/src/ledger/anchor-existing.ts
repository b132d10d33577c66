// The data half of migrations/0022_chain_heads.sql: chains older than it get a signed head from their
// newest record as it stands now. Signing needs the master key, which `frontdesk migrate` may run
// without: then the step reports what is left and `serve` (or `migrate` with the key) finishes it.
// Until it has run, a chain with records and no head is not taken for a cut one; afterwards it is.
import { type Kysely, sql } from 'kysely'
import type { ChainHeadKeys } from '../crypto/chain-head-keys.js'
import type { Database } from '../db/schema.js'
import type { ChainName } from '../db/schema-chain-heads.js'
import { ANCHORING_STEP, anchoringDone, readHead, signHead, storedMessage, storeHead } from './head.js'

type Db = Kysely<Database>

export type AnchoringResult = { state: 'done'; anchored: number } | { state: 'pending'; remaining: number }

/** The advisory locks each chain's appends take (consent/record-store.ts, audit/seal.ts). */
const APPEND_LOCK: Record<ChainName, number> = { consent: 3, audit: 4 }

/** Gives every chain with records and no head its head; safe to run from several processes at once. */
export async function anchorExistingChains(
  system: Db,
  keys: ChainHeadKeys | undefined,
  now: () => Date = () => new Date(),
): Promise<AnchoringResult> {
  if (await anchoringDone(system)) return { state: 'done', anchored: 0 }
  let anchored = 0
  for (;;) {
    const chains = await unanchoredChains(system)
    if (chains.length === 0) break
    if (!keys) return { state: 'pending', remaining: chains.length }
    for (const { chain, clinic_id } of chains) {
      await system.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${APPEND_LOCK[chain]}, hashtext(${clinic_id}))`.execute(trx)
        // Another process may have anchored it meanwhile.
        if (await readHead(trx, clinic_id, chain)) return
        const tail = await newestLink(trx, chain, clinic_id)
        await storeHead(trx, signHead(keys, clinic_id, chain, tail, now()))
        anchored++
      })
    }
  }
  await sql`INSERT INTO schema_migrations (name) VALUES (${ANCHORING_STEP}) ON CONFLICT DO NOTHING`.execute(
    system,
  )
  return { state: 'done', anchored }
}

async function unanchoredChains(db: Db): Promise<{ chain: ChainName; clinic_id: string }[]> {
  const { rows } = await sql<{ chain: ChainName; clinic_id: string }>`
    SELECT DISTINCT 'consent' AS chain, clinic_id FROM consent_records r
      WHERE NOT EXISTS (SELECT 1 FROM chain_heads h WHERE h.clinic_id = r.clinic_id AND h.chain = 'consent')
    UNION
    SELECT DISTINCT 'audit' AS chain, clinic_id FROM audit_seals s
      WHERE NOT EXISTS (SELECT 1 FROM chain_heads h WHERE h.clinic_id = s.clinic_id AND h.chain = 'audit')`.execute(
    db,
  )
  return rows
}

async function newestLink(db: Db, chain: ChainName, clinicId: string) {
  const table = chain === 'consent' ? 'consent_records' : 'audit_seals'
  const newest = await db
    .selectFrom(table)
    .select(['sequence', 'hash'])
    .where('clinic_id', '=', clinicId)
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()
  return { count: Number(newest.sequence), hash: newest.hash }
}

/**
 * `frontdesk keys rotate-master`: signs again, under the current master key, every head signed under a
 * previous one, so a head left by an idle clinic still checks once the previous key is gone. A head whose
 * signature does not hold is left as it is: re-signing it would bless a forgery. Answers what it did.
 */
export async function resignChainHeads(
  system: Db,
  keys: ChainHeadKeys,
  now: () => Date = () => new Date(),
): Promise<{ resigned: number; notGenuine: number }> {
  const older = await system
    .selectFrom('chain_heads')
    .select(['clinic_id', 'chain'])
    .where('key_id', '!=', keys.keyId)
    .execute()
  const done = { resigned: 0, notGenuine: 0 }
  for (const { clinic_id, chain } of older) {
    await system.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${APPEND_LOCK[chain]}, hashtext(${clinic_id}))`.execute(trx)
      const head = await readHead(trx, clinic_id, chain)
      if (!head || head.key_id === keys.keyId) return
      if (keys.check(head.key_id, storedMessage(clinic_id, chain, head), head.signature) !== 'valid') {
        done.notGenuine++
        return
      }
      const tail = { count: Number(head.count), hash: head.hash }
      await storeHead(trx, signHead(keys, clinic_id, chain, tail, now()))
      done.resigned++
    })
  }
  return done
}

/** How many heads are signed under a key other than the current one. */
export async function countHeadsToResign(system: Db, keys: ChainHeadKeys): Promise<number> {
  const row = await system
    .selectFrom('chain_heads')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('key_id', '!=', keys.keyId)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
