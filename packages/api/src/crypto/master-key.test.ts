// Loading the master key: from FRONTDESK_MASTER_KEY, generated once beside PGlite's data, refused for a server.
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../logger.js'
import { MasterKeyError } from './errors.js'
import { loadMasterKey, MasterKey } from './master-key.js'

let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'frontdesk-master-key-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Bytes whose base64 and base64url differ (`+/` against `-_`), so each alphabet is really tested. */
const bytes = Buffer.alloc(32, 0xfb)
const expectedId = createHash('sha256').update(bytes).digest().subarray(0, 8).toString('hex')

function recordingLogger() {
  const lines: { level: string; message: string; path?: string }[] = []
  const logger = createLogger({ level: 'debug', write: (line) => void lines.push(JSON.parse(line)) })
  return { logger, lines }
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(MasterKeyError)
  return error as Error
}

describe('FRONTDESK_MASTER_KEY', () => {
  it('is accepted in base64 and base64url, padded or not, with a trailing newline', async () => {
    const values = [
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('base64').replace(/=+$/, ''),
      `${bytes.toString('base64')}\n`,
    ]
    expect(values[0]).toMatch(/[+/]/)
    expect(values[1]).toMatch(/[-_]/)
    for (const value of values) {
      const { masterKey, previousMasterKeys } = await loadMasterKey({
        env: { FRONTDESK_MASTER_KEY: value },
        dataDir: dir,
      })
      expect(masterKey.id).toBe(expectedId)
      expect(previousMasterKeys).toEqual([])
    }
    // The environment wins: nothing is written beside the data.
    expect(await readdir(dir)).toEqual([])
  })

  it('is refused when it is not 32 bytes of base64, naming the variable but never echoing the value', async () => {
    const wrong = [
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      randomBytes(32).toString('hex'),
      'correct horse battery staple!',
    ]
    for (const value of wrong) {
      const error = await rejection(loadMasterKey({ env: { FRONTDESK_MASTER_KEY: value }, dataDir: dir }))
      expect(error.message).toContain('FRONTDESK_MASTER_KEY')
      expect(error.message).toContain('base64')
      expect(error.message).not.toContain(value)
    }
  })

  it('is required with a PostgreSQL server: no key is generated for a shared database', async () => {
    const error = await rejection(
      loadMasterKey({ env: {}, dataDir: dir, databaseUrl: 'postgres://db.example/frontdesk' }),
    )
    expect(error.message).toMatch(/FRONTDESK_MASTER_KEY is not set/)
    expect(error.message).toContain('DATABASE_URL')
    expect(await readdir(dir)).toEqual([])
  })
})

describe('FRONTDESK_MASTER_KEY_PREVIOUS', () => {
  const current = randomBytes(32).toString('base64')
  const idOf = (key: Buffer) => createHash('sha256').update(key).digest().subarray(0, 8).toString('hex')

  it('adds one or several previous keys, comma-separated, that only the ring holds', async () => {
    const [a, b] = [randomBytes(32), randomBytes(32)]
    const one = await loadMasterKey({
      env: { FRONTDESK_MASTER_KEY: current, FRONTDESK_MASTER_KEY_PREVIOUS: a.toString('base64url') },
      dataDir: dir,
    })
    expect(one.masterKey.id).toBe(idOf(Buffer.from(current, 'base64')))
    expect(one.previousMasterKeys.map((key) => key.id)).toEqual([idOf(a)])
    // Spaces, a trailing comma, a repeat and the current key itself add nothing.
    const several = await loadMasterKey({
      env: {
        FRONTDESK_MASTER_KEY: current,
        FRONTDESK_MASTER_KEY_PREVIOUS: ` ${a.toString('base64')} ,${b.toString('base64')},${a.toString('base64')},${current},`,
      },
      dataDir: dir,
    })
    expect(several.previousMasterKeys.map((key) => key.id)).toEqual([idOf(a), idOf(b)])
    for (const empty of ['', ' , ']) {
      const none = await loadMasterKey({
        env: { FRONTDESK_MASTER_KEY: current, FRONTDESK_MASTER_KEY_PREVIOUS: empty },
        dataDir: dir,
      })
      expect(none.previousMasterKeys).toEqual([])
    }
    expect(await readdir(dir)).toEqual([])
  })

  it('refuses a malformed key, naming the variable and its position but never the value', async () => {
    const good = randomBytes(32).toString('base64')
    const cases = [
      { value: randomBytes(16).toString('base64'), where: /FRONTDESK_MASTER_KEY_PREVIOUS must hold/ },
      { value: `${good},${randomBytes(31).toString('base64')}`, where: /PREVIOUS \(key 2 of 2\).*31 bytes/ },
      { value: `not a key; ${good}`, where: /PREVIOUS must hold.*not base64/ },
    ]
    for (const { value, where } of cases) {
      const error = await rejection(
        loadMasterKey({
          env: { FRONTDESK_MASTER_KEY: current, FRONTDESK_MASTER_KEY_PREVIOUS: value },
          dataDir: dir,
        }),
      )
      expect(error.message).toMatch(where)
      for (const part of value.split(',')) expect(error.message).not.toContain(part.trim())
      expect(error.message).not.toContain(current)
    }
  })

  it('needs FRONTDESK_MASTER_KEY to name the new key, and writes no key file without it', async () => {
    const error = await rejection(
      loadMasterKey({ env: { FRONTDESK_MASTER_KEY_PREVIOUS: current }, dataDir: dir }),
    )
    expect(error.message).toMatch(/FRONTDESK_MASTER_KEY_PREVIOUS is set but FRONTDESK_MASTER_KEY is not/)
    expect(error.message).not.toContain(current)
    expect(await readdir(dir)).toEqual([])
  })
})

