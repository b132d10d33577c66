// Rotating the master key while the API serves: re-wrapping under load, and start-up refusing a ring that lacks a key.
import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { createClinic as createClinicRow } from '../src/catalogue/clinic-store.js'
import { MasterKeyError } from '../src/crypto/errors.js'
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { MasterKey } from '../src/crypto/master-key.js'
import { type RewrapResult, rewrapMasterKeys } from '../src/crypto/rewrap.js'
import { openDatabase } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import { patient, TEST_MASTER_KEY, useHarness } from './harness.js'
import { createClinic, PNG } from './security/fixtures.js'

const harness = useHarness()
const system = () => harness.deps.system

/** Key bytes kept beside each key, to prove no message ever shows them. */
function newMasterKey() {
  const bytes = randomBytes(32)
  return { key: MasterKey.fromBytes(bytes), shown: [bytes.toString('hex'), bytes.toString('base64')] }
}

const cipherWith = (masterKey: MasterKey, previousMasterKeys: MasterKey[] = [], db = system()) =>
  new FieldCipher({ system: db, masterKey, previousMasterKeys })

/** The app as an API process started with `cipher`'s keys: what a restart amounts to. */
function restartWith(cipher: FieldCipher) {
  harness.deps.cipher = cipher
  harness.app = createApp(harness.deps)
}

/** Every data and index key row of these clinics, with the master key that wraps it. */
async function keyRows(clinicIds: string[], db = system()) {
  const data = await db
    .selectFrom('clinic_data_keys')
    .select(['clinic_id', 'version', 'master_key_id'])
    .where('clinic_id', 'in', clinicIds)
    .execute()
  const index = await db
    .selectFrom('clinic_index_keys')
    .select(['clinic_id', 'master_key_id'])
    .where('clinic_id', 'in', clinicIds)
    .execute()
  return [...data, ...index]
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a refusal')
    },
    (error: Error) => error,
  )
}

interface Sealed {
  clinicId: string
  purpose: string
  plaintext: string
  value: Uint8Array
}

const rewrapped = (result: RewrapResult) => result.dataKeys.rewrapped + result.indexKeys.rewrapped

