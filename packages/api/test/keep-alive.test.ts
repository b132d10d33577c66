// A load balancer keeps its connections to the API open for a minute or more and sends the next request on
// one that has been idle: the server must not have closed it (a reset there is a 502 for the patient).
import { mkdtemp, rm } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { DEFAULT_KEEP_ALIVE_SECONDS, KeepAliveError, keepAliveFromEnv } from '../src/keep-alive.js'
import { createLogger } from '../src/logger.js'
import { type RunningServer, startServer } from '../src/server.js'
import { TEST_MASTER_KEY_ENV } from './harness.js'

describe('FRONTDESK_KEEP_ALIVE_SECONDS', () => {
  it('is 65 s unless set, longer than the common load balancers keep an idle connection', () => {
    expect(DEFAULT_KEEP_ALIVE_SECONDS).toBeGreaterThan(60)
    expect(keepAliveFromEnv({})).toBe(DEFAULT_KEEP_ALIVE_SECONDS)
    expect(keepAliveFromEnv({ FRONTDESK_KEEP_ALIVE_SECONDS: ' ' })).toBe(DEFAULT_KEEP_ALIVE_SECONDS)
    expect(keepAliveFromEnv({ FRONTDESK_KEEP_ALIVE_SECONDS: ' 620 ' })).toBe(620)
  })

  it.each(['0', '-5', '1.5', '65s', 'abc', '3601'])('refuses %j, saying what it takes', (value) => {
    expect(() => keepAliveFromEnv({ FRONTDESK_KEEP_ALIVE_SECONDS: value })).toThrow(KeepAliveError)
    expect(() => keepAliveFromEnv({ FRONTDESK_KEEP_ALIVE_SECONDS: value })).toThrow(
      /whole number of seconds from 1 to 3600/,
    )
  })
})

// Its own PGlite folder: the connection's life is the HTTP server's, whichever storage is under it.
describe.runIf(inject('storage').kind === 'pglite')('an idle connection to `serve`', () => {
  let dataDir = ''
  const servers: RunningServer[] = []
  const start = async (env: Record<string, string> = {}) => {
    const running = await startServer({
      port: 0,
      hostname: '127.0.0.1',
      storage: { dataDir },
      logger: createLogger({ level: 'silent' }),
      env: { FRONTDESK_MASTER_KEY: TEST_MASTER_KEY_ENV, FRONTDESK_WEBHOOK_DISPATCH: '0', ...env },
    })
    servers.push(running)
    return running
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-keep-alive-'))
  })
  afterAll(async () => {
    for (const running of servers.splice(0)) await running.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('still answers on the same connection after Node’s own 5 s idle limit, and says how long it waits', async () => {
    const running = await start()
    const connection = await open(running.url)
    try {
      const first = await connection.get('/healthz')
      expect(first.status).toBe(200)
      expect(first.headers['keep-alive']).toBe(`timeout=${DEFAULT_KEEP_ALIVE_SECONDS}`)
      await new Promise((resolve) => setTimeout(resolve, 7000))
      const second = await connection.get('/healthz')
      expect(second.status).toBe(200)
      expect(connection.reused()).toBe(true)
    } finally {
      connection.close()
    }
  }, 30_000)

  it('closes an idle connection after the time it is given', async () => {
    await servers.splice(0).reduce((done, running) => done.then(() => running.close()), Promise.resolve())
    const running = await start({ FRONTDESK_KEEP_ALIVE_SECONDS: '1' })
    const connection = await open(running.url)
    try {
      expect((await connection.get('/healthz')).headers['keep-alive']).toBe('timeout=1')
      // Node gives the client a moment beyond the time it announces before closing.
      await vi.waitFor(() => expect(connection.closedByServer()).toBe(true), { timeout: 5000, interval: 100 })
    } finally {
      connection.close()
    }
  }, 30_000)
})

interface Answer {
  status: number
  headers: Record<string, string>
}

/** One TCP connection, requests sent on it one after another, as a load balancer's pool would. */
async function open(url: string) {
  const { hostname, port } = new URL(url)
  const socket: Socket = connect(Number(port), hostname)
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  let buffered = ''
  let closed = false
  let answers = 0
  let waiting: ((answer: Answer) => void) | undefined
  socket.setEncoding('latin1')
  socket.on('close', () => {
    closed = true
  })
  socket.on('error', () => {})
  socket.on('data', (chunk: string) => {
    buffered += chunk
    const end = buffered.indexOf('\r\n\r\n')
    if (end < 0) return
    const [statusLine, ...lines] = buffered.slice(0, end).split('\r\n')
    const headers = Object.fromEntries(
      lines.map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
    )
    const length = Number(headers['content-length'] ?? 0)
    if (buffered.length < end + 4 + length) return
    buffered = buffered.slice(end + 4 + length)
    answers++
    waiting?.({ status: Number(statusLine!.split(' ')[1]), headers })
  })
  return {
    get(path: string): Promise<Answer> {
      if (closed) return Promise.reject(new Error('the server closed the connection'))
      return new Promise<Answer>((resolve, reject) => {
        waiting = resolve
        socket.once('close', () => reject(new Error('the server closed the connection')))
        socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAccept-Encoding: identity\r\n\r\n`)
      })
    },
    reused: () => answers > 1 && !closed,
    closedByServer: () => closed,
    close: () => socket.destroy(),
  }
}
