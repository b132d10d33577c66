// Starts the API over HTTP with its storage and master key, migrating first; used by `frontdesk serve`.
import { join } from 'node:path'
import { type ServerType, serve } from '@hono/node-server'
import { createApp } from './app.js'
import { type BackgroundWork, startBackgroundWork } from './background-work.js'
import { assertClinicsInRegion, regionFromEnv } from './catalogue/region.js'
import { FieldCipher } from './crypto/field-cipher.js'
import { loadMasterKey } from './crypto/master-key.js'
import { type OpenedDatabase, openDatabase } from './db/database.js'
import { type MigrationResult, migrate } from './db/migrate.js'
import { DEFAULT_DATA_DIR } from './db/pglite-folder.js'
import { sealExistingData } from './db/seal-existing.js'
import { holdStartupLock, withStartupLock } from './db/startup-lock.js'
import { applyKeepAlive, keepAliveFromEnv } from './keep-alive.js'
import { anchorExistingChains } from './ledger/anchor-existing.js'
import { createLogger, type Logger } from './logger.js'
import { messagingFromEnv } from './messages/config.js'
import { rateLimitsFromEnv } from './rate-limit/policies.js'
import { openRateLimits } from './rate-limit/rate-limits.js'
import { lazyStaffAuth } from './staff/lazy-auth.js'
import { staffMailer } from './staff/mailer.js'
import { startingGate } from './starting-gate.js'

export interface StorageConfig {
  databaseUrl?: string | undefined
  /** The app connection's login on the same server: a role that owns nothing (see docs/storage.md). */
  appDatabaseUrl?: string | undefined
  dataDir: string
}

/**
 * DATABASE_URL wins; otherwise PGlite in FRONTDESK_DATA_DIR (default ./.frontdesk). DATABASE_APP_URL,
 * with DATABASE_URL, logs the app connection in as frontdesk_app instead of SET ROLE on the owner's login.
 */
export function storageFromEnv(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    appDatabaseUrl: (env.DATABASE_URL && env.DATABASE_APP_URL) || undefined,
    dataDir: env.FRONTDESK_DATA_DIR || DEFAULT_DATA_DIR,
  }
}

/** Opens the storage and migrates it, after any other process's start-up on the same server (./db/startup-lock.ts). */
export function openStorage(config: StorageConfig, logger?: Logger): Promise<OpenedDatabase> {
  return withStartupLock({ databaseUrl: config.databaseUrl, logger }, async () => {
    const { opened } = await openAndMigrate(config, logger)
    return opened
  })
}

async function openAndMigrate(
  config: StorageConfig,
  logger?: Logger,
): Promise<{ opened: OpenedDatabase; migrated: MigrationResult }> {
  const opened = await openDatabase({
    url: config.databaseUrl,
    appUrl: config.appDatabaseUrl,
    dataDir: config.dataDir,
    onConnectionLost: (error) =>
      logger?.warn('database connection lost; the pool opens another', {
        error: error.name,
        code: (error as { code?: string }).code,
      }),
  })
  try {
    return { opened, migrated: await migrate(opened.system) }
  } catch (error) {
    await opened.close()
    throw error
  }
}

export interface RunningServer {
  url: string
  server: ServerType
  opened: OpenedDatabase
  /** Seals and opens patient fields under the master key the server started with. */
  cipher: FieldCipher
  /**
   * Settles once the job queue and the timers run; rejects when they could not start (the server is then
   * closed already). Settled before startServer resolves unless `resolveWhenAnswering`.
   */
  background: Promise<void>
  close(): Promise<void>
}

export interface StartServerOptions {
  port: number
  hostname?: string
  storage: StorageConfig
  logger?: Logger
  /** Proxies allowed to name the client in X-Forwarded-For (FRONTDESK_TRUSTED_PROXIES). */
  trustedProxies?: readonly string[]
  /** This API as browsers reach it (FRONTDESK_PUBLIC_URL); links in staff mail point here. */
  publicUrl?: string
  /** Where staff mail goes without FRONTDESK_SMTP_URL: one JSON file per mail (FRONTDESK_MAIL_OUTBOX). */
  outboxDir?: string
  /** Where FRONTDESK_MASTER_KEY (and FRONTDESK_MASTER_KEY_PREVIOUS) is read; default process.env. */
  env?: NodeJS.ProcessEnv
  /**
   * The clock requests and background work read (holds, tokens, messages falling due): the wall clock
   * unless told. Tests move one forward to see a reminder sent without waiting for it.
   */
  now?: () => number
  /**
   * Resolve as soon as requests are answered, before the job queue and the timers run (`background` says
   * when they do); `serve` and the demo. On PGlite they then start once the first request is answered (or
   * after a second without one) and the requests pause: its one session would otherwise keep those first
   * requests waiting behind the job queue's start-up queries. Default false: resolves once they run.
   */
  resolveWhenAnswering?: boolean
  /** Delivery and the timers wait for this too: the demo's seeding, say, which would otherwise wait behind them. */
  backgroundAfter?: Promise<unknown>
}

