// Starts the API over HTTP on the configured storage, migrating first; used by `frontdesk serve`.
import { type ServerType, serve } from '@hono/node-server'
import { createApp } from './app.js'
import { type OpenedDatabase, openDatabase } from './db/database.js'
import { migrate } from './db/migrate.js'
import { createLogger, type Logger } from './logger.js'

export interface StorageConfig {
  databaseUrl?: string | undefined
  dataDir: string
}

/** DATABASE_URL wins; otherwise PGlite in FRONTDESK_DATA_DIR (default ./.frontdesk). */
export function storageFromEnv(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.FRONTDESK_DATA_DIR || './.frontdesk' }
}

export async function openStorage(config: StorageConfig): Promise<OpenedDatabase> {
  const opened = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
  await migrate(opened.db)
  return opened
}

export interface RunningServer {
  url: string
  server: ServerType
  opened: OpenedDatabase
  close(): Promise<void>
}

export async function startServer(options: {
  port: number
  hostname?: string
  storage: StorageConfig
  logger?: Logger
  trustProxy?: boolean
}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ level: (process.env.LOG_LEVEL as 'info') ?? 'info' })
  const opened = await openStorage(options.storage)
  const app = createApp(
    { db: opened.db, logger, now: () => Date.now(), changes: opened.changes },
    { trustProxy: options.trustProxy ?? false },
  )
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve(
      { fetch: app.fetch, port: options.port, hostname: options.hostname ?? '0.0.0.0' },
      () => resolve(started),
    )
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const url = `http://localhost:${port}`
  logger.info('listening', { url, storage: opened.storage })
  return {
    url,
    server,
    opened,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await opened.close()
    },
  }
}
