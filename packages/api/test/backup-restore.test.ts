// Backing up the embedded database and restoring it as an operator does: a real `frontdesk serve` takes a
// booking, the CLI backs the folder up, the folder is wiped, and the restore brings the booking back.
// The steps build on one another, in order, on one data folder.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { main } from '../src/cli.js'
import { createLogger } from '../src/logger.js'
import { startServer } from '../src/server.js'

const cli = fileURLToPath(new URL('../bin/frontdesk.js', import.meta.url))
const port = 20_000 + Math.floor(Math.random() * 20_000)
const api = `http://127.0.0.1:${port}`
/** The origin seed allows for `serve` on PORT, which a publishable key must be used from. */
const origin = `http://localhost:${port}`
const ENV = ['DATABASE_URL', 'FRONTDESK_DATA_DIR', 'FRONTDESK_MASTER_KEY', 'PORT'] as const
const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]))
let root = ''
let dataDir = ''
let archive = ''
let serve: ChildProcess | undefined
let masterKey = ''
const demo = { secretKey: '', publishableKey: '', serviceId: '', consentDocuments: [] as string[] }
const made = { bookingId: '', consentRecordId: '' }

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'frontdesk-backup-'))
  dataDir = join(root, 'data')
  archive = join(root, 'nightly.tar.gz')
})

afterAll(async () => {
  serve?.kill('SIGTERM')
  setEnv(saved)
  await rm(root, { recursive: true, force: true })
})

/** Runs one command as the CLI would, with `env` on top of a clean environment, and returns its exit code and output. */
async function frontdesk(env: Partial<Record<(typeof ENV)[number], string>>, ...args: string[]) {
  setEnv({ FRONTDESK_DATA_DIR: dataDir, ...env })
  const out: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)))
  const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void out.push(String(line)))
  try {
    return { code: await main(args), out: out.join('\n') }
  } finally {
    log.mockRestore()
    error.mockRestore()
    setEnv(saved)
  }
}

function setEnv(env: Partial<Record<(typeof ENV)[number], string>>) {
  for (const name of ENV) {
    const value = env[name]
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
}

/** `frontdesk serve` as its own process on the data folder, holding its lock, with the key it generates there. */
async function startServe(): Promise<ChildProcess> {
  const { DATABASE_URL: _url, FRONTDESK_MASTER_KEY: _key, ...env } = process.env
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: {
      ...env,
      FRONTDESK_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      FRONTDESK_WEBHOOK_DISPATCH: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('frontdesk serve did not start within 60 s')), 60_000)
    child.stderr!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Frontdesk API on')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => reject(new Error(`frontdesk serve exited with ${code}`)))
  })
  return child
}

async function call(method: string, path: string, token: string, body?: unknown, base = api) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(token.startsWith('pk_') && { Origin: origin }),
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  return { status: response.status, body: (await response.json()) as any }
}

/** Whatever a restore left beside the data folder: staging folders, moved-aside folders. */
const besideData = async () => (await readdir(root)).filter((name) => name.startsWith('data.')).sort()

