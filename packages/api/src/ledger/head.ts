// The anchored head of a clinic's chain (migrations/0022): how many records the chain holds and the newest
// one's hash, signed (crypto/chain-head-keys.ts). A chain alone shows that nothing inside it changed; its
// head shows that nothing was cut off its end. The head moves forward in the transaction that appends,
// and only from where it stands: a head that does not match the tail the append found, or whose
// signature does not hold, is left as it is, so an append never re-anchors a cut or forged chain.
import type { ChainHead } from '@frontdesk/contracts'
import { type Insertable, type Kysely, sql } from 'kysely'
import type { ChainHeadKeys } from '../crypto/chain-head-keys.js'
import type { Database } from '../db/schema.js'
import type { ChainHeadsTable, ChainName } from '../db/schema-chain-heads.js'
import type { ChainBreak, Link } from './chain.js'

type Db = Kysely<Database>

/** Where a chain ends: its record count (the newest sequence) and the newest record's hash. */
export interface Tail {
  count: number
  hash: Uint8Array
}

interface StoredHead {
  count: string
  hash: Uint8Array
  signed_at: Date
  key_id: string
  signature: Uint8Array
}

/** Marks that every chain older than 0022 has its head: from then on a chain with records and no head was cut. */
export const ANCHORING_STEP = '0022_chain_heads.data'

/** The bytes a head's signature covers, as an auditor rebuilds them from an exported head. */
export function headMessage(head: {
  chain: ChainName
  clinicId: string
  count: number
  hash: string
  signedAt: string
}): Buffer {
  const { chain, clinicId, count, hash, signedAt } = head
  return Buffer.from(
    JSON.stringify(['frontdesk-chain-head-v1', chain, clinicId, count, hash, signedAt]),
    'utf8',
  )
}

export const storedMessage = (clinicId: string, chain: ChainName, head: StoredHead) =>
  headMessage({
    chain,
    clinicId,
    count: Number(head.count),
    hash: Buffer.from(head.hash).toString('hex'),
    signedAt: new Date(head.signed_at).toISOString(),
  })

export function readHead(db: Db, clinicId: string, chain: ChainName): Promise<StoredHead | undefined> {
  return db
    .selectFrom('chain_heads')
    .select(['count', 'hash', 'signed_at', 'key_id', 'signature'])
    .where('clinic_id', '=', clinicId)
    .where('chain', '=', chain)
    .executeTakeFirst()
}

/** A new head for `tail`, signed now: the row to store. */
export function signHead(
  keys: ChainHeadKeys,
  clinicId: string,
  chain: ChainName,
  tail: Tail,
  at: Date,
): Insertable<ChainHeadsTable> {
  const signedAt = new Date(at.toISOString())
  const hash = Buffer.from(tail.hash)
  const message = headMessage({
    chain,
    clinicId,
    count: tail.count,
    hash: hash.toString('hex'),
    signedAt: signedAt.toISOString(),
  })
  const { keyId, signature } = keys.sign(message)
  return {
    clinic_id: clinicId,
    chain,
    count: tail.count,
    hash,
    signed_at: signedAt,
    key_id: keyId,
    signature,
  }
}

/** Stores a signed head in place of the clinic's head of that chain. */
export async function storeHead(db: Db, head: Insertable<ChainHeadsTable>): Promise<void> {
  const { clinic_id: _clinic, chain: _chain, ...moved } = head
  await db
    .insertInto('chain_heads')
    .values(head)
    .onConflict((conflict) => conflict.columns(['clinic_id', 'chain']).doUpdateSet(moved))
    .execute()
}

/**
 * Moves the head from `before`, the tail the append found under its lock, to `after`, in the append's
 * transaction. Answers false, leaving the head, when it does not stand at `before` or is not genuine;
 * a chain with records and no head is left too (the data step or a check deals with it).
 */
export async function advanceHead(
  trx: Db,
  keys: ChainHeadKeys,
  clinicId: string,
  chain: ChainName,
  before: Tail,
  after: Tail,
  at: Date,
): Promise<boolean> {
  const head = await readHead(trx, clinicId, chain)
  const genuine = head
    ? Number(head.count) === before.count &&
      Buffer.from(head.hash).equals(Buffer.from(before.hash)) &&
      keys.check(head.key_id, storedMessage(clinicId, chain, head), head.signature) === 'valid'
    : before.count === 0
  if (!genuine) return false
  await storeHead(trx, signHead(keys, clinicId, chain, after, at))
  return true
}

