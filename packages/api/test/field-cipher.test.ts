// Field encryption at rest on real storage: round trips, tampering, nothing in clear, racing first seals, rotation.
import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createClinic } from '../src/catalogue/clinic-store.js'
import { MasterKeyError, SealedDataError } from '../src/crypto/errors.js'
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { MasterKey } from '../src/crypto/master-key.js'
import { openDatabase } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import { TEST_MASTER_KEY, useHarness } from './harness.js'
import { databaseRowsMentioning } from './security/database-scan.js'

const harness = useHarness()
const cipher = () => harness.deps.cipher!
const newClinic = async () =>
  (await createClinic(harness.deps.system, { name: 'Cipher Clinic', timeZone: 'Europe/Berlin' })).id
const anotherProcess = (options: { now?: () => number } = {}) =>
  new FieldCipher({ system: harness.deps.system, masterKey: TEST_MASTER_KEY, ...options })

/** The clinic's data key as the master key unwraps it from its row: what must never be seen. */
async function dataKey(clinicId: string, version = 1) {
  const row = await harness.deps.system
    .selectFrom('clinic_data_keys')
    .select('wrapped')
    .where('clinic_id', '=', clinicId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow()
  return { wrapped: row.wrapped, key: TEST_MASTER_KEY.unwrapDataKey(clinicId, version, row.wrapped)! }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the sealed value not to open')
    },
    (error: Error) => error,
  )
}

const keyVersion = (sealed: Uint8Array) => (sealed[1]! << 8) | sealed[2]!