// The embedded database's own commands, on folders of their own: the PostgreSQL run has nothing to add.
describe.runIf(inject('storage').kind === 'pglite')('frontdesk backup and restore', () => {
  it('refuses a PostgreSQL server and points to pg_dump, pg_restore and point-in-time recovery', async () => {
    const env = { DATABASE_URL: 'postgres://frontdesk@db.invalid/frontdesk' }
    const backup = await frontdesk(env, 'backup', archive)
    expect(backup.code).toBe(2)
    expect(backup.out).toMatch(/pg_dump -Fc/)
    expect(backup.out).toMatch(/point-in-time recovery/)
    const restore = await frontdesk(env, 'restore', archive)
    expect(restore.code).toBe(2)
    expect(restore.out).toMatch(/pg_restore/)
    expect(existsSync(archive)).toBe(false)
  })

  it('takes a booking and a consent through the running API, and refuses to back up while serve holds the folder', async () => {
    const seeded = await frontdesk({ PORT: String(port) }, 'seed', '--json')
    expect(seeded.code).toBe(0)
    const seed = JSON.parse(seeded.out)
    Object.assign(demo, {
      secretKey: seed.secretKey,
      publishableKey: seed.publishableKey,
      serviceId: seed.serviceIds[0],
      consentDocuments: seed.bookingConsentDocuments,
    })
    serve = await startServe()

    const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
    const to = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10)
    const query = `serviceId=${demo.serviceId}&from=${from}&to=${to}`
    const slots = await call('GET', `/v1/availability?${query}`, demo.publishableKey)
    const startsAt = slots.body.days.flatMap((day: any) => day.slots)[0].startsAt
    const patient = { name: 'Jane Doe', email: 'jane@example.com', dateOfBirth: '1990-02-03' }
    const booked = await call('POST', '/v1/bookings', demo.publishableKey, {
      serviceId: demo.serviceId,
      startsAt,
      patient,
    })
    expect(booked.status).toBe(201)
    made.bookingId = booked.body.booking.id
    const documents = await Promise.all(
      demo.consentDocuments.map(
        async (id) => (await call('GET', `/v1/consent/documents/${id}`, demo.publishableKey)).body,
      ),
    )
    const checkbox = documents.find((document) => document.current.method === 'checkbox')
    const text = checkbox.current.texts.find((entry: any) => entry.language === 'en')
    const consent = await call('POST', '/v1/consent/records', booked.body.visitToken, {
      documentId: checkbox.id,
      version: checkbox.current.version,
      language: 'en',
      textHash: text.hash,
      decision: 'given',
      signer: { relation: 'self' },
    })
    expect(consent.status).toBe(201)
    made.consentRecordId = consent.body.record.id

    const refused = await frontdesk({}, 'backup', archive)
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(new RegExp(`in use by process ${serve.pid}`))
    expect(refused.out).toMatch(/stop the API first/)
    expect(refused.out).toMatch(/pg_dump/)
    expect(existsSync(archive)).toBe(false)

    const stopped = new Promise((resolve) => serve!.once('exit', resolve))
    serve.kill('SIGTERM')
    await stopped
    serve = undefined
  }, 180_000)

  it('writes an archive only its owner can read, without the master key serve generated in the folder', async () => {
    masterKey = (await readFile(join(dataDir, 'master.key'), 'utf8')).trim()
    const backup = await frontdesk({}, 'backup', archive)
    expect(backup.code, backup.out).toBe(0)
    expect(backup.out).toMatch(/Wrote .*nightly\.tar\.gz: \d+\.\d MB, 1 clinic, schema at \d{4}_\w+\.sql\./)
    expect(backup.out).toMatch(/holds no master key/)
    expect(backup.out).toMatch(/apart from the backups/)
    expect((await stat(archive)).mode & 0o777).toBe(0o600)
    expect(await readdir(root)).toEqual(['data', 'nightly.tar.gz'])

    const tar = gunzipSync(await readFile(archive))
    expect(tar.includes('/PG_VERSION\0')).toBe(true)
    const keyBytes = Buffer.from(masterKey, 'base64')
    expect(keyBytes).toHaveLength(32)
    for (const secret of [keyBytes, masterKey, keyBytes.toString('base64url'), '/master.key\0']) {
      expect(
        tar.includes(secret),
        `the archive holds ${typeof secret === 'string' ? secret : 'the raw key'}`,
      ).toBe(false)
    }
  }, 60_000)

  it('refuses to restore into a folder that holds a database, unless told to move it aside', async () => {
    const refused = await frontdesk({}, 'restore', archive)
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/not empty \(it holds a database\)/)
    expect(refused.out).toMatch(/--force/)
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true)
    expect(existsSync(join(dataDir, 'frontdesk.pid'))).toBe(false)
    expect(await besideData()).toEqual([])
  }, 60_000)

  it('refuses a master key that does not fit the backup, and leaves nothing behind', async () => {
    await rm(dataDir, { recursive: true })
    const wrongKey = randomBytes(32).toString('base64')
    const refused = await frontdesk({ FRONTDESK_MASTER_KEY: wrongKey }, 'restore', archive)
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/the master key in FRONTDESK_MASTER_KEY does not fit this backup/)
    expect(refused.out).toMatch(/wrapped by master key [0-9a-f]{16}/)
    expect(existsSync(dataDir)).toBe(false)
    expect(await besideData()).toEqual([])
  }, 60_000)

  it('restores into the wiped folder with the key kept apart: ledgers intact, the booking there', async () => {
    const env = { FRONTDESK_MASTER_KEY: masterKey }
    const restored = await frontdesk(env, 'restore', archive)
    expect(restored.code, restored.out).toBe(0)
    expect(restored.out).toMatch(/Restored .*nightly\.tar\.gz into .*: 1 clinic/)
    expect(restored.out).toMatch(/The master key from FRONTDESK_MASTER_KEY fits the restored data keys/)
    expect(await besideData()).toEqual([])

    const audit = await frontdesk(env, 'audit', 'verify')
    expect(audit).toEqual({ code: 0, out: expect.stringMatching(/: intact, \d+ records?$/) })
    const consent = await frontdesk(env, 'consent', 'verify')
    expect(consent).toEqual({ code: 0, out: expect.stringMatching(/: intact, \d+ records?$/) })

    const running = await startServer({
      port: 0,
      hostname: '127.0.0.1',
      storage: { dataDir },
      env: { FRONTDESK_MASTER_KEY: masterKey, FRONTDESK_WEBHOOK_DISPATCH: '0' },
      logger: createLogger({ level: 'silent' }),
    })
    try {
      const base = running.url.replace('localhost', '127.0.0.1')
      const booking = await call('GET', `/v1/bookings/${made.bookingId}`, demo.secretKey, undefined, base)
      expect(booking.status).toBe(200)
      expect(booking.body).toMatchObject({
        id: made.bookingId,
        status: 'confirmed',
        patient: { name: 'Jane Doe' },
      })
      const record = await call(
        'GET',
        `/v1/consent/records/${made.consentRecordId}`,
        demo.secretKey,
        undefined,
        base,
      )
      expect(record.status).toBe(200)
    } finally {
      await running.close()
    }
  }, 90_000)

  it('with --force, moves the folder there aside and keeps its master.key for the restored one', async () => {
    await writeFile(join(dataDir, 'master.key'), `${masterKey}\n`, { mode: 0o600 })
    const restored = await frontdesk({}, 'restore', archive, '--force')
    expect(restored.code, restored.out).toBe(0)
    expect(restored.out).toMatch(/The master key from .*master\.key fits/)
    const [aside, ...others] = await besideData()
    expect(others).toEqual([])
    expect(aside).toMatch(/^data\.before-restore-\d{4}-\d\d-\d\dT/)
    expect(restored.out).toContain(aside)
    expect(existsSync(join(root, aside!, 'PG_VERSION'))).toBe(true)
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true)
    expect((await readFile(join(dataDir, 'master.key'), 'utf8')).trim()).toBe(masterKey)
  }, 60_000)
})