/** Whether every chain made before 0022 has been given its head. */
export async function anchoringDone(db: Db): Promise<boolean> {
  // Through a function: the app role may not read schema_migrations (migrations/0022).
  const { rows } = await sql<{ anchored: boolean }>`SELECT frontdesk_chains_anchored() AS anchored`.execute(
    db,
  )
  return rows[0]?.anchored === true
}

export interface ChainCheck {
  intact: boolean
  records: number
  firstBroken: ChainBreak | null
  head: ChainHead | null
}

/**
 * Finishes a chain's check: `links` are its records in sequence order, `walk` what walking them found.
 * When the links hold, the head must be genuine and stand at the newest of them. Read both in one
 * snapshot (see `inSnapshot`), or an append between the two reads looks like a cut.
 */
export async function checkAgainstHead(
  db: Db,
  keys: ChainHeadKeys,
  clinicId: string,
  chain: ChainName,
  links: readonly Link[],
  walk: { checked: number; broken: ChainBreak | null },
): Promise<ChainCheck> {
  const head = await readHead(db, clinicId, chain)
  const wire = head ? toWireHead(keys, clinicId, chain, head) : null
  if (walk.broken) return { intact: false, records: walk.checked, firstBroken: walk.broken, head: wire }
  const broken = headBreak(keys, clinicId, chain, head, links, await anchoringDone(db))
  return { intact: broken === null, records: links.length, firstBroken: broken, head: wire }
}

function headBreak(
  keys: ChainHeadKeys,
  clinicId: string,
  chain: ChainName,
  head: StoredHead | undefined,
  links: readonly Link[],
  anchored: boolean,
): ChainBreak | null {
  const newest = links.at(-1)
  if (!head) {
    // Before the data step has run, old chains have no head yet; afterwards a missing head was removed.
    if (!newest || !anchored) return null
    return { sequence: 1, recordId: null, reason: 'its signed head is missing: it was removed' }
  }
  const count = Number(head.count)
  const signature = keys.check(head.key_id, storedMessage(clinicId, chain, head), head.signature)
  if (signature === 'unknown-key') {
    return {
      sequence: count,
      recordId: null,
      reason: `its head is signed by key ${head.key_id}, which no master key given here makes`,
    }
  }
  if (signature === 'invalid')
    return {
      sequence: count,
      recordId: null,
      reason: 'its signed head is forged: the signature does not hold',
    }
  if (links.length < count) {
    const missing = count - links.length
    return {
      sequence: links.length + 1,
      recordId: null,
      reason: `the newest ${missing === 1 ? 'record is' : `${missing} records are`} missing: the signed head counts ${count}`,
    }
  }
  if (links.length > count) {
    return {
      sequence: count + 1,
      recordId: links[count]!.id,
      reason: `it was added after the signed head, which counts ${count}`,
    }
  }
  if (newest && !Buffer.from(newest.hash).equals(Buffer.from(head.hash)))
    return { sequence: count, recordId: newest.id, reason: 'it is not the record the signed head names' }
  return null
}

/** A head as exports and checks show it: with the public key that checks it, when this process holds it. */
function toWireHead(keys: ChainHeadKeys, clinicId: string, chain: ChainName, head: StoredHead): ChainHead {
  return {
    chain,
    count: Number(head.count),
    hash: Buffer.from(head.hash).toString('hex'),
    signedAt: new Date(head.signed_at).toISOString(),
    algorithm: 'Ed25519',
    keyId: head.key_id,
    publicKey: keys.publicKey(head.key_id),
    signature: Buffer.from(head.signature).toString('base64url'),
    clinicId,
  }
}

/** The clinic's head of `chain` as an export carries it, or null before its first record. */
export async function exportedHead(
  db: Db,
  keys: ChainHeadKeys,
  clinicId: string,
  chain: ChainName,
): Promise<ChainHead | null> {
  const head = await readHead(db, clinicId, chain)
  return head ? toWireHead(keys, clinicId, chain, head) : null
}

/** Runs `read` in one repeatable-read snapshot: the chain's rows and its head as of one moment. */
export function inSnapshot<T>(db: Db, read: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').execute(read)
}