describe('FieldCipher', () => {
  it('opens what it sealed, text and bytes, empty and 1 MB, for each clinic', async () => {
    const clinics = [await newClinic(), await newClinic()]
    const megabyte = randomBytes(1024 * 1024)
    const longText = 'Ä'.repeat(512 * 1024)
    for (const clinicId of clinics) {
      for (const text of ['Penicillin allergy', '', 'Grüße, 日本語, 👋', longText]) {
        const sealed = await cipher().seal(clinicId, 'patient:name', text)
        expect(await cipher().openText(clinicId, 'patient:name', sealed)).toBe(text)
      }
      for (const bytes of [new Uint8Array(0), Uint8Array.of(0, 1, 255), megabyte]) {
        const sealed = await cipher().seal(clinicId, 'intake_answer:r1:card', bytes)
        expect(sealed).toHaveLength(1 + 2 + 12 + bytes.length + 16)
        const opened = Buffer.from(await cipher().open(clinicId, 'intake_answer:r1:card', sealed))
        // equals(), not toEqual(): a deep comparison of a megabyte, element by element, takes seconds.
        expect(opened.equals(bytes)).toBe(true)
      }
    }
    // A fresh IV each time: the same answer sealed twice does not look the same.
    const [a, b] = [
      await cipher().seal(clinics[0]!, 'p', 'yes'),
      await cipher().seal(clinics[0]!, 'p', 'yes'),
    ]
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false)
    // Each clinic has its own data key.
    expect((await dataKey(clinics[0]!)).key.equals((await dataKey(clinics[1]!)).key)).toBe(false)
  })

  it('refuses another clinic, another purpose, any flipped byte and any truncation, saying nothing of the data', async () => {
    const [clinicId, otherClinic] = [await newClinic(), await newClinic()]
    await cipher().seal(otherClinic, 'warm-up', 'x')
    const secret = `Penicillin allergy ${randomBytes(4).toString('hex')}`
    const purpose = 'intake_answer:resp_1:allergies'
    const sealed = await cipher().seal(clinicId, purpose, secret)
    const { key } = await dataKey(clinicId)

    const attempts: (() => Promise<unknown>)[] = [
      () => cipher().open(otherClinic, purpose, sealed),
      () => cipher().open(clinicId, 'intake_answer:resp_2:allergies', sealed),
      () => cipher().open(clinicId, 'intake_answer:resp_1:medication', sealed),
      () => anotherProcess().open(otherClinic, purpose, sealed),
    ]
    for (let index = 0; index < sealed.length; index++) {
      const flipped = Uint8Array.from(sealed)
      flipped[index]! ^= 0x01
      attempts.push(() => cipher().open(clinicId, purpose, flipped))
    }
    for (const length of [0, 1, 3, 15, 30, sealed.length - 16, sealed.length - 1]) {
      attempts.push(() => cipher().open(clinicId, purpose, sealed.subarray(0, length)))
    }
    const shownKey = [key.toString('hex'), key.toString('base64'), key.toString('base64url')]
    for (const attempt of attempts) {
      const error = await failure(attempt())
      expect(error).toBeInstanceOf(SealedDataError)
      for (const shown of [error.message, String(error), error.stack ?? '', inspect(error)]) {
        expect(shown).not.toContain(secret)
        expect(shown).not.toContain('Penicillin')
        for (const text of shownKey) expect(shown).not.toContain(text)
      }
    }
    // The untouched value still opens: the failures were about the changes.
    expect(await cipher().openText(clinicId, purpose, sealed)).toBe(secret)
  })

  it('refuses a data key row that was altered or copied from another clinic', async () => {
    const [clinicId, victim] = [await newClinic(), await newClinic()]
    await cipher().seal(clinicId, 'p', 'x')
    const { wrapped } = await dataKey(clinicId)
    // Another clinic's wrapped key put in as this one's: it unwraps for its own clinic only.
    await harness.deps.system
      .insertInto('clinic_data_keys')
      .values({ clinic_id: victim, version: 1, wrapped, master_key_id: TEST_MASTER_KEY.id })
      .execute()
    const altered = Uint8Array.from(wrapped)
    altered[20]! ^= 0x01
    await harness.deps.system
      .updateTable('clinic_data_keys')
      .set({ wrapped: altered })
      .where('clinic_id', '=', clinicId)
      .execute()
    for (const attempt of [
      () => anotherProcess().seal(victim, 'p', 'x'),
      () => anotherProcess().seal(clinicId, 'p', 'x'),
    ]) {
      const error = await failure(attempt())
      expect(error).toBeInstanceOf(SealedDataError)
      expect((error as SealedDataError).problem).toBe('DATA_KEY_DAMAGED')
    }
  })

  it('leaves no plaintext in any column of any table, and no raw data key', async () => {
    const clinicId = await newClinic()
    const secret = `Penicillin allergy 7f3a-${randomBytes(8).toString('hex')}`
    const purpose = 'intake_answer:resp_scan:allergies'
    // Where intake answers will live; until then this table stands in for it.
    await sql`CREATE TABLE IF NOT EXISTS sealed_answers_for_test (
      id text PRIMARY KEY, clinic_id text NOT NULL, note text, answer bytea NOT NULL)`.execute(
      harness.deps.system,
    )
    const sealed = await cipher().seal(clinicId, purpose, secret)
    // A control written in clear, to show the scan reads this table, its text and its bytes.
    const control = `control-${randomBytes(8).toString('hex')}`
    await sql`INSERT INTO sealed_answers_for_test VALUES
      (${`ans_${control}`}, ${clinicId}, null, ${sealed}),
      (${`ctl_${control}`}, ${clinicId}, ${control}, ${Buffer.from(control)})`.execute(harness.deps.system)

    expect(await databaseRowsMentioning(harness.deps.system, control)).toEqual([
      'sealed_answers_for_test.id',
      'sealed_answers_for_test.note',
      'sealed_answers_for_test.answer',
    ])
    expect(await databaseRowsMentioning(harness.deps.system, secret)).toEqual([])
    expect(await databaseRowsMentioning(harness.deps.system, 'Penicillin allergy 7f3a')).toEqual([])

    const { key, wrapped } = await dataKey(clinicId)
    expect(key).toHaveLength(32)
    expect(wrapped).not.toHaveLength(32)
    expect(await databaseRowsMentioning(harness.deps.system, key)).toEqual([])

    const stored = await sql<{ answer: Uint8Array }>`
      SELECT answer FROM sealed_answers_for_test WHERE id = ${`ans_${control}`}`.execute(harness.deps.system)
    expect(await cipher().openText(clinicId, purpose, stored.rows[0]!.answer)).toBe(secret)
  })

  it('creates exactly one data key when 20 first seals race, from one process or many', async () => {
    for (const ciphers of [
      Array.from({ length: 20 }, () => cipher()),
      Array.from({ length: 20 }, () => anotherProcess()),
    ]) {
      const clinicId = await newClinic()
      const sealed = await Promise.all(
        ciphers.map((each, index) => each.seal(clinicId, 'p', `answer ${index}`)),
      )
      const rows = await harness.deps.system
        .selectFrom('clinic_data_keys')
        .select('version')
        .where('clinic_id', '=', clinicId)
        .execute()
      expect(rows).toEqual([{ version: 1 }])
      const opened = await Promise.all(sealed.map((value) => anotherProcess().openText(clinicId, 'p', value)))
      expect(opened).toEqual(Array.from({ length: 20 }, (_, index) => `answer ${index}`))
    }
  })

  it('seals with the newest key after a rotation and still opens what older keys sealed', async () => {
    const clinicId = await newClinic()
    const clock = { now: 0 }
    const elsewhere = anotherProcess({ now: () => clock.now })
    const before = await cipher().seal(clinicId, 'p', 'before')
    expect(keyVersion(await elsewhere.seal(clinicId, 'p', 'x'))).toBe(1)
    expect(await cipher().rotate(clinicId)).toBe(2)
    const after = await cipher().seal(clinicId, 'p', 'after')
    expect([keyVersion(before), keyVersion(after)]).toEqual([1, 2])
    for (const reader of [cipher(), anotherProcess()]) {
      expect(await reader.openText(clinicId, 'p', before)).toBe('before')
      expect(await reader.openText(clinicId, 'p', after)).toBe('after')
    }
    // Another process keeps its known version for a while, then picks up the rotation.
    expect(keyVersion(await elsewhere.seal(clinicId, 'p', 'x'))).toBe(1)
    clock.now += 60_001
    expect(keyVersion(await elsewhere.seal(clinicId, 'p', 'x'))).toBe(2)
    const rows = await harness.deps.system
      .selectFrom('clinic_data_keys')
      .select(['version', 'master_key_id'])
      .where('clinic_id', '=', clinicId)
      .orderBy('version')
      .execute()
    expect(rows).toEqual([1, 2].map((version) => ({ version, master_key_id: TEST_MASTER_KEY.id })))
  })

  it('names both master keys when the data keys were wrapped by another one', async () => {
    const clinicId = await newClinic()
    const sealed = await cipher().seal(clinicId, 'p', 'wrapped under the test key')
    const wrongKey = MasterKey.fromBytes(randomBytes(32))
    const wrong = new FieldCipher({ system: harness.deps.system, masterKey: wrongKey })
    const expected = `this database's data keys were wrapped by master key ${TEST_MASTER_KEY.id}, not the one configured (${wrongKey.id})`
    const attempts = [
      () => wrong.open(clinicId, 'p', sealed),
      () => wrong.seal(clinicId, 'p', 'x'),
      () => wrong.rotate(clinicId),
    ]
    for (const attempt of attempts) {
      const error = await failure(attempt())
      expect(error).toBeInstanceOf(MasterKeyError)
      expect(error.message).toContain(expected)
    }
  })

  it('refuses at start-up a master key that did not wrap the database’s data keys', async () => {
    // A database of its own: the shared one holds keys wrapped by the test key, which must stay the only one.
    const opened = await openDatabase({ dataDir: 'memory://' })
    try {
      await migrate(opened.system)
      const { id: clinicId } = await createClinic(opened.system, { name: 'Own', timeZone: 'Europe/Berlin' })
      const right = new FieldCipher({ system: opened.system, masterKey: TEST_MASTER_KEY })
      await right.verifyMasterKey()
      await right.seal(clinicId, 'p', 'x')
      await right.verifyMasterKey()
      const other = MasterKey.fromBytes(randomBytes(32))
      const error = await failure(
        new FieldCipher({ system: opened.system, masterKey: other }).verifyMasterKey(),
      )
      expect(error).toBeInstanceOf(MasterKeyError)
      expect(error.message).toContain(`wrapped by master key ${TEST_MASTER_KEY.id}`)
      expect(error.message).toContain(`(${other.id})`)
    } finally {
      await opened.close()
    }
  }, 30_000)
})