describe('rotating the master key', () => {
  it('re-wraps every data and index key while sealing, opening and booking go on', async () => {
    const { key: oldKey } = newMasterKey()
    const { key: newKey } = newMasterKey()

    // Before: the API runs with the old key alone. Two clinics booked, took intake and consent through the app.
    restartWith(cipherWith(oldKey))
    const booked = [await createClinic(harness), await createClinic(harness)]
    // More clinics, sealed directly: several batches of rows, two data key versions for half of them.
    const before = cipherWith(oldKey)
    const clinicIds = booked.map((clinic) => clinic.clinicId)
    for (let index = 0; index < 30; index++) {
      clinicIds.push(
        (await createClinicRow(system(), { name: `Rotation ${index}`, timeZone: 'Europe/Berlin' })).id,
      )
    }
    const sealed: Sealed[] = []
    const seal = async (cipher: FieldCipher, clinicId: string, purpose: string) => {
      const plaintext = `${purpose} ${randomBytes(4).toString('hex')}`
      sealed.push({ clinicId, purpose, plaintext, value: await cipher.seal(clinicId, purpose, plaintext) })
    }
    const indexes = new Map<string, Buffer>()
    for (const [index, clinicId] of clinicIds.entries()) {
      await seal(before, clinicId, 'note:v1')
      indexes.set(clinicId, await before.blindIndex(clinicId, 'email', patient.email))
      if (index % 2 === 0) {
        await before.rotate(clinicId)
        await seal(before, clinicId, 'note:v2')
      }
    }
    const initial = await keyRows(clinicIds)
    expect(new Set(initial.map((row) => row.master_key_id))).toEqual(new Set([oldKey.id]))
    // A data key per clinic and version, an index key per clinic.
    expect(initial).toHaveLength(clinicIds.length * 2 + clinicIds.length / 2)

    // Every API process restarted with both keys; then two rotation runs at once, in small batches.
    const ring = cipherWith(newKey, [oldKey])
    restartWith(cipherWith(newKey, [oldKey]))
    let rewrapping = true
    const runs = Promise.all(
      [5, 7].map((batchSize) =>
        rewrapMasterKeys({ system: system(), masterKey: newKey, previousMasterKeys: [oldKey], batchSize }),
      ),
    ).finally(() => {
      rewrapping = false
    })
    const bookings: string[] = []
    let roundsDuringRewrap = 0
    const load = (async () => {
      for (let round = 0; rewrapping || round < 3; round++) {
        const clinicId = clinicIds[round % clinicIds.length]!
        const earlier = sealed[round % sealed.length]!
        expect(await ring.openText(earlier.clinicId, earlier.purpose, earlier.value)).toBe(earlier.plaintext)
        expect(await ring.blindIndex(clinicId, 'email', patient.email)).toEqual(indexes.get(clinicId))
        await seal(ring, clinicId, `during:${round}`)
        // A clinic whose first keys are made mid-rotation, and a data key rotated mid-rotation.
        if (round === 1) {
          const fresh = (await createClinicRow(system(), { name: 'Fresh', timeZone: 'Europe/Berlin' })).id
          clinicIds.push(fresh)
          await seal(ring, fresh, 'fresh')
          indexes.set(fresh, await ring.blindIndex(fresh, 'email', patient.email))
        }
        if (round === 2) await ring.rotate(clinicIds[1]!)
        const clinic = booked[round % 2]!
        const response = await harness.call('POST', '/v1/bookings', {
          token: clinic.sk,
          body: { serviceId: clinic.serviceId, ...clinic.nextSlot(), patient },
        })
        expect(response.status).toBe(201)
        bookings.push(response.body.booking.id)
        if (rewrapping) roundsDuringRewrap++
      }
    })()
    const [results] = await Promise.all([runs, load])
    expect(roundsDuringRewrap).toBeGreaterThan(0)

    // Each row re-wrapped once between the two runs; none damaged.
    expect(rewrapped(results[0]!) + rewrapped(results[1]!)).toBe(initial.length)
    expect(results.flatMap((result) => result.damaged)).toEqual([])
    const after = await keyRows(clinicIds)
    expect(after.length).toBeGreaterThan(initial.length)
    expect(after.filter((row) => row.master_key_id !== newKey.id)).toEqual([])

    // The new key alone opens everything, before, during and after, and indexes alike.
    const newOnly = cipherWith(newKey)
    for (const { clinicId, purpose, plaintext, value } of sealed) {
      expect(await newOnly.openText(clinicId, purpose, value)).toBe(plaintext)
    }
    for (const [clinicId, index] of indexes) {
      expect(await newOnly.blindIndex(clinicId, 'email', patient.email)).toEqual(index)
    }
    restartWith(newOnly)
    for (const clinic of booked) {
      const response = await harness.call('GET', `/v1/intake/responses/${clinic.ids.responseId}`, {
        token: clinic.sk,
      })
      expect(response.status).toBe(200)
      expect(response.body.answers.reason).toBe('Checkup')
      const file = await harness.app.request(
        `/v1/intake/responses/${clinic.ids.responseId}/files/${clinic.ids.fileId}`,
        { headers: { Authorization: `Bearer ${clinic.sk}` } },
      )
      expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true)
    }

    // The old key alone opens nothing, and says which key it would need.
    const oldOnly = cipherWith(oldKey)
    const refusals = [
      ...sealed.map(
        ({ clinicId, purpose, value }) =>
          () =>
            oldOnly.open(clinicId, purpose, value),
      ),
      ...[...indexes.keys()].map((clinicId) => () => oldOnly.blindIndex(clinicId, 'email', patient.email)),
    ]
    for (const attempt of refusals) {
      const error = await failure(attempt())
      expect(error).toBeInstanceOf(MasterKeyError)
      expect(error.message).toContain(`wrapped by master key ${newKey.id}`)
    }
    restartWith(oldOnly)
    const refused = await harness.call('GET', `/v1/intake/responses/${booked[0]!.ids.responseId}`, {
      token: booked[0]!.sk,
    })
    expect(refused.status).toBe(500)

    // Running again finds nothing to do.
    const again = await rewrapMasterKeys({
      system: system(),
      masterKey: newKey,
      previousMasterKeys: [oldKey],
    })
    expect(rewrapped(again)).toBe(0)
    expect(bookings).toHaveLength(new Set(bookings).size)

    // Left as found: on PostgreSQL the database is shared, and other files start `frontdesk serve` on it
    // with the test master key, which refuses a database holding keys wrapped by another.
    await rewrapMasterKeys({
      system: system(),
      masterKey: TEST_MASTER_KEY,
      previousMasterKeys: [newKey, oldKey],
    })
  }, 120_000)
})

