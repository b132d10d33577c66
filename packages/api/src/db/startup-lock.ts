// One start-up at a time on a PostgreSQL server: a rolling deploy or an autoscaler starts several API
// processes at once, and the steps that change the schema or move data (migrations, sealing old rows, the
// job queue's schema and queues) collide when two run together (pg-boss: duplicate key on
// pg_namespace_nspname_index; sealing: a clear column another process has just dropped). Each process
// takes this lock before its first such step and gives it back once it is ready; the next one then finds
// the work done. The lock lives on a connection of its own, outside the pools, so a step may use any
// pooled connection meanwhile; if the process dies the server ends its session, and the lock with it.
// PGlite needs none: one process holds a data folder (./data-dir-lock.ts).
import pg from 'pg'
import type { Logger } from '../logger.js'

/**
 * The advisory lock's key (classid, objid). 42 is Frontdesk's; (42, 1) is the migrations' own
 * (./migrate.ts, ./seal-existing.ts), taken on a pooled session inside a start-up: a different key, since
 * an advisory lock held by this session would not let the pool's sessions through.
 */
export const STARTUP_LOCK = [42, 2] as const

export interface StartupLockOptions {
  /** The server; none (PGlite) runs `work` straight away. */
  databaseUrl?: string | undefined
  logger?: Logger | undefined
  /** How pg_stat_activity names the lock's connection. */
  applicationName?: string | undefined
}

/** Runs `work` while this process holds the start-up lock, waiting for other processes' start-ups first. */
export async function withStartupLock<T>(options: StartupLockOptions, work: () => Promise<T>): Promise<T> {
  const lock = await holdStartupLock(options)
  try {
    return await work()
  } finally {
    await lock.release()
  }
}

export interface HeldStartupLock {
  /** Gives the lock back (ends its session); once is enough, and a second call does nothing. */
  release(): Promise<void>
}

/**
 * Takes the start-up lock, waiting for other processes' start-ups first, and holds it until released: for a
 * start whose last steps (the job queue's schema) run after it already answers requests.
 */
export async function holdStartupLock(options: StartupLockOptions): Promise<HeldStartupLock> {
  if (!options.databaseUrl) return { release: async () => {} }
  const client = new pg.Client({
    connectionString: options.databaseUrl,
    application_name: options.applicationName ?? 'frontdesk-startup',
  })
  // Unheard, a connection the server ends (a restart) would end the process; the steps then fail themselves.
  client.on('error', (error) =>
    options.logger?.warn('start-up lock connection lost', {
      error: error.name,
      code: (error as { code?: string }).code,
    }),
  )
  // Ending the session gives the lock back: no unlock to forget, even when a step throws.
  let released: Promise<void> | undefined
  const release = () => {
    released ??= client.end().catch(() => {})
    return released
  }
  await client.connect()
  try {
    const [classid, objid] = STARTUP_LOCK
    const tried = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
      classid,
      objid,
    ])
    if (!tried.rows[0]?.locked) {
      options.logger?.info('waiting for another process to finish starting', { event: 'startup-lock-wait' })
      await client.query('SELECT pg_advisory_lock($1, $2)', [classid, objid])
    }
  } catch (error) {
    await release()
    throw error
  }
  return { release }
}
