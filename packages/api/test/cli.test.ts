// The frontdesk CLI as a newcomer uses it: migrate, seed twice, keys create, list and revoke, clinics in a
// region, and every command --help lists.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { main } from '../src/cli.js'
import { TEST_MASTER_KEY_ENV } from './harness.js'

const storage = inject('storage')
let dataDir = ''
let ownDatabase = ''
const saved = {
  DATABASE_URL: process.env.DATABASE_URL,
  FRONTDESK_DATA_DIR: process.env.FRONTDESK_DATA_DIR,
  PORT: process.env.PORT,
  FRONTDESK_REGION: process.env.FRONTDESK_REGION,
  FRONTDESK_MASTER_KEY: process.env.FRONTDESK_MASTER_KEY,
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-cli-'))
  if (storage.kind === 'postgres') {
    // A database of its own on the server: seed checks every clinic's keys against the master key, and
    // the shared test database holds clinics other files made under keys of their own.
    const url = new URL(storage.url)
    ownDatabase = `frontdesk_cli_${randomBytes(4).toString('hex')}`
    await serverAdmin(storage.url, `CREATE DATABASE ${ownDatabase}`)
    url.pathname = `/${ownDatabase}`
    process.env.DATABASE_URL = url.toString()
    // A server needs the key named, as in production.
    process.env.FRONTDESK_MASTER_KEY = TEST_MASTER_KEY_ENV
  } else {
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
  if (ownDatabase && storage.kind === 'postgres') {
    await serverAdmin(storage.url, `DROP DATABASE IF EXISTS ${ownDatabase} WITH (FORCE)`)
  }
})

async function serverAdmin(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

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

    // The demo's hosted booking page, on the address `serve` will really use, printed with its QR code.
    expect(seeded.hostedBookingUrl).toBe('http://localhost:9123/c/demo')

    // The key works from the address `serve` will really use, and seed says so.
    expect(seeded.allowedOrigins).toContain('http://localhost:9123')
    expect((await frontdesk('seed')).out).toMatch(/works from http:\/\/localhost:9123\b/)

    const again = JSON.parse((await frontdesk('seed', '--json')).out)
    expect(again.hostedBookingUrl).toBe('http://localhost:8787/c/demo')
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

  it("creates clinics in the deployment's region and lists them with it, refusing any other region", async () => {
    // Only `eu` is left behind: on PostgreSQL other files share this database (see clinic-region.test.ts).
    delete process.env.FRONTDESK_REGION
    const name = `Praxis am Rhein ${Date.now()}`
    const create = (clinic: string, ...options: string[]) =>
      frontdesk('clinics', 'create', '--name', clinic, '--time-zone', 'Europe/Berlin', ...options)
    const listed = async () => (await frontdesk('clinics', 'list')).out

    const created = await create(name, '--region', 'eu')
    expect(created.code).toBe(0)
    const id = created.out.trim()
    expect(id).toMatch(/^clinic_\w+$/)
    expect(await listed()).toMatch(new RegExp(`^${id}  -  eu  Europe/Berlin  ${name}$`, 'm'))

    process.env.FRONTDESK_REGION = 'eu'
    try {
      const tagged = await create(`${name} II`)
      expect(tagged.code).toBe(0)
      expect(await listed()).toMatch(new RegExp(`^${tagged.out.trim()}  -  eu  `, 'm'))

      const elsewhere = await create(`${name} US`, '--region', 'us')
      expect(elsewhere.code).toBe(2)
      expect(elsewhere.out).toMatch(/serves region "eu": a clinic in "us" belongs to another deployment/)
      const malformed = await create(`${name} EU`, '--region', 'EU')
      expect(malformed).toEqual({ code: 2, out: expect.stringContaining('short lowercase code') })
      expect(await listed()).not.toMatch(new RegExp(`${name} (US|EU)`))
    } finally {
      delete process.env.FRONTDESK_REGION
    }
  }, 60_000)

  it('says what is wrong and exits non-zero on a bad command', async () => {
    expect((await frontdesk('keys', 'create', '--clinic', 'demo', '--kind', 'banana')).code).toBe(2)
    expect((await frontdesk('keys', 'list', '--clinic', 'nowhere')).out).toContain('No clinic "nowhere"')
    expect((await frontdesk('teleport')).out).toContain('Unknown command "teleport"')
  }, 60_000)

  it('knows every command its --help lists: each answers --help and its usage error, never "Unknown command"', async () => {
    const listed = (await frontdesk('--help')).out.split('\n\n')[1]!
    const commands = [...new Set([...listed.matchAll(/^ {2}([a-z]+)\b/gm)].map((match) => match[1]!))]
    expect(commands).toEqual(expect.arrayContaining(['serve', 'staff', 'backup', 'restore']))
    // How each command is called wrongly; serve, migrate and seed need no arguments: they would just run.
    const usageErrors: Record<string, string[] | null> = {
      serve: null,
      migrate: null,
      seed: null,
      clinics: ['clinics'],
      keys: ['keys', 'rotate'],
      staff: ['staff', 'add'],
      consent: ['consent'],
      audit: ['audit'],
      backup: ['backup'],
      restore: ['restore'],
    }
    expect(commands.toSorted()).toEqual(Object.keys(usageErrors).toSorted())
    for (const command of commands) {
      const help = await frontdesk(command, '--help')
      expect(help.out).not.toContain('Unknown command')
      expect(help, command).toEqual({ code: 0, out: expect.stringContaining(`\n  ${command}`) })
      const wrongly = usageErrors[command]
      if (!wrongly) continue
      const answer = await frontdesk(...wrongly)
      expect(answer.out, command).not.toContain('Unknown command')
      expect(answer.code, `${wrongly.join(' ')}: ${answer.out}`).toBe(2)
    }
  }, 60_000)
})
