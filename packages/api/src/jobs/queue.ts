// The durable job queue: pg-boss (10.x, the newest line that runs on Node 20) in its own schema of our
// database, reached through Kysely on the system connection (its tables are no clinic's), so it shares
// that pool (and, on PGlite, the one session, in turn).
// Jobs survive restarts, retry with exponential backoff, and each is worked by one process at a time.
import { CompiledQuery, type Kysely } from 'kysely'
import PgBoss from 'pg-boss'
import type { Database } from '../db/schema.js'
import type { Logger } from '../logger.js'

export const JOB_SCHEMA = 'frontdesk_jobs'

/** pg-boss's database interface over a Kysely instance or transaction. */
export function jobDb(db: Kysely<Database>) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []))
      return { rows: result.rows as unknown[] }
    },
  }
}

export async function openJobQueue(system: Kysely<Database>, logger: Logger): Promise<PgBoss> {
  const boss = new PgBoss({
    db: jobDb(system),
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: true,
    schedule: false,
  } as PgBoss.ConstructorOptions)
  boss.on('error', (error: Error) => logger.warn('job queue', { error: error.name }))
  await boss.start()
  return boss
}
