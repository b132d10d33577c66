// Seals committed audit events into their clinic's chain, in event order, and checks the chain. Events
// are written unsealed inside the transactions that make each change; sealing afterwards keeps a
// per-clinic lock out of every booking. `serve` seals every few seconds; reads and checks seal first.
// Each seal moves the chain's signed head (ledger/head.ts), so the booking path signs nothing.
import { createHash } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { ChainHeadKeys } from '../crypto/chain-head-keys.js'
import type { Database } from '../db/schema.js'
import { firstBreak, GENESIS } from '../ledger/chain.js'
import { advanceHead, type ChainCheck, checkAgainstHead, inSnapshot } from '../ledger/head.js'

type Db = Kysely<Database>

/** An event as the chain covers it; `occurred_us` is the exact time in microseconds (timestamptz's own). */
interface SealedEvent {
  id: string
  clinic_id: string
  actor_type: string
  actor_id: string
  action: string
  object_type: string
  object_id: string
  request_id: string | null
  client_ip: string | null
  occurred_us: string
}

export function eventHash(prev: Uint8Array, event: SealedEvent): Buffer {
  const fields = JSON.stringify([
    'frontdesk-audit-v1',
    event.clinic_id,
    event.id,
    event.actor_type,
    event.actor_id,
    event.action,
    event.object_type,
    event.object_id,
    event.request_id,
    event.client_ip,
    event.occurred_us,
  ])
  return createHash('sha256').update(prev).update(fields, 'utf8').digest()
}

const eventColumns = [
  'audit_events.id',
  'audit_events.clinic_id',
  'audit_events.actor_type',
  'audit_events.actor_id',
  'audit_events.action',
  'audit_events.object_type',
  'audit_events.object_id',
  'audit_events.request_id',
  'audit_events.client_ip',
  sql<string>`(extract(epoch from audit_events.occurred_at) * 1000000)::bigint::text`.as('occurred_us'),
] as const

const BATCH = 2000

/**
 * Seals one clinic's unsealed events, oldest first; answers how many it sealed. `since` limits the look
 * to recent events, so the scheduled run does not scan the whole trail; a check looks at all of it.
 */
export async function sealAuditEvents(
  db: Db,
  keys: ChainHeadKeys,
  clinicId: string,
  since?: Date,
): Promise<number> {
  const unsealed = (source: Db) =>
    source
      .selectFrom('audit_events')
      .leftJoin('audit_seals', 'audit_seals.event_id', 'audit_events.id')
      .where('audit_events.clinic_id', '=', clinicId)
      .where('audit_seals.event_id', 'is', null)
      .$if(since !== undefined, (query) => query.where('audit_events.occurred_at', '>=', since!))
  // Most looks find nothing: they take no lock and open no transaction.
  if (!(await unsealed(db).select('audit_events.id').limit(1).executeTakeFirst())) return 0
  let sealed = 0
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(4, hashtext(${clinicId}))`.execute(trx)
      const events = (await unsealed(trx)
        .select(eventColumns)
        .orderBy('audit_events.id')
        .limit(BATCH)
        .execute()) as unknown as SealedEvent[]
      if (events.length === 0) return 0
      const last = await trx
        .selectFrom('audit_seals')
        .select(['sequence', 'hash'])
        .where('clinic_id', '=', clinicId)
        .orderBy('sequence', 'desc')
        .limit(1)
        .executeTakeFirst()
      const before = { count: last ? Number(last.sequence) : 0, hash: last?.hash ?? GENESIS }
      let sequence = before.count
      let prev: Uint8Array = before.hash
      const seals = events.map((event) => {
        const hash = eventHash(prev, event)
        const seal = { clinic_id: clinicId, sequence: ++sequence, event_id: event.id, prev_hash: prev, hash }
        prev = hash
        return seal
      })
      await trx.insertInto('audit_seals').values(seals).execute()
      // A head that does not stand at `before` stays where it is: the check reports the chain as cut.
      await advanceHead(trx, keys, clinicId, 'audit', before, { count: sequence, hash: prev }, new Date())
      return events.length
    })
    sealed += count
    if (count < BATCH) return sealed
  }
}

/**
 * Seals every clinic's unsealed events of the last `windowMs` (a transaction lasts far less). Needs the
 * system connection: on the app one it would find no clinic.
 */
export async function sealRecentAuditEvents(
  system: Db,
  keys: ChainHeadKeys,
  now: number,
  windowMs = 60 * 60 * 1000,
): Promise<number> {
  const since = new Date(now - windowMs)
  // Clinic by clinic, so each look is a range of the (clinic_id, occurred_at) index.
  const clinics = await system.selectFrom('clinics').select('id as clinic_id').execute()
  let sealed = 0
  for (const { clinic_id } of clinics) sealed += await sealAuditEvents(system, keys, clinic_id, since)
  return sealed
}

/**
 * Seals what is unsealed, then walks the clinic's chain and names the first link that does not hold, or
 * where the chain and its signed head part (a cut tail, a forged head).
 */
export async function verifyAuditChain(db: Db, keys: ChainHeadKeys, clinicId: string): Promise<ChainCheck> {
  await sealAuditEvents(db, keys, clinicId)
  return inSnapshot(db, (trx) => checkAuditChain(trx, keys, clinicId))
}

async function checkAuditChain(db: Db, keys: ChainHeadKeys, clinicId: string): Promise<ChainCheck> {
  const rows = (await db
    .selectFrom('audit_seals')
    .leftJoin('audit_events', 'audit_events.id', 'audit_seals.event_id')
    .select([
      'audit_seals.sequence',
      'audit_seals.event_id',
      'audit_seals.prev_hash',
      'audit_seals.hash',
      ...eventColumns,
    ])
    .where('audit_seals.clinic_id', '=', clinicId)
    .orderBy('audit_seals.sequence')
    .execute()) as unknown as (SealedEvent & {
    sequence: string
    event_id: string
    prev_hash: Uint8Array
    hash: Uint8Array
  })[]
  const links = rows.map((row) => ({ ...row, sequence: Number(row.sequence), id: row.event_id }))
  // Seals whose events a retention purge removed on purpose: their links are checked, their hashes
  // taken as given (migrations/0019).
  const purged = new Set(
    (
      await db.selectFrom('audit_purged_seals').select('sequence').where('clinic_id', '=', clinicId).execute()
    ).map((row) => Number(row.sequence)),
  )
  // A seal whose event is gone otherwise, or names another clinic, hashes to something else and breaks there.
  const walk = firstBreak(links, (prev, link) =>
    purged.has(link.sequence)
      ? link.hash
      : link.clinic_id === clinicId
        ? eventHash(prev, link)
        : Buffer.alloc(32, 0xff),
  )
  return checkAgainstHead(db, keys, clinicId, 'audit', links, walk)
}
