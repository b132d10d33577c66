// Applies the SQL files in packages/api/migrations in order, once each, under an advisory lock.
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.js'

// From src/db/ in the repo, or from dist/ once built and published.
export const migrationsDir = ['../../migrations/', '../migrations/']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((dir) => existsSync(dir)) as string

export interface MigrationResult {
  applied: string[]
  alreadyApplied: string[]
}

/** Several API processes may start at once against one server: the lock lets one migrate at a time. */
export async function migrate(db: Kysely<Database>): Promise<MigrationResult> {
  const files = (await readdir(migrationsDir)).filter((name) => name.endsWith('.sql')).sort()
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
