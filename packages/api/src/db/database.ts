// Opens Frontdesk's storage: a PostgreSQL server when a URL is given, otherwise PGlite in a data folder.
import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { type ChangeFeed, listenInProcess, listenOnServer } from './change-feed.js'
import { lockDataDir } from './data-dir-lock.js'
import { createPglitePool } from './pglite-pool.js'
import type { Database } from './schema.js'

export type Storage = 'postgres' | 'pglite'

export interface OpenDatabaseOptions {
  /** `postgres://…`: use this server. */
  url?: string | undefined
  /** PGlite data folder; `memory://` keeps everything in memory. */
  dataDir?: string | undefined
  /** A PGlite data folder dumped by `dumpDataDir`, to start from (tests use a migrated template). */
  loadDataDir?: Blob | File | undefined
  /** Connections per process on a server. */
  poolSize?: number | undefined
}

export interface OpenedDatabase {
  db: Kysely<Database>
  storage: Storage
  pglite?: PGlite
  /** Which clinics' keys, settings or catalogue changed, as they commit (from any process). */
  changes: ChangeFeed
  close(): Promise<void>
}

const DATE_OID = 1082
const INT8_OID = 20

// Dates stay 'YYYY-MM-DD' strings: a JavaScript Date would shift them by the process's zone.
pg.types.setTypeParser(DATE_OID, (value) => value)

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    const changes = await listenOnServer(options.url)
    return {
      db,
      storage: 'postgres',
      changes,
      async close() {
        await changes.close()
        await db.destroy()
      },
    }
  }
  const dataDir = options.dataDir ?? 'memory://'
  let unlock = async () => {}
  if (!dataDir.includes('://')) {
    await mkdir(dataDir, { recursive: true })
    unlock = await lockDataDir(dataDir)
  }
  const pglite = await PGlite.create(dataDir, {
    extensions: { btree_gist },
    loadDataDir: options.loadDataDir,
    parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => value },
  })
  // Before the pool hands out its first connection: LISTEN goes to PGlite directly.
  const changes = await listenInProcess(pglite)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPglitePool(pglite) }) })
  return {
    db,
    storage: 'pglite',
    pglite,
    changes,
    async close() {
      await changes.close()
      await db.destroy()
      await unlock()
    },
  }
}
