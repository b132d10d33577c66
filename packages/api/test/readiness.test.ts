// Liveness and readiness as a load balancer sees them: /healthz answers while the database is away (so
// nothing restarts a process that recovers by itself); /readyz answers 200 only when the database does,
// and otherwise a 503 in the one error shape with Retry-After, also when the database hangs.
import { createServer, type Socket } from 'node:net'
import { ErrorBody, Health, Readiness } from '@frontdesk/contracts'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { openDatabase } from '../src/db/database.js'
import type { Database } from '../src/db/schema.js'
import { createLogger } from '../src/logger.js'
import { useHarness } from './harness.js'

const harness = useHarness()

/** An app whose connections are `db`, logging into `logs`. */
function appOn(db: Kysely<Database>, logs: string[]) {
  return createApp({
    db,
    system: db,
    logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }),
    now: () => Date.now(),
  })
}

async function expectNotReady(response: Response) {
  expect(response.status).toBe(503)
  expect(response.headers.get('Retry-After')).toBe('5')
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  const body = ErrorBody.strict().parse(await response.json())
  expect(body.error.code).toBe('UNAVAILABLE')
  expect(body.error.requestId).toBe(response.headers.get('X-Request-Id'))
}

describe('with the database up', () => {
  it('is alive and ready', async () => {
    const live = await harness.call('GET', '/healthz')
    expect(live.status).toBe(200)
    expect(Health.parse(live.body)).toEqual({ status: 'ok' })
    const ready = await harness.call('GET', '/readyz')
    expect(ready.status).toBe(200)
    expect(Readiness.parse(ready.body)).toEqual({ status: 'ready' })
    expect(ready.headers.get('Cache-Control')).toBe('no-store')
  })
})

describe('with a database that refuses connections', () => {
  it('stays alive, and is not ready: 503 in the one shape with Retry-After, no 500 logged', async () => {
    // Nothing listens on port 1: every connection is refused, as while a server restarts.
    const opened = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/frontdesk' })
    const logs: string[] = []
    try {
      const app = appOn(opened.db, logs)
      const live = await app.request('/healthz')
      expect(live.status).toBe(200)
      expect(await live.json()).toEqual({ status: 'ok' })
      await expectNotReady(await app.request('/readyz'))
      expect(logs.some((line) => line.includes('unhandled error'))).toBe(false)
      expect(logs.some((line) => line.includes('not ready'))).toBe(true)
    } finally {
      await opened.close()
    }
  })
})

describe('with a database that accepts connections and never answers', () => {
  it('is not ready after a short wait, rather than holding the probe', async () => {
    // A black hole: the TCP connection opens, the server never speaks (a wedged or half-failed-over host).
    const sockets = new Set<Socket>()
    const server = createServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => {})
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as { port: number }).port
    const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/frontdesk` })
    pool.on('error', () => {})
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    try {
      const logs: string[] = []
      await expectNotReady(await appOn(db, logs).request('/readyz'))
      expect(logs.some((line) => line.includes('TimeoutError'))).toBe(true)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
      await db.destroy()
    }
  }, 15_000)
})
