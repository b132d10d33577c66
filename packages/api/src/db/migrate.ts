// Applies the SQL files in packages/api/migrations in order, once each, under an advisory lock.
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { type Kysely, sql } from 'kysely'
import type { FieldCipher } from '../crypto/field-cipher.js'
import { type AnchoringResult, anchorExistingChains } from '../ledger/anchor-existing.js'
import type { Database } from './schema.js'
import { type SealingResult, sealExistingData } from './seal-existing.js'

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
  const files = await applySqlFiles(db, options.upTo)
  if (options.upTo) {
    const pending = { state: 'pending', remaining: 0 } as const
    return { ...files, sealing: pending, anchoring: pending }
  }
  const sealing = await sealExistingData(db, options.cipher)
  return { ...files, sealing, anchoring: await anchorExistingChains(db, options.cipher?.chainHeads) }
}

async function applySqlFiles(db: Kysely<Database>, upTo?: string) {
  const files = (await readdir(migrationsDir))
    .filter((name) => name.endsWith('.sql') && (upTo === undefined || name <= upTo))
    .sort()
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
