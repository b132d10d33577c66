// Opens Frontdesk's storage: a PostgreSQL server when a URL is given, otherwise PGlite in a data folder.
import type { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { type ChangeFeed, listenInProcess, listenOnServer } from './change-feed.js'
import { openPgliteFolder, takeEarlyPgliteFolder } from './pglite-folder.js'
import { createPglitePool } from './pglite-pool.js'
import type { Database } from './schema.js'
import { APP_ROLE, scopedPool } from './tenant-scope.js'

export type Storage = 'postgres' | 'pglite'

export interface OpenDatabaseOptions {
  /** `postgres://…`: use this server. The system connection (and, without `appUrl`, the app one) logs in here. */
  url?: string | undefined
  /**
   * `postgres://…` for the app connection: a login role that owns nothing and is a member of (or is)
   * frontdesk_app. Without it the app connection logs in with `url` and does SET ROLE frontdesk_app,
   * which a superuser session could undo.
   */
  appUrl?: string | undefined
  /** PGlite data folder; `memory://` keeps everything in memory. */
  dataDir?: string | undefined
  /** How the server's pg_stat_activity names this process's connections; default `frontdesk`. */
  applicationName?: string | undefined
  /** Told of a pooled connection the server ended, idle or checked out (logged by `serve`); the pool recovers by itself. */
  onConnectionLost?: ((error: Error) => void) | undefined
  /** A PGlite data folder dumped by `dumpDataDir`, to start from (tests use a migrated template). */
  loadDataDir?: Blob | File | undefined
  /** App connections per process on a server; the system connection keeps half as many. */
  poolSize?: number | undefined
  /**
   * How long a query waits for a pooled connection on a server, whether the pool is busy or a new
   * connection does not get through (a failover to an address that drops packets): then it fails as an
   * outage (503 with Retry-After) instead of holding the request until the operating system gives up,
   * minutes later. Default `DEFAULT_CONNECT_TIMEOUT_MS`.
   */
  connectTimeoutMs?: number | undefined
  /**
   * How long a statement of the booking path (the claim) may go unanswered on a server before its
   * connection is ended and it fails as an outage (503), instead of waiting out TCP's retransmissions when
   * the server's address stops answering mid-statement. Default `DEFAULT_STUCK_AFTER_MS` (15 s).
   */
  stuckAfterMs?: number | undefined
  /**
   * How often the change feed's connection on a server is asked for a sign of life; unanswered within
   * `connectTimeoutMs`, the feed goes dark and reconnects. Default `DEFAULT_HEARTBEAT_MS` (10 s).
   */
  feedHeartbeatMs?: number | undefined
}

/** Five seconds: far beyond a healthy pool's wait (milliseconds), well within a load balancer's patience. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5000

export interface OpenedDatabase {
  /**
   * The app connection: acts as frontdesk_app and sees only the rows of the clinic in `withClinic`
   * (src/db/tenant-scope.ts), none outside one. Everything a request does once its clinic is known.
   */
  db: Kysely<Database>
  /**
   * The system connection, as the tables' owner and unscoped: migrations, principal lookups before a
   * clinic is known, work across clinics (housekeeping, sealing, the webhook relay, the job queue),
   * staff accounts, the CLI, and tests' own observations.
   */
  system: Kysely<Database>
  /** The app connection's pg pool on a server (absent on PGlite): for rate-limit counters, which live outside any clinic. */
  pool?: pg.Pool
  storage: Storage
  pglite?: PGlite
  /** Which clinics' keys, settings or catalogue changed, as they commit (from any process). */
  changes: ChangeFeed
  close(): Promise<void>
}

const DATE_OID = 1082

// Dates stay 'YYYY-MM-DD' strings: a JavaScript Date would shift them by the process's zone.
pg.types.setTypeParser(DATE_OID, (value) => value)

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  if (options.url) {
    const poolSize = options.poolSize ?? 10
    const connections = {
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      // An idle connection whose server vanished without a word is found out by the operating system.
      keepAlive: true,
    }
    const appPool = new pg.Pool({
      connectionString: options.appUrl ?? options.url,
      max: poolSize,
      application_name: options.applicationName ?? 'frontdesk',
      ...connections,
    })
    const systemPool = new pg.Pool({
      connectionString: options.url,
      max: Math.max(2, Math.ceil(poolSize / 2)),
      application_name: `${options.applicationName ?? 'frontdesk'}-system`,
      ...connections,
    })
    // A connection the server ends (a restart, a failover, pg_terminate_backend) is an 'error' event:
    // on its pool while idle, on the connection itself while checked out between two statements of a
    // transaction, where the pool listens no more. Unheard, either would end the process. The pool
    // drops the broken connection and opens another on the next query; requests meanwhile answer 503
    // (./outage.ts).
    for (const pool of [appPool, systemPool]) {
      pool.on('connect', (client) => client.on('error', (error) => options.onConnectionLost?.(error)))
      // The pool repeats an idle connection's error, already heard on the connection above.
      pool.on('error', () => {})
    }
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: scopedPool(appPool, { role: APP_ROLE, prepare: true, stuckAfterMs: options.stuckAfterMs }),
      }),
    })
    const system = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: scopedPool(systemPool, { role: null, prepare: true, stuckAfterMs: options.stuckAfterMs }),
      }),
    })
    const changes = await listenOnServer(options.url, {
      connectTimeoutMs: connections.connectionTimeoutMillis,
      heartbeatMs: options.feedHeartbeatMs,
    })
    return {
      db,
      system,
      pool: appPool,
      storage: 'postgres',
      changes,
      async close() {
        await changes.close()
        await Promise.all([db.destroy(), system.destroy()])
      },
    }
  }
  const dataDir = options.dataDir ?? 'memory://'
  const { pglite, unlock } = await ((!options.loadDataDir && takeEarlyPgliteFolder(dataDir)) ||
    openPgliteFolder(dataDir, options.loadDataDir))
  // Before the pool hands out its first connection: LISTEN goes to PGlite directly.
  const changes = await listenInProcess(pglite)
  // One session under both: each hands it over set up for itself (role and clinic), in turn.
  const pool = createPglitePool(pglite)
  const session = () => pglite
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: scopedPool(pool, { role: APP_ROLE, sessionOf: session, end: async () => {} }),
    }),
  })
  const system = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: scopedPool(pool, { role: null, sessionOf: session }) }),
  })
  return {
    db,
    system,
    storage: 'pglite',
    pglite,
    changes,
    async close() {
      await changes.close()
      await db.destroy()
      await system.destroy()
      await unlock()
    },
  }
}

/** Answers once the app connection runs a query: the health check's proof that storage is there. */
export async function checkDatabase(db: Kysely<Database>): Promise<void> {
  await db.selectFrom('clinics').select('id').limit(1).execute()
}