describe('the embedded database without FRONTDESK_MASTER_KEY', () => {
  it('generates master.key (0600) on first run, warns where it is, and reuses it after', async () => {
    const dataDir = join(dir, 'data')
    const first = recordingLogger()
    const { masterKey: generated } = await loadMasterKey({ env: {}, dataDir, logger: first.logger })
    const path = join(dataDir, 'master.key')
    const text = await readFile(path, 'utf8')
    expect(Buffer.from(text.trim(), 'base64')).toHaveLength(32)
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect(await readdir(dataDir)).toEqual(['master.key'])
    expect(first.lines).toHaveLength(1)
    expect(first.lines[0]).toMatchObject({ level: 'warn', path, created: true })
    expect(first.lines[0]!.message).toContain(path)
    expect(first.lines[0]!.message).toContain('must set FRONTDESK_MASTER_KEY')
    expect(first.lines[0]!.message).toMatch(/back the key up/)

    const second = recordingLogger()
    const { masterKey: reused } = await loadMasterKey({ env: {}, dataDir, logger: second.logger })
    expect(reused.id).toBe(generated.id)
    expect(await readFile(path, 'utf8')).toBe(text)
    expect(second.lines).toEqual([expect.objectContaining({ level: 'warn', created: false })])
    // The key itself is never in a log line.
    expect(JSON.stringify([first.lines, second.lines])).not.toContain(text.trim())
  })

  it('agrees on one key when several processes start on a fresh folder at once', async () => {
    const keys = await Promise.all(Array.from({ length: 16 }, () => loadMasterKey({ env: {}, dataDir: dir })))
    expect(new Set(keys.map((key) => key.masterKey.id)).size).toBe(1)
    expect(await readdir(dir)).toEqual(['master.key'])
  })

  it('refuses a key file of the wrong length, naming the file', async () => {
    const path = join(dir, 'master.key')
    await writeFile(path, randomBytes(31).toString('base64'))
    const error = await rejection(loadMasterKey({ env: {}, dataDir: dir }))
    expect(error.message).toContain(path)
    expect(error.message).toContain('31 bytes')
  })

  it('keeps the key of an in-memory database in memory', async () => {
    const { logger, lines } = recordingLogger()
    const one = await loadMasterKey({ env: {}, dataDir: 'memory://', logger })
    const two = await loadMasterKey({ env: {}, dataDir: 'memory://', logger })
    expect(one.masterKey.id).not.toBe(two.masterKey.id)
    expect(lines).toEqual([])
  })
})

describe('MasterKey', () => {
  it('unwraps a data key only for the clinic and version it was wrapped for', () => {
    const master = MasterKey.fromBytes(bytes)
    const dataKey = randomBytes(32)
    const wrapped = master.wrapDataKey('clinic_A', 1, dataKey)
    expect(master.unwrapDataKey('clinic_A', 1, wrapped)).toEqual(dataKey)
    expect(master.unwrapDataKey('clinic_B', 1, wrapped)).toBeNull()
    expect(master.unwrapDataKey('clinic_A', 2, wrapped)).toBeNull()
    expect(MasterKey.fromBytes(randomBytes(32)).unwrapDataKey('clinic_A', 1, wrapped)).toBeNull()
    expect(wrapped.includes(dataKey)).toBe(false)
  })

  it('shows its id, never its bytes, when printed or serialised', () => {
    const master = MasterKey.fromBytes(bytes)
    for (const shown of [inspect(master, { showHidden: true }), JSON.stringify(master)]) {
      expect(shown).not.toContain(bytes.toString('hex'))
      expect(shown).not.toContain(bytes.toString('base64'))
      expect(shown).not.toContain('251, 251')
    }
    expect(inspect(master)).toContain(expectedId)
  })
})
