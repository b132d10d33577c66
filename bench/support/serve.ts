// Child process serving the Frontdesk API or the bare endpoint on a local port, apart from the load generator.

import {
  createApp,
  createLogger,
  openDatabase,
  openRateLimits,
  RATE_POLICIES,
  rateLimitsFromEnv,
} from '@frontdesk/api/testing'
import { serve } from '@hono/node-server'
import { createBareApp } from './bare-endpoint.js'
import { benchCipher } from './master-key.js'

export type ServedKind = 'api' | 'bare'

const kind = process.env.BENCH_SERVE_KIND as ServedKind
const databaseUrl = process.env.BENCH_SERVE_DATABASE_URL ?? ''
const poolSize = Number(process.env.BENCH_SERVE_POOL_SIZE ?? 10)
const OUT_OF_REACH = Object.keys(RATE_POLICIES)
  .map((name) => `${name}=1000000000/60`)
  .join(',')

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

const served = await build()
const server = serve({ fetch: served.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.send?.({ port: info.port })
})

async function shutdown() {
  server.close()
  await served.close().catch(() => {})
  process.exit(0)
}

process.on('message', (message) => {
  if (message === 'close') void shutdown()
})
// The parent went away: don't outlive it.
process.on('disconnect', () => void shutdown())
