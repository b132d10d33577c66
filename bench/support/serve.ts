// Child process serving the Frontdesk API or the bare endpoint on a local port, apart from the load generator.
// `api` is the app alone; `frontdesk` starts it as `frontdesk serve` does (startServer: webhook and message
// dispatch included unless BENCH_SERVE_DISPATCH=0), on the server database or a PGlite data folder.

import {
  createApp,
  createLogger,
  openDatabase,
  openRateLimits,
  RATE_POLICIES,
  rateLimitsFromEnv,
  startServer,
} from '@frontdesk/api/testing'
import { serve } from '@hono/node-server'
import { createBareApp } from './bare-endpoint.js'
import { BENCH_MASTER_KEY_ENV, benchCipher } from './master-key.js'

export type ServedKind = 'api' | 'bare' | 'frontdesk'

const kind = process.env.BENCH_SERVE_KIND as ServedKind
const databaseUrl = process.env.BENCH_SERVE_DATABASE_URL ?? ''
/** PGlite's data folder, for `frontdesk` without a database URL. */
const dataDir = process.env.BENCH_SERVE_DATA_DIR ?? ''
const poolSize = Number(process.env.BENCH_SERVE_POOL_SIZE ?? 10)
const OUT_OF_REACH = Object.keys(RATE_POLICIES)
  .map((name) => `${name}=1000000000/60`)
  .join(',')

interface Served {
  port: number
  close(): Promise<void>
}

/** The real server path: migrations, the job queue, webhook dispatch and the starting gate. */
async function startFrontdesk(): Promise<Served> {
  const running = await startServer({
    port: 0,
    hostname: '127.0.0.1',
    storage: { databaseUrl: databaseUrl || undefined, dataDir },
    logger: createLogger({ level: 'info' }),
    env: {
      ...process.env,
      FRONTDESK_MASTER_KEY: BENCH_MASTER_KEY_ENV,
      FRONTDESK_WEBHOOKS_ALLOW_PRIVATE: '1',
      FRONTDESK_WEBHOOK_DISPATCH: process.env.BENCH_SERVE_DISPATCH === '0' ? '0' : '1',
      FRONTDESK_RATE_LIMITS: process.env.FRONTDESK_RATE_LIMITS ?? OUT_OF_REACH,
    },
  })
  const address = running.server.address()
  return { port: typeof address === 'object' && address ? address.port : 0, close: running.close }
}

async function build(): Promise<{
  fetch: (request: Request) => Response | Promise<Response>
  close(): Promise<void>
}> {
  if (kind === 'bare') {
    const bare = createBareApp(databaseUrl, poolSize)
    return { fetch: bare.app.fetch, close: bare.close }
  }
  const opened = await openDatabase({ url: databaseUrl, poolSize })
  // As in production: one access log line per request (to /dev/null here: see ./server.ts).
  const logger = createLogger({ level: 'info' })
  const app = createApp({
    db: opened.db,
    system: opened.system,
    cipher: benchCipher(opened.system),
    logger,
    now: () => Date.now(),
    changes: opened.changes,
    // Counted as in production, with limits out of reach: the bench measures what counting costs, not
    // refusals. FRONTDESK_RATE_LIMITS=off measures without counting.
    rateLimits: openRateLimits(
      opened,
      rateLimitsFromEnv(process.env.FRONTDESK_RATE_LIMITS ?? OUT_OF_REACH),
      logger,
    ),
  })
  return { fetch: app.fetch, close: opened.close }
}

async function serveApp(): Promise<Served> {
  const built = await build()
  return new Promise((resolve) => {
    const server = serve({ fetch: built.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        port: info.port,
        async close() {
          server.close()
          await built.close()
        },
      }),
    )
  })
}

const served = kind === 'frontdesk' ? await startFrontdesk() : await serveApp()
process.send?.({ port: served.port })

async function shutdown() {
  await served.close().catch(() => {})
  process.exit(0)
}

process.on('message', (message) => {
  if (message === 'close') void shutdown()
})
// The parent went away: don't outlive it.
process.on('disconnect', () => void shutdown())
