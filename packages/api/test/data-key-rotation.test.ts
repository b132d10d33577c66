// A clinic's data key rotated while it takes bookings: every sealed value moves to the new version (but
// consent evidence, which its chain pins), everything still opens and every lookup still finds, and other
// clinics are left as they were.
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { resealClinic, rotateClinicKey, SEALED_COLUMNS, versionsInUse } from '../src/crypto/reseal.js'
import { createTestClinic, TEST_MASTER_KEY, type TestClinic, useHarness } from './harness.js'
import { patientWithHistory } from './patient-history.js'

const harness = useHarness()
let clinic: TestClinic
let other: TestClinic
let history: Awaited<ReturnType<typeof patientWithHistory>>

const slot = (day: number, hour: number) =>
  `2027-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`

beforeAll(async () => {
  clinic = await createTestClinic(harness)
  other = await createTestClinic(harness)
  history = await patientWithHistory(harness, clinic, 'Rotation')
  await patientWithHistory(harness, other, 'Untouched')
  const hold = await harness.call('POST', `/v1/patients/${history.patientId}/legal-holds`, {
    token: clinic.sk,
    body: { kinds: ['intake'], reason: 'Records requested by the insurer' },
  })
  expect(hold.status).toBe(201)
}, 120_000)

/** Sealed values of the clinic still under `version`, per `table.column`, consent records aside. */
async function valuesUnder(clinicId: string, version: number) {
  const found: string[] = []
  for (const { table, column } of SEALED_COLUMNS) {
    const ref = sql.ref(column)
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}
      WHERE clinic_id = ${clinicId} AND ${ref} IS NOT NULL
        AND get_byte(${ref}, 1) * 256 + get_byte(${ref}, 2) = ${version}`.execute(harness.deps.system)
    if (rows[0]!.n > 0) found.push(`${table}.${column}`)
  }
  return found
}

describe("rotating a clinic's data key", () => {
  it('seals every value again under the new version while bookings keep coming', async () => {
    expect(await versionsInUse(harness.deps.system, clinic.clinicId)).toEqual([1])
    const booking = (n: number) =>
      harness.call('POST', '/v1/bookings', {
        token: clinic.pk,
        body: {
          serviceId: clinic.serviceId,
          startsAt: slot(7 + n, 9), // Monday 8 March to Thursday 11 March
          patient: { ...history.who, email: `rotation-${n}@example.org` },
          notes: `Booked during the rotation ${n}`,
        },
      })
    const [report, ...booked] = await Promise.all([
      rotateClinicKey(harness.deps.system, harness.deps.cipher!, clinic.clinicId, { batch: 2 }),
      ...[1, 2, 3, 4].map(booking),
    ])
    expect(booked.map((response) => response.status)).toEqual([201, 201, 201, 201])
    expect(report!.version).toBe(2)
    expect(report!.resealed).toMatchObject({
      'patients.name_sealed': expect.any(Number),
      'bookings.notes_sealed': expect.any(Number),
      'intake_answers.sealed': expect.any(Number),
      'legal_holds.reason_sealed': 1,
    })
    // A booking made meanwhile may have been sealed under version 1 by a request that read the version
    // just before: a second pass picks it up.
    const second = await resealClinic(harness.deps.system, harness.deps.cipher!, clinic.clinicId)
    expect(second.version).toBe(2)
    expect(await valuesUnder(clinic.clinicId, 1)).toEqual([])
    // Consent evidence keeps its version: the ledger's chain covers those bytes.
    const inUse = await versionsInUse(harness.deps.system, clinic.clinicId)
    expect(inUse).toContain(1)
    expect(inUse).toEqual([1, 2])
  })

  it('leaves everything readable, by a process that knows only the database and the master key', async () => {
    // A fresh cipher has no key cached: it unwraps every version it meets from the database.
    const fresh = new FieldCipher({ system: harness.deps.system, masterKey: TEST_MASTER_KEY })
    const read = await harness.call('GET', `/v1/bookings/${history.bookingId}`, { token: clinic.sk })
    expect(read.body).toMatchObject({ patient: { name: history.who.name }, notes: history.notes })
    const exported = await harness.call('GET', `/v1/patients/${history.patientId}/export`, {
      token: clinic.sk,
    })
    expect(JSON.stringify(exported.body)).toContain(history.answer)
    expect(JSON.stringify(exported.body)).toContain(history.typedName)
    const found = await harness.call('POST', '/v1/patients/search', {
      token: clinic.sk,
      body: { email: history.who.email },
    })
    expect(found.body.data.map((patient: { id: string }) => patient.id)).toEqual([history.patientId])
    const row = await harness.deps.system
      .selectFrom('patients')
      .selectAll()
      .where('id', '=', history.patientId)
      .executeTakeFirstOrThrow()
    expect(FieldCipher.keyVersion(row.name_sealed!)).toBe(2)
    const purpose = `patient:${history.patientId}:name`
    expect(await fresh.openText(clinic.clinicId, purpose, row.name_sealed!)).toBe(history.who.name)
  })

  it("leaves another clinic's values and key versions as they were", async () => {
    expect(await versionsInUse(harness.deps.system, other.clinicId)).toEqual([1])
    const keys = await harness.deps.system
      .selectFrom('clinic_data_keys')
      .select('version')
      .where('clinic_id', '=', other.clinicId)
      .execute()
    expect(keys.map((key) => key.version)).toEqual([1])
  })
})
