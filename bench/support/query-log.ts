// A Kysely database on the server that records every query (and every wait for a pooled connection) with its timing.

import type { Database } from '@frontdesk/api/testing'
import { APP_ROLE, scopedPool } from '@frontdesk/api/testing'
import { Kysely, type LogEvent, PostgresDialect } from 'kysely'
import pg from 'pg'

export interface LoggedQuery {
  sql: string
  start: number
  end: number
  failed: boolean
}

export interface QueryLog {
  /** The app connection, clinic-scoped as `openDatabase` makes it; a scope's first use per connection costs a set-up round trip, not logged. */
  db: Kysely<Database>
  /** The system connection (principal lookups), on a pool of its own as in `openDatabase`. */
  system: Kysely<Database>
  queries: LoggedQuery[]
  /** Milliseconds each `pool.connect()` waited for a connection. */
  poolWaits: number[]
  reset(): void
  close(): Promise<void>
}

export function openLoggedDatabase(url: string, poolSize: number): QueryLog {
  const pool = new pg.Pool({ connectionString: url, max: poolSize })
  const systemPool = new pg.Pool({ connectionString: url, max: Math.max(2, Math.ceil(poolSize / 2)) })
  // An idle connection can be ended by the server (the bench database is dropped at the end).
  pool.on('error', () => {})
  systemPool.on('error', () => {})
  const log: QueryLog = {
    db: undefined as unknown as Kysely<Database>,
    system: undefined as unknown as Kysely<Database>,
    queries: [],
    poolWaits: [],
    reset() {
      log.queries = []
      log.poolWaits = []
    },
    close: async () => {
      await Promise.all([log.db.destroy(), log.system.destroy()])
    },
  }
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>
  Object.assign(pool, {
    async connect() {
      const started = performance.now()
      const client = await connect()
      log.poolWaits.push(performance.now() - started)
      return client
    },
  })
  const record = (event: LogEvent) => {
    const end = performance.now()
    log.queries.push({
      sql: event.query.sql,
      start: end - event.queryDurationMillis,
      end,
      failed: event.level === 'error',
    })
  }
  log.db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: scopedPool(pool, { role: APP_ROLE }) }),
    log: record,
  })
  log.system = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: scopedPool(systemPool, { role: null }) }),
    log: record,
  })
  return log
}

/** Time covered by at least one of the queries: parallel queries count once. */
export function busyTime(queries: LoggedQuery[]): number {
  const sorted = [...queries].sort((a, b) => a.start - b.start)
  let total = 0
  let openStart = Number.NEGATIVE_INFINITY
  let openEnd = Number.NEGATIVE_INFINITY
  for (const query of sorted) {
    if (query.start > openEnd) {
      if (openEnd > openStart) total += openEnd - openStart
      openStart = query.start
      openEnd = query.end
    } else openEnd = Math.max(openEnd, query.end)
  }
  if (openEnd > openStart) total += openEnd - openStart
  return total
}
