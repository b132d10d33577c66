// The frontdesk CLI as a newcomer uses it: migrate, seed twice, keys create, list and revoke.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { main } from '../src/cli.js'

const storage = inject('storage')
let dataDir = ''
const saved = {
  DATABASE_URL: process.env.DATABASE_URL,
  FRONTDESK_DATA_DIR: process.env.FRONTDESK_DATA_DIR,
  PORT: process.env.PORT,
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-cli-'))
  if (storage.kind === 'postgres') process.env.DATABASE_URL = storage.url
  else {
    delete process.env.DATABASE_URL
    process.env.FRONTDESK_DATA_DIR = dataDir
  }
})

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  await rm(dataDir, { recursive: true, force: true })
})

/** Runs one command and returns its exit code and what it printed. */
async function frontdesk(...args: string[]) {
  const out: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)))
  const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void out.push(String(line)))
  try {
    const code = await main(args)
    return { code, out: out.join('\n') }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

describe('frontdesk CLI', () => {
  it('seeds the demo clinic once, however often it runs, and manages its keys', async () => {
    expect((await frontdesk('migrate')).code).toBe(0)
    process.env.PORT = '9123'
    const first = await frontdesk('seed', '--json')
    delete process.env.PORT
    expect(first.code).toBe(0)
    const seeded = JSON.parse(first.out)
    expect(seeded).toMatchObject({
      created: true,
      serviceIds: expect.any(Array),
      practitionerIds: expect.any(Array),
    })
    expect(seeded.serviceIds).toHaveLength(3)
    expect(seeded.practitionerIds).toHaveLength(2)
    expect(seeded.publishableKey).toMatch(/^pk_test_/)
    expect(seeded.secretKey).toMatch(/^sk_test_/)

    // The key works from the address `serve` will really use, and seed says so.
    expect(seeded.allowedOrigins).toContain('http://localhost:9123')
    expect((await frontdesk('seed')).out).toMatch(/works from http:\/\/localhost:9123\b/)

    const again = JSON.parse((await frontdesk('seed', '--json')).out)
    expect(again).toMatchObject({
      created: false,
      clinicId: seeded.clinicId,
      publishableKey: seeded.publishableKey,
      secretKey: null,
      serviceIds: seeded.serviceIds,
    })

    const created = await frontdesk('keys', 'create', '--clinic', 'demo', '--kind', 'secret', '--json')
    const { key, token } = JSON.parse(created.out)
    expect(token).toMatch(/^sk_test_/)
    const listed = await frontdesk('keys', 'list', '--clinic', 'demo')
    expect(listed.out).toContain(key.id)
    expect(listed.out).not.toContain(token)
    const revoked = await frontdesk('keys', 'revoke', key.id, '--clinic', 'demo')
    expect(revoked).toMatchObject({ code: 0, out: expect.stringContaining(`Revoked ${key.id}`) })
    expect((await frontdesk('keys', 'list', '--clinic', 'demo')).out).toMatch(
      new RegExp(`${key.id}.*revoked`),
    )
  }, 60_000)

  it('verifies the consent ledger of the demo clinic', async () => {
    await frontdesk('seed')
    const verified = await frontdesk('consent', 'verify', '--clinic', 'demo')
    expect(verified).toEqual({
      code: 0,
      out: expect.stringMatching(/^Lindenhof Family Practice \(clinic_\w+\): intact, \d+ records?$/),
    })
    const json = JSON.parse((await frontdesk('consent', 'verify', '--clinic', 'demo', '--json')).out)
    expect(json).toEqual([expect.objectContaining({ intact: true, firstBroken: null })])
    expect((await frontdesk('consent', 'verify', '--clinic', 'nowhere')).code).toBe(2)
    expect((await frontdesk('consent', 'shred')).code).toBe(2)
  }, 60_000)

  it('says what is wrong and exits non-zero on a bad command', async () => {
    expect((await frontdesk('keys', 'create', '--clinic', 'demo', '--kind', 'banana')).code).toBe(2)
    expect((await frontdesk('keys', 'list', '--clinic', 'nowhere')).out).toContain('No clinic "nowhere"')
    expect((await frontdesk('teleport')).out).toContain('Unknown command "teleport"')
  }, 60_000)
})