describe('starting with a master key ring', () => {
  it('refuses a ring without the key that wrapped a row, naming it, and starts with it', async () => {
    // A database of its own: verifyMasterKey looks at every clinic's rows.
    const opened = await openDatabase({ dataDir: 'memory://' })
    try {
      await migrate(opened.system)
      const db = opened.system
      const [old, current, stray] = [newMasterKey(), newMasterKey(), newMasterKey()]
      const clinic = async () => (await createClinicRow(db, { name: 'Own', timeZone: 'Europe/Berlin' })).id
      const [sealedClinic, indexedClinic] = [await clinic(), await clinic()]
      const sealed = await cipherWith(old.key, [], db).seal(sealedClinic, 'p', 'before the rotation')
      await cipherWith(old.key, [], db).blindIndex(sealedClinic, 'email', patient.email)

      const refusal = async (ring: FieldCipher, missing: MasterKey) => {
        const error = await failure(ring.verifyMasterKey())
        expect(error).toBeInstanceOf(MasterKeyError)
        expect(error.message).toContain(`wrapped by master key ${missing.id}`)
        expect(error.message).toContain(`FRONTDESK_MASTER_KEY must hold master key ${missing.id}`)
        expect(error.message).toContain('FRONTDESK_MASTER_KEY_PREVIOUS')
        for (const shown of [error.message, inspect(error)]) {
          for (const key of [old, current, stray])
            for (const text of key.shown) expect(shown).not.toContain(text)
        }
        return error
      }
      // Started with only the new key: refused before anything is read.
      await refusal(cipherWith(current.key, [], db), old.key)
      // With the old key as the previous one it starts, and opens what the old key sealed.
      const ring = cipherWith(current.key, [old.key], db)
      await ring.verifyMasterKey()
      expect(await ring.openText(sealedClinic, 'p', sealed)).toBe('before the rotation')

      // An index key wrapped by a key nobody configured is refused too, naming that key and the ring.
      await cipherWith(stray.key, [], db).blindIndex(indexedClinic, 'email', patient.email)
      const error = await refusal(cipherWith(current.key, [old.key], db), stray.key)
      expect(error.message).toContain(
        `not the one configured (${current.key.id}) nor a previous one (${old.key.id})`,
      )
      await db.deleteFrom('clinic_index_keys').where('clinic_id', '=', indexedClinic).execute()

      // Once re-wrapped, the new key alone starts and the old one alone is refused.
      await rewrapMasterKeys({ system: db, masterKey: current.key, previousMasterKeys: [old.key] })
      await cipherWith(current.key, [], db).verifyMasterKey()
      await refusal(cipherWith(old.key, [], db), current.key)
      expect(await keyRows([sealedClinic], db)).toEqual(
        expect.arrayContaining([expect.objectContaining({ master_key_id: current.key.id })]),
      )
    } finally {
      await opened.close()
    }
  }, 60_000)
})
