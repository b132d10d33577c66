// `frontdesk keys rotate-master` as an operator runs it, on a data folder of its own: check, rotate, re-run, and the old key refused.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sealAuditEvents } from '../src/audit/seal.js'
import { createClinic } from '../src/catalogue/clinic-store.js'
import { main } from '../src/cli.js'
import { MasterKeyError } from '../src/crypto/errors.js'
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { MasterKey } from '../src/crypto/master-key.js'
import { openDatabase } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import { createLogger } from '../src/logger.js'
import { startServer } from '../src/server.js'

const VARIABLES = [
  'DATABASE_URL',
  'FRONTDESK_DATA_DIR',
  'FRONTDESK_MASTER_KEY',
  'FRONTDESK_MASTER_KEY_PREVIOUS',
]
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]))
let dataDir = ''

const oldBytes = randomBytes(32)
const newBytes = randomBytes(32)
const [oldKey, newKey] = [MasterKey.fromBytes(oldBytes), MasterKey.fromBytes(newBytes)]

beforeAll(async () => {
  // Always the embedded database, in a folder of its own: its counts are this test's alone.
  dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-rotate-'))
  delete process.env.DATABASE_URL
  process.env.FRONTDESK_DATA_DIR = dataDir
})

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  await rm(dataDir, { recursive: true, force: true })
})

