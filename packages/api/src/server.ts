// Starts the API over HTTP with its storage and master key, migrating first; used by `frontdesk serve`.
import { type ServerType, serve } from '@hono/node-server'
import { createApp } from './app.js'
import { scheduleAuditSealing } from './audit/seal-schedule.js'
import { FieldCipher } from './crypto/field-cipher.js'
import { loadMasterKey } from './crypto/master-key.js'
import { type OpenedDatabase, openDatabase } from './db/database.js'
import { migrate } from './db/migrate.js'
import { scheduleHousekeeping } from './housekeeping.js'
import { openJobQueue } from './jobs/queue.js'
import { createLogger, type Logger } from './logger.js'
import { startWebhookDispatch } from './webhooks/dispatch.js'

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
  /** Where FRONTDESK_MASTER_KEY is read; default process.env. */
  env?: NodeJS.ProcessEnv
}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ level: (process.env.LOG_LEVEL as 'info') ?? 'info' })
  // Before the database is touched: a server database without FRONTDESK_MASTER_KEY is refused outright.
  const masterKey = await loadMasterKey({
    env: options.env ?? process.env,
    dataDir: options.storage.dataDir,
    databaseUrl: options.storage.databaseUrl,
    logger,
  })
  const opened = await openStorage(options.storage)
  const cipher = new FieldCipher({ db: opened.db, masterKey })
  try {
    // A wrong key would seal new clinics' data under it and open nothing old: better not to start.
    await cipher.verifyMasterKey()
  } catch (error) {
    await opened.close()
    throw error
  }
  // Development only: lets webhooks reach a receiver on this machine or a private network.
  const allowPrivate = (options.env ?? process.env).FRONTDESK_WEBHOOKS_ALLOW_PRIVATE === '1'
  // FRONTDESK_WEBHOOK_DISPATCH=0 makes a process serve requests only, leaving delivery to others.
  const dispatching = (options.env ?? process.env).FRONTDESK_WEBHOOK_DISPATCH !== '0'
  const boss = dispatching ? await openJobQueue(opened.db, logger) : undefined
  const dispatch = boss
    ? await startWebhookDispatch({ db: opened.db, boss, cipher, logger, now: () => Date.now(), allowPrivate })
    : undefined
  const app = createApp(
    {
      db: opened.db,
      logger,
      now: () => Date.now(),
      changes: opened.changes,
      cipher,
      webhooks: { allowPrivate },
    },
    { trustProxy: options.trustProxy ?? false },
  )
  const purge = scheduleHousekeeping({ db: opened.db, logger, now: () => Date.now() })
  const sealing = scheduleAuditSealing({ db: opened.db, logger })
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
      await Promise.all([purge.stop(), sealing.stop(), dispatch?.stop()])
      await boss?.stop({ graceful: false, wait: true } as Parameters<NonNullable<typeof boss>['stop']>[0])
      await opened.close()
    },
  }
}
