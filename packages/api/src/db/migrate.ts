// Applies the SQL files in packages/api/migrations in order, once each, under an advisory lock.
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { type Kysely, sql } from 'kysely'
import type { FieldCipher } from '../crypto/field-cipher.js'
import { type AnchoringResult, anchorExistingChains } from '../ledger/anchor-existing.js'
import { ANCHORING_STEP } from '../ledger/head.js'
import type { Database } from './schema.js'
import { SEALING_STEP, type SealingResult, sealExistingData } from './seal-existing.js'

// From src/db/ in the repo, or from dist/ once built and published.
export const migrationsDir = ['../../migrations/', '../migrations/']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((dir) => existsSync(dir)) as string

export interface MigrationResult {
  applied: string[]
  alreadyApplied: string[]
  /** Patient details written before 0020 in clear: sealed now, or left for a run with the master key. */
  sealing: SealingResult
  /** Audit and consent chains from before 0022: given their signed head now, or left for the master key. */
  anchoring: AnchoringResult
}

/**
 * Several API processes may start at once against one server: the lock lets one migrate at a time.
 * The SQL files first, then the data they need moved (./seal-existing.ts), which needs the cipher
 * only when a database holds rows from before.
 */
export async function migrate(
  db: Kysely<Database>,
  options: {
    cipher?: FieldCipher | undefined
    /** The last SQL file to apply, without the data steps: how a test makes a database of an older version. */
    upTo?: string
  } = {},
): Promise<MigrationResult> {
  const names = (await readdir(migrationsDir))
    .filter((name) => name.endsWith('.sql') && (options.upTo === undefined || name <= options.upTo))
    .sort()
  // Every start migrates: when the one query finds every file and data step applied, it is all there is.
  const seen = await appliedNames(db)
  if (seen && !options.upTo && [...names, SEALING_STEP, ANCHORING_STEP].every((name) => seen.has(name))) {
    return {
      applied: [],
      alreadyApplied: names,
      sealing: { state: 'done', sealed: 0 },
      anchoring: { state: 'done', anchored: 0 },
    }
  }
  const files = await applySqlFiles(db, names)
  if (options.upTo) {
    const pending = { state: 'pending', remaining: 0 } as const
    return { ...files, sealing: pending, anchoring: pending }
  }
  const sealing = await sealExistingData(db, options.cipher)
  return { ...files, sealing, anchoring: await anchorExistingChains(db, options.cipher?.chainHeads) }
}

/** What schema_migrations lists, or undefined before it exists (a new database). */
async function appliedNames(db: Kysely<Database>): Promise<Set<string> | undefined> {
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(db)
    return new Set(rows.map((row) => row.name))
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return undefined
    throw error
  }
}

const UNDEFINED_TABLE = '42P01'

async function applySqlFiles(db: Kysely<Database>, files: string[]) {
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(42, 1)`.execute(connection)
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(connection)
      const done = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(connection)
      const seen = new Set(done.rows.map((row) => row.name))
      const applied: string[] = []
      for (const name of files) {
        if (seen.has(name)) continue
        const text = await readFile(`${migrationsDir}${name}`, 'utf8')
        await connection.transaction().execute(async (trx) => {
          await sql.raw(text).execute(trx)
          await sql`INSERT INTO schema_migrations (name) VALUES (${name})`.execute(trx)
        })
        applied.push(name)
      }
      return { applied, alreadyApplied: files.filter((name) => seen.has(name)) }
    } finally {
      await sql`SELECT pg_advisory_unlock(42, 1)`.execute(connection)
    }
  })
}
