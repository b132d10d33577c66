// A database that does not answer, rather than one that refuses: every pooled connection busy, or a server
// address that swallows packets after a failover. A request waits a few seconds at most, then answers 503
// with Retry-After in the one shape, never hanging until the operating system gives up minutes later.
import { connect, createServer, type Server, type Socket } from 'node:net'
import { describe, expect, inject, it } from 'vitest'
import { createApp } from '../src/app.js'
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { type OpenedDatabase, openDatabase } from '../src/db/database.js'
import { createApiKey } from '../src/keys/store.js'
import { createLogger } from '../src/logger.js'
import { createTestClinic, TEST_MASTER_KEY, useHarness } from './harness.js'

const storage = inject('storage')
const CONNECT_TIMEOUT_MS = 300
const STUCK_AFTER_MS = 600

describe.runIf(storage.kind === 'postgres')('a database that does not answer in time', () => {
  const harness = useHarness()
  const serverUrl = storage.kind === 'postgres' ? storage.url : ''
  /** The server's URL with another local port in front of it. */
  const via = (port: number) => Object.assign(new URL(serverUrl), { host: `127.0.0.1:${port}` }).toString()

  const appOn = (opened: OpenedDatabase, logs: string[]) =>
    createApp({
      db: opened.db,
      system: opened.system,
      cipher: new FieldCipher({ system: opened.system, masterKey: TEST_MASTER_KEY }),
      logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }),
      now: () => Date.now(),
      changes: opened.changes,
    })

  it('answers 503 when every pooled connection stays busy, and serves again once one is free', async () => {
    const clinic = await createTestClinic(harness)
    const opened = await openDatabase({ url: serverUrl, poolSize: 1, connectTimeoutMs: CONNECT_TIMEOUT_MS })
    const logs: string[] = []
    try {
      const app = appOn(opened, logs)
      const services = () =>
        app.request('/v1/services', { headers: { Authorization: `Bearer ${clinic.sk}` } })
      expect((await services()).status).toBe(200)

      let release = () => {}
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      // The pool's one app connection, taken by a long piece of work.
      const busy = opened.db.connection().execute(() => held)
      try {
        const started = performance.now()
        const answer = await withinFiveSeconds(services())
        expect(performance.now() - started).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 50)
        expect(answer.status).toBe(503)
        expect(answer.headers.get('Retry-After')).toBe('5')
        expect(await answer.json()).toEqual({
          error: { code: 'UNAVAILABLE', message: expect.any(String), requestId: expect.any(String) },
        })
      } finally {
        release()
        await busy
      }
      expect((await services()).status).toBe(200)
      expect(logs.some((line) => line.includes('unhandled error'))).toBe(false)
    } finally {
      await opened.close()
    }
  })

  it('opens, and answers 503 within seconds, on a server address that accepts connections and never answers', async () => {
    const silent = await silentServer()
    const logs: string[] = []
    try {
      const url = via(silent.port)
      const opening = openDatabase({ url, connectTimeoutMs: CONNECT_TIMEOUT_MS })
      const opened = await Promise.race([
        opening,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('openDatabase still waiting after 5 s')), 5000),
        ),
      ])
      try {
        // Nothing told of changes meanwhile: the caches must not trust a feed that never started.
        expect(opened.changes.live).toBe(false)
        const started = performance.now()
        const answer = await appOn(opened, logs).request('/v1/services', {
          headers: { Authorization: `Bearer sk_test_${'a'.repeat(40)}` },
        })
        expect(answer.status).toBe(503)
        expect(answer.headers.get('Retry-After')).toBe('5')
        expect(performance.now() - started).toBeLessThan(3000)
        expect(silent.connections()).toBeGreaterThan(0)
      } finally {
        await opened.close()
      }
    } finally {
      await silent.close()
    }
    expect(logs.some((line) => line.includes('unhandled error'))).toBe(false)
  })

  it('fails a booking whose claim goes unanswered mid-statement (503 within a second), and books again once the address answers', async () => {
    const clinic = await createTestClinic(harness)
    const proxy = await swallowingProxy(new URL(serverUrl))
    const logs: string[] = []
    try {
      const url = via(proxy.port)
      const opened = await openDatabase({
        url,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
        stuckAfterMs: STUCK_AFTER_MS,
      })
      try {
        const app = appOn(opened, logs)
        const book = (startsAt: string) =>
          app.request('/v1/bookings', {
            method: 'POST',
            headers: { Authorization: `Bearer ${clinic.sk}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              serviceId: clinic.serviceId,
              practitionerId: clinic.practitionerIds[0],
              startsAt,
              patient: { name: 'Maria Muster', email: 'maria@example.org', dateOfBirth: '1985-04-12' },
            }),
          })
        const [first, second] = weekdayMornings(2) as [string, string]
        // The key, the catalogue and the clinic's data key are in memory from here on: a booking's only
        // statement is its claim.
        const made = await book(first)
        expect(made.status, await made.clone().text()).toBe(201)

        proxy.swallow(true)
        const started = performance.now()
        const answer = await withinFiveSeconds(book(second))
        expect(performance.now() - started).toBeGreaterThanOrEqual(STUCK_AFTER_MS - 50)
        expect(answer.status).toBe(503)
        expect(answer.headers.get('Retry-After')).toBe('5')
        expect(await answer.json()).toEqual({
          error: { code: 'UNAVAILABLE', message: expect.any(String), requestId: expect.any(String) },
        })

        // The address answers again: the broken connection is gone from the pool, and the time is still
        // free (the stuck claim never reached the server).
        proxy.swallow(false)
        expect((await book(second)).status).toBe(201)
      } finally {
        await opened.close()
      }
    } finally {
      await proxy.close()
    }
    expect(logs.some((line) => line.includes('unhandled error'))).toBe(false)
  })

  it("refuses a key revoked elsewhere within seconds when the change feed's connection goes silent", async () => {
    const clinic = await createTestClinic(harness)
    const { key, token } = await createApiKey(harness.deps.system, clinic.clinicId, { kind: 'secret' })
    const proxy = await swallowingProxy(new URL(serverUrl))
    try {
      const url = via(proxy.port)
      const opened = await openDatabase({ url, connectTimeoutMs: CONNECT_TIMEOUT_MS, feedHeartbeatMs: 200 })
      try {
        const app = appOn(opened, [])
        const services = () => app.request('/v1/services', { headers: { Authorization: `Bearer ${token}` } })
        // Remembered from here on, trusted while the feed is live.
        expect((await services()).status).toBe(200)
        expect(opened.changes.live).toBe(true)

        // Only the feed's connection goes silent (a NAT that forgot an idle flow): the pools still answer.
        proxy.swallow(true, (startup) => startup.includes('frontdesk-changes'))
        const revoked = await harness.call('POST', `/v1/keys/${key.id}/revoke`, { token: clinic.sk })
        expect(revoked.status).toBe(200)
        // A beat every 200 ms, answered within 300 ms: dark in about half a second (3 s allowed for a busy
        // machine), where the remembered key would otherwise be trusted for its minute.
        expect(await within(3000, () => !opened.changes.live)).toBe(true)
        expect((await services()).status).toBe(401)

        proxy.swallow(false)
        expect(await within(5000, () => opened.changes.live)).toBe(true)
      } finally {
        await opened.close()
      }
    } finally {
      await proxy.close()
    }
  })
})

describe.skipIf(storage.kind === 'postgres')('a database that does not answer in time', () => {
  it.skip('needs a PostgreSQL server (TEST_DATABASE_URL): PGlite runs in this process and has no connections to wait for', () => {})
})

/** A TCP port that accepts every connection and never says a word, as an address that swallows packets. */
async function silentServer(): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  let accepted = 0
  const server: Server = createServer((socket) => {
    accepted++
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    connections: () => accepted,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** The answer, or a failure if it has not come within 5 s: what hanging looks like here. */
async function withinFiveSeconds(answer: Response | Promise<Response>): Promise<Response> {
  const late = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 5000))
  const first = await Promise.race([answer, late])
  if (first === 'still waiting') throw new Error('the request was still waiting after 5 s')
  return first
}

/** Whether `condition` holds within `ms`, looked at every 50 ms. */
async function within(ms: number, condition: () => boolean): Promise<boolean> {
  const started = performance.now()
  while (!condition() && performance.now() - started < ms)
    await new Promise((resolve) => setTimeout(resolve, 50))
  return condition()
}

/** 09:00 UTC (10:00 or 11:00 in Berlin) on the next `count` weekdays at least two days from now. */
function weekdayMornings(count: number): string[] {
  const mornings: string[] = []
  for (let day = 2; mornings.length < count; day++) {
    const date = new Date(Date.now() + day * 86_400_000)
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue
    date.setUTCHours(9, 0, 0, 0)
    mornings.push(date.toISOString())
  }
  return mornings
}

/**
 * A TCP proxy to `target` that can stop passing bytes either way, as a server address that goes silent: every
 * connection, or those whose start-up message (it names the application) `which` picks.
 */
async function swallowingProxy(target: URL): Promise<{
  port: number
  swallow(on: boolean, which?: (startup: string) => boolean): void
  close(): Promise<void>
}> {
  let swallowing: ((startup: string) => boolean) | null = null
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname)
    let startup: string | undefined
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => {
        sockets.delete(socket)
        other.destroy()
      })
      socket.on('data', (chunk) => {
        if (socket === client) startup ??= chunk.toString('latin1')
        if (!swallowing?.(startup ?? '')) other.write(chunk)
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    swallow: (on, which = () => true) => {
      swallowing = on ? which : null
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