function keys(current: Buffer | null, previous?: Buffer[]) {
  if (current) process.env.FRONTDESK_MASTER_KEY = current.toString('base64')
  else delete process.env.FRONTDESK_MASTER_KEY
  if (previous)
    process.env.FRONTDESK_MASTER_KEY_PREVIOUS = previous.map((key) => key.toString('base64')).join(',')
  else delete process.env.FRONTDESK_MASTER_KEY_PREVIOUS
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

describe('frontdesk keys rotate-master', () => {
  it('re-wraps every key under the new master key, once, and the old key alone is refused after', async () => {
    // A database made under the old key: two clinics, one with two data key versions, both with an index key.
    const opened = await openDatabase({ dataDir })
    const sealed: { clinicId: string; value: Uint8Array }[] = []
    try {
      await migrate(opened.system)
      const cipher = new FieldCipher({ system: opened.system, masterKey: oldKey })
      for (const name of ['North', 'South']) {
        const { id } = await createClinic(opened.system, { name, timeZone: 'Europe/Berlin' })
        sealed.push({ clinicId: id, value: await cipher.seal(id, 'note', `sealed for ${name}`) })
        await cipher.blindIndex(id, 'email', 'maria@example.org')
      }
      // An audit chain whose signed head only the old key makes, and no activity to move it after.
      await sql`INSERT INTO audit_events (clinic_id, actor_type, actor_id, action, object_type, object_id)
        VALUES (${sealed[0]!.clinicId}, 'secret', 'key_1', 'clinic.update', 'clinic', ${sealed[0]!.clinicId})`.execute(
        opened.system,
      )
      await sealAuditEvents(opened.system, cipher.chainHeads, sealed[0]!.clinicId)
      await cipher.rotate(sealed[0]!.clinicId)
      sealed.push({
        clinicId: sealed[0]!.clinicId,
        value: await cipher.seal(sealed[0]!.clinicId, 'note', 'v2'),
      })
    } finally {
      await opened.close()
    }

    // The new key named without the old one is refused, the database untouched.
    keys(newBytes)
    const refused = await frontdesk('keys', 'rotate-master')
    expect(refused.code).toBe(1)
    expect(refused.out).toContain(`wrapped by master key ${oldKey.id}`)
    expect(refused.out).toContain('FRONTDESK_MASTER_KEY_PREVIOUS')
    keys(null, [oldBytes])
    const unnamed = await frontdesk('keys', 'rotate-master')
    expect(unnamed.code).toBe(1)
    expect(unnamed.out).toContain('FRONTDESK_MASTER_KEY_PREVIOUS is set but FRONTDESK_MASTER_KEY is not')

    keys(newBytes, [oldBytes])
    const before = await frontdesk('keys', 'rotate-master', '--check')
    expect(before.code).toBe(1)
    expect(before.out).toContain(
      `master key ${oldKey.id}  previous (FRONTDESK_MASTER_KEY_PREVIOUS): 3 data keys, 2 index keys`,
    )
    expect(before.out).toContain(`Master key ${oldKey.id} still wraps keys in use`)
    expect(before.out).toContain('1 audit and consent chain heads are signed under an older key')

    const rotated = await frontdesk('keys', 'rotate-master', '--batch-size', '2')
    expect(rotated.code).toBe(0)
    expect(rotated.out).toContain(`Re-wrapping from master key ${oldKey.id} to ${newKey.id}`)
    expect(rotated.out).toContain('Re-wrapped 3 data keys and 2 index keys')
    expect(rotated.out).toContain('Signed 1 audit and consent chain heads again under the current key')
    expect(rotated.out).toContain(
      `master key ${newKey.id}  current (FRONTDESK_MASTER_KEY): 3 data keys, 2 index keys`,
    )
    expect(rotated.out).toContain('no row needs FRONTDESK_MASTER_KEY_PREVIOUS')
    for (const bytes of [oldBytes, newBytes]) {
      expect(rotated.out).not.toContain(bytes.toString('base64'))
      expect(rotated.out).not.toContain(bytes.toString('hex'))
    }

    const again = await frontdesk('keys', 'rotate-master')
    expect(again).toMatchObject({
      code: 0,
      out: expect.stringContaining('Re-wrapped 0 data keys and 0 index keys'),
    })
    keys(newBytes)
    const after = await frontdesk('keys', 'rotate-master', '--check')
    expect(after.code).toBe(0)
    expect(after.out).not.toContain(oldKey.id)
    // The head the old key signed checks under the new key alone.
    expect(await frontdesk('audit', 'verify')).toMatchObject({
      code: 0,
      out: expect.stringContaining('intact'),
    })
    expect(await frontdesk('keys', 'rotate-master', '--batch-size', 'lots')).toMatchObject({ code: 2 })

    // `serve` with the old key alone refuses to start, naming the key it needs.
    const error = await startServer({
      port: 0,
      hostname: '127.0.0.1',
      storage: { dataDir },
      env: { FRONTDESK_MASTER_KEY: oldBytes.toString('base64') },
      logger: createLogger({ level: 'silent' }),
    }).then(
      async (running) => {
        await running.close()
        throw new Error('serve started with the old key')
      },
      (reason: Error) => reason,
    )
    expect(error).toBeInstanceOf(MasterKeyError)
    expect(error.message).toContain(`wrapped by master key ${newKey.id}`)

    // The new key alone opens everything the old one sealed.
    const reopened = await openDatabase({ dataDir })
    try {
      const cipher = new FieldCipher({ system: reopened.system, masterKey: newKey })
      await cipher.verifyMasterKey()
      const opened = await Promise.all(
        sealed.map(({ clinicId, value }) => cipher.openText(clinicId, 'note', value)),
      )
      expect(opened).toEqual(['sealed for North', 'sealed for South', 'v2'])
    } finally {
      await reopened.close()
    }
  }, 240_000)

  it("rotates one clinic's data key and seals its values again, leaving other clinics as they were", async () => {
    keys(newBytes)
    const opened = await openDatabase({ dataDir })
    let north = ''
    let south = ''
    let value: Uint8Array
    try {
      const rows = await opened.system.selectFrom('clinics').select(['id', 'name']).execute()
      north = rows.find((row) => row.name === 'North')!.id
      south = rows.find((row) => row.name === 'South')!.id
      // A patient's name as the API would seal it: rotate-data-key seals it again under the next version.
      const cipher = new FieldCipher({ system: opened.system, masterKey: newKey })
      value = await cipher.seal(north, 'patient:pat_cli:name', 'Nora North')
      await opened.system
        .insertInto('patients')
        .values({ id: 'pat_cli', clinic_id: north, identity_key: 'cli', name_sealed: value })
        .execute()
    } finally {
      await opened.close()
    }
    expect(await frontdesk('keys', 'rotate-data-key', '--clinic', 'nowhere')).toMatchObject({ code: 2 })
    expect(await frontdesk('keys', 'rotate-data-key')).toMatchObject({
      code: 2,
      out: expect.stringContaining('Several clinics'),
    })
    const rotated = await frontdesk('keys', 'rotate-data-key', '--clinic', north)
    expect(rotated.code).toBe(0)
    expect(rotated.out).toContain(`Clinic ${north} now seals with data key version 3`)
    expect(rotated.out).toContain('1 in patients.name_sealed')

    const reopened = await openDatabase({ dataDir })
    try {
      const row = await reopened.system
        .selectFrom('patients')
        .select('name_sealed')
        .where('id', '=', 'pat_cli')
        .executeTakeFirstOrThrow()
      expect(FieldCipher.keyVersion(row.name_sealed!)).toBe(3)
      const cipher = new FieldCipher({ system: reopened.system, masterKey: newKey })
      expect(await cipher.openText(north, 'patient:pat_cli:name', row.name_sealed!)).toBe('Nora North')
      const versions = await reopened.system
        .selectFrom('clinic_data_keys')
        .select(['clinic_id', 'version'])
        .orderBy('version')
        .execute()
      expect(versions.filter((key) => key.clinic_id === south).map((key) => key.version)).toEqual([1])
    } finally {
      await reopened.close()
    }
  }, 120_000)
})