/**
 * Starts the API. Processes started at once on one PostgreSQL server take turns (./db/startup-lock.ts):
 * every step that changes the schema or moves data, here or in what it calls (migrations, sealing, the job
 * queue's schema and its queues), runs in one process at a time, which lets the lock go once its job queue runs.
 * Requests are answered from the moment the app is built; the job queue and the timers start right after
 * (requests only write the outbox tables they relay from), and this resolves once they run too.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ level: (process.env.LOG_LEVEL as 'info') ?? 'info' })
  const lock = await holdStartupLock({ databaseUrl: options.storage.databaseUrl, logger })
  try {
    const running = await start(options, logger)
    // The job queue's schema and queues are start-up steps too, and with `resolveWhenAnswering` they come
    // after this resolves: the lock is held until they are done (two processes making them at once deadlock).
    void running.background.then(lock.release, lock.release)
    return running
  } catch (error) {
    await lock.release()
    throw error
  }
}

async function start(options: StartServerOptions, logger: Logger): Promise<RunningServer> {
  const env = options.env ?? process.env
  const now = options.now ?? (() => Date.now())
  const startedAt = performance.now()
  // Before the database is touched: a server database without FRONTDESK_MASTER_KEY is refused outright.
  const { masterKey, previousMasterKeys } = await loadMasterKey({
    env,
    dataDir: options.storage.dataDir,
    databaseUrl: options.storage.databaseUrl,
    logger,
  })
  // Before the database too: a FRONTDESK_RATE_LIMITS that cannot be read stops the start.
  const rateLimitOverrides = rateLimitsFromEnv(env.FRONTDESK_RATE_LIMITS)
  // And FRONTDESK_REGION, which must be a region code when set.
  const region = regionFromEnv(env)
  // And FRONTDESK_KEEP_ALIVE_SECONDS (./keep-alive.ts).
  const keepAliveSeconds = keepAliveFromEnv(env)
  const { opened, migrated } = await openAndMigrate(options.storage, logger)
  const cipher = new FieldCipher({ system: opened.system, masterKey, previousMasterKeys })
  try {
    // A wrong key would seal new clinics' data under it and open nothing old: better not to start.
    await cipher.verifyMasterKey()
    // Another region's clinics in this database would be served from here: better not to start either.
    await assertClinicsInRegion(opened.system, region)
    await finishDataSteps(opened, cipher, migrated, logger)
  } catch (error) {
    await opened.close()
    throw error
  }
  if (previousMasterKeys.length > 0) {
    logger.info(
      'master key rotation: keys wrapped by a previous master key still open; once every API process has ' +
        'restarted with both keys, run `frontdesk keys rotate-master`, then remove FRONTDESK_MASTER_KEY_PREVIOUS',
      {
        event: 'master-key-previous',
        current: masterKey.id,
        previous: previousMasterKeys.map((key) => key.id).join(','),
      },
    )
  }
  // Development only: lets webhooks reach a receiver on this machine or a private network.
  const allowPrivate = env.FRONTDESK_WEBHOOKS_ALLOW_PRIVATE === '1'
  // The listening port decides the URL when no public one is given, so the app is made once it is known;
  // until then the gate answers 503 (./starting-gate.ts).
  const gate = startingGate({ publicUrl: options.publicUrl })
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve(
      {
        fetch: gate.fetch,
        port: options.port,
        hostname: options.hostname ?? '0.0.0.0',
      },
      () => resolve(started),
    )
    applyKeepAlive(started, keepAliveSeconds)
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const url = options.publicUrl?.replace(/\/$/, '') ?? `http://localhost:${port}`
  const messaging = messagingFromEnv(env, url)
  if (!messaging.transports.email && !messaging.transports.text) {
    logger.warn(
      'patient messages are not sent: set FRONTDESK_SMTP_URL and/or the FRONTDESK_TWILIO_* variables',
    )
  }
  const staff = lazyStaffAuth({
    db: opened.system,
    baseUrl: url,
    secret: masterKey.deriveKey('staff sessions'),
    // Two-factor secrets sealed under a previous key keep opening until rotate-master re-seals them.
    previousSecrets: previousMasterKeys.map((key) => key.deriveKey('staff sessions')),
    // The SMTP server patient email uses when there is one; the outbox folder only without one.
    mailer: staffMailer({
      email: messaging.transports.email,
      mailFrom: messaging.mailFrom,
      outboxDir: options.outboxDir ?? join(options.storage.dataDir, 'outbox'),
      logger,
    }),
    logger,
  })
  const app = createApp(
    {
      db: opened.db,
      system: opened.system,
      logger,
      now,
      changes: opened.changes,
      cipher,
      webhooks: { allowPrivate },
      staff,
      messaging: {
        publicUrl: url,
        twilio: messaging.twilio,
        transports: messaging.transports,
        mailFrom: messaging.mailFrom,
      },
      rateLimits: openRateLimits(opened, rateLimitOverrides, logger),
    },
    { trustedProxies: options.trustedProxies ?? [] },
  )
  gate.open(app)
  const openedAt = performance.now()
  let background: BackgroundWork | undefined
  let closing = false
  let closingNow = () => {}
  const closeCalled = new Promise<void>((resolve) => {
    closingNow = resolve
  })
  const backgroundStarted = (async () => {
    await Promise.race([options.backgroundAfter?.catch(() => {}), closeCalled])
    if (options.resolveWhenAnswering && opened.storage === 'pglite' && !closing) {
      // The first answer, then a pause in the requests (a probe's retries, a page's scripts): the queue's
      // start-up holds PGlite's one session for a while, and would hold those requests with it.
      const aSecond = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())
      await Promise.race([gate.firstAnswer, aSecond, closeCalled])
      await Promise.race([gate.quiet(250, 2000), closeCalled])
    }
    gate.stopCounting()
    if (closing) return
    try {
      background = await startBackgroundWork({
        opened,
        cipher,
        messaging,
        env,
        url,
        allowPrivate,
        logger,
        now,
      })
      // Staff sign-in loads now, while the server is idle, rather than on the first sign-in.
      staff
        .load()
        .catch((error: Error) => logger.error('staff sign-in could not load', { error: error.message }))
    } catch (error) {
      closing = true
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await messaging.transports.close()
      await opened.close()
      throw error
    }
  })()
  const listening = () =>
    logger.info('listening', {
      url,
      storage: opened.storage,
      region,
      // From startServer to the gate's opening, and from the process's own start (module loading included):
      // how long `frontdesk serve` took to answer requests (bench/startup.ts times it from outside).
      readyMs: Math.round(openedAt - startedAt),
      processReadyMs: Math.round(openedAt),
    })
  if (options.resolveWhenAnswering) {
    listening()
    // The caller hears of a failure through `background`; unheard, it would end the process unexplained.
    backgroundStarted.catch(() => {})
  } else {
    await backgroundStarted
    listening()
  }
  return {
    url,
    server,
    opened,
    cipher,
    background: backgroundStarted,
    async close() {
      closing = true
      closingNow()
      // A start still under way finishes first, so that what it started is stopped too; one that failed
      // closed everything already.
      const started = await backgroundStarted.then(
        () => true,
        () => false,
      )
      if (!started) return
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await background?.stop()
      await messaging.transports.close()
      await opened.close()
    },
  }
}

/**
 * Seals patient details stored in clear before 0020, and signs the heads of chains from before 0022, when
 * migrate could not (it has no master key); nothing when it found both steps done.
 */
async function finishDataSteps(
  opened: OpenedDatabase,
  cipher: FieldCipher,
  migrated: MigrationResult,
  logger: Logger,
): Promise<void> {
  if (migrated.sealing.state !== 'done') {
    const sealing = await sealExistingData(opened.system, cipher)
    if (sealing.state === 'done' && sealing.sealed > 0) {
      logger.info('sealed patient details stored before 0020', {
        event: 'sealed-existing',
        rows: sealing.sealed,
      })
    }
  }
  if (migrated.anchoring.state !== 'done') {
    const anchoring = await anchorExistingChains(opened.system, cipher.chainHeads)
    if (anchoring.state === 'done' && anchoring.anchored > 0)
      logger.info('signed the heads of chains from before 0022', {
        event: 'anchored-existing',
        chains: anchoring.anchored,
      })
  }
}
