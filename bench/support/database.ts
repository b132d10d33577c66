// Storage for one bench run: a fresh database on the PostgreSQL server (dropped at the end), else PGlite in memory.
import { randomBytes } from 'node:crypto'
import { migrate, type OpenedDatabase, openDatabase } from '@frontdesk/api/testing'
import pg from 'pg'

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test'

export interface BenchStorage {
  kind: 'postgres' | 'pglite'
  /** The fresh database's URL on the server; undefined on PGlite. */
  url: string | undefined
  /** Why the server was not used, when it was not. */
  fallbackReason: string | undefined
  opened: OpenedDatabase
  label: string
  dispose(): Promise<void>
}

async function serverReachable(serverUrl: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    await client.end().catch(() => {})
  }
}

async function admin(serverUrl: string, statement: string, values: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    return (await client.query(statement, values)).rowCount ?? 0
  } finally {
    await client.end()
  }
}

/**
 * pg's Pool.end() resolves before its sockets have closed; a backend still alive when the database
 * is force-dropped would answer "terminating connection" to a pool with no error listener left.
 */
async function dropWhenIdle(serverUrl: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const open = await admin(serverUrl, 'SELECT 1 FROM pg_stat_activity WHERE datname = $1', [name])
    if (open === 0) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
}

/** `poolSize` is the main process's pool: it builds the catalogue and runs the in-process calls. */
export async function openBenchStorage(serverUrl: string, poolSize = 10): Promise<BenchStorage> {
  const unreachable = await serverReachable(serverUrl)
  if (unreachable === undefined) {
    const name = `frontdesk_bench_${randomBytes(6).toString('hex')}`
    await admin(serverUrl, `CREATE DATABASE ${name}`)
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    const opened = await openDatabase({ url: url.toString(), poolSize })
    await migrate(opened.system)
    let disposed = false
    return {
      kind: 'postgres',
      url: url.toString(),
      fallbackReason: undefined,
      opened,
      label: `PostgreSQL server, database ${name}`,
      async dispose() {
        if (disposed) return
        disposed = true
        await opened.close()
        await dropWhenIdle(serverUrl, name)
      },
    }
  }
  const opened = await openDatabase({ dataDir: 'memory://' })
  await migrate(opened.system)
  return {
    kind: 'pglite',
    url: undefined,
    fallbackReason: unreachable,
    opened,
    label: 'PGlite in memory',
    dispose: () => opened.close(),
  }
}

/** Where a bench server reaches the same database; hides the password if the URL has one. */
export function describeUrl(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}
