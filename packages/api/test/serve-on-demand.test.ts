// `frontdesk serve` as its own process loads staff sign-in and the job queue only once it answers: the parts it
// loads on demand still work on their first use over HTTP, and delivery starts without a request to wake it.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { main } from '../src/cli.js'

const cli = fileURLToPath(new URL('../bin/frontdesk.js', import.meta.url))
const port = 20_000 + Math.floor(Math.random() * 20_000)
const api = `http://127.0.0.1:${port}`
const ENV = ['DATABASE_URL', 'FRONTDESK_DATA_DIR', 'PORT'] as const
const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]))
let root = ''
let serve: ChildProcess | undefined
let output = ''
const owner = { email: '', password: '' }

// The embedded database's own start-up: PostgreSQL starts the same code with nothing to wait behind.
describe.runIf(inject('storage').kind === 'pglite')(
  'frontdesk serve on PGlite, its parts loaded on demand',
  () => {
    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'frontdesk-on-demand-'))
      const dataDir = join(root, 'data')
      setEnv({ FRONTDESK_DATA_DIR: dataDir, PORT: String(port) })
      const out: string[] = []
      const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)))
      try {
        expect(await main(['seed', '--json'])).toBe(0)
      } finally {
        log.mockRestore()
        setEnv(saved)
      }
      const seeded = JSON.parse(out.join('\n')) as { staff: { email: string; password: string } }
      Object.assign(owner, seeded.staff)

      const { DATABASE_URL: _url, FRONTDESK_MASTER_KEY: _key, ...env } = process.env
      serve = spawn(process.execPath, [cli, 'serve'], {
        env: { ...env, FRONTDESK_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const heard = (chunk: Buffer) => {
        output += chunk.toString()
      }
      serve.stdout!.on('data', heard)
      serve.stderr!.on('data', heard)
      await vi.waitFor(
        async () => {
          if (serve?.exitCode !== null) throw new Error(`frontdesk serve exited:\n${output}`)
          const ready = await fetch(`${api}/readyz`).catch(() => undefined)
          expect(ready?.status).toBe(200)
        },
        { timeout: 90_000, interval: 100 },
      )
    }, 120_000)

    afterAll(async () => {
      serve?.kill('SIGTERM')
      if (serve && serve.exitCode === null) await new Promise((resolve) => serve!.once('exit', resolve))
      await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
    })

    it('signs a staff member in on the first request that needs staff sign-in', async () => {
      const signIn = await fetch(`${api}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: `http://localhost:${port}` },
        body: JSON.stringify(owner),
      })
      expect(signIn.status).toBe(200)
      expect(((await signIn.json()) as { user: { email: string } }).user.email).toBe(owner.email)
      const cookie = signIn.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; ')
      const session = await fetch(`${api}/api/auth/get-session`, { headers: { Cookie: cookie } })
      expect(((await session.json()) as { user: { email: string } }).user.email).toBe(owner.email)
    })

    it('starts webhook and message delivery once it answers, and says it listens', async () => {
      await vi.waitFor(() => expect(output).toMatch(/"message":"listening"/), { timeout: 30_000 })
      await vi.waitFor(() => expect(output).toMatch(/delivering webhooks and messages/), { timeout: 30_000 })
      expect(serve?.exitCode).toBeNull()
    })
  },
)

function setEnv(env: Partial<Record<(typeof ENV)[number], string>>) {
  for (const name of ENV) {
    const value = env[name]
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
}
