// A database from before 0020 keeps patient details in clear. Migrating seals them in batches that survive
// a crash, finds the same patients by the same lookups afterwards, and drops the clear columns.
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { openSealedText, textPurpose } from '../src/crypto/sealed-text.js'
import { type OpenedDatabase, openDatabase } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import { sealExistingData } from '../src/db/seal-existing.js'
import { emailIndex, identityKey, openPatient, phoneIndex } from '../src/patients/sealed-identity.js'
import { TEST_MASTER_KEY } from './harness.js'

let opened: OpenedDatabase
const CLINIC = 'cln_old'
const PATIENTS = 7

beforeEach(async () => {
  // Its own database: this file needs one that stopped before 0020.
  opened = await openDatabase({ dataDir: 'memory://' })
  await migrate(opened.system, { upTo: '0019_retention.sql' })
  await run(`
    INSERT INTO clinics (id, name, time_zone) VALUES ('${CLINIC}', 'Old Clinic', 'Europe/Berlin');
    INSERT INTO practitioners (id, clinic_id, name) VALUES ('prc_old', '${CLINIC}', 'Dr. Old');
    INSERT INTO services (id, clinic_id, name, duration_minutes) VALUES ('svc_old', '${CLINIC}', 'Visit', 30);
  `)
  for (let n = 0; n < PATIENTS; n++) {
    await sql`INSERT INTO patients (id, clinic_id, identity_key, name, email, phone, date_of_birth)
      VALUES (${`pat_${n}`}, ${CLINIC}, ${`old-hash-${n}`}, ${`Olga Oldfield ${n}`}, ${`olga${n}@example.org`},
        ${`+4930555000${n}`}, ${`1950-01-0${n + 1}`})`.execute(opened.system)
  }
  await run(`
    INSERT INTO patients (id, clinic_id, identity_key, name, date_of_birth, erased_at)
      VALUES ('pat_erased', '${CLINIC}', 'erased:pat_erased', '', NULL, now());
    INSERT INTO bookings (id, clinic_id, status, service_id, practitioner_id, starts_at, ends_at, blocked,
        patient_id, notes, cancelled_at, cancel_reason, visit_token_hash)
      VALUES ('bkg_old', '${CLINIC}', 'cancelled', 'svc_old', 'prc_old', '2026-01-05T09:00Z', '2026-01-05T09:30Z',
        '[2026-01-05T09:00Z,2026-01-05T09:30Z)', 'pat_0', 'Old knee pain', now(), 'Moved away', '\\x01');
    INSERT INTO legal_holds (id, clinic_id, patient_id, kinds, reason)
      VALUES ('lh_old', '${CLINIC}', 'pat_1', '{intake}', 'Old lawsuit');
    INSERT INTO rights_requests (id, clinic_id, kind, channel, contact, status, decision_note)
      VALUES ('rr_old', '${CLINIC}', 'access', 'email', '\\x00', 'rejected', 'Old note');
  `)
})

afterEach(async () => {
  await opened.close()
})

/** Statements with no parameters, several at once (a prepared statement takes one). */
const run = (statements: string) => sql.raw(statements).execute(opened.system)
const cipherOf = () => new FieldCipher({ system: opened.system, masterKey: TEST_MASTER_KEY })

async function columnsOf(table: string): Promise<string[]> {
  const { rows } = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns WHERE table_name = ${table}`.execute(opened.system)
  return rows.map((row) => row.column_name)
}

describe('sealing what was stored in clear', () => {
  it('waits for the master key: without it the clear columns stay and the rows are counted', async () => {
    const result = await migrate(opened.system)
    expect(result.applied).toContain('0020_sealed_identity.sql')
    expect(result.sealing).toEqual({ state: 'pending', remaining: PATIENTS + 1 + 1 + 1 + 1 })
    expect(await columnsOf('patients')).toContain('email')
  })

  it('seals every row, keeps every lookup working, and drops the clear columns', async () => {
    const cipher = cipherOf()
    const result = await migrate(opened.system, { cipher })
    expect(result.sealing).toEqual({ state: 'done', sealed: PATIENTS + 1 + 1 + 1 + 1 })
    expect(await columnsOf('patients')).not.toEqual(expect.arrayContaining(['name']))
    for (const column of ['name', 'email', 'phone', 'date_of_birth'])
      expect(await columnsOf('patients')).not.toContain(column)
    expect(await columnsOf('bookings')).not.toContain('notes')

    const rows = await opened.system.selectFrom('patients').selectAll().orderBy('id').execute()
    const third = rows.find((row) => row.id === 'pat_3')!
    expect(await openPatient(cipher, third)).toEqual({
      name: 'Olga Oldfield 3',
      email: 'olga3@example.org',
      phone: '+49305550003',
      dateOfBirth: '1950-01-04',
    })
    // A returning patient, a rights request and an SMS reply find them by the new keyed indexes.
    const patient = { email: 'olga3@example.org', phone: '+49305550003', dateOfBirth: '1950-01-04' }
    expect(third.identity_key).toBe(await identityKey(cipher, CLINIC, patient))
    expect(Buffer.from(third.email_index!)).toEqual(await emailIndex(cipher, CLINIC, patient.email))
    expect(Buffer.from(third.phone_index!)).toEqual(await phoneIndex(cipher, CLINIC, patient.phone))
    const erased = rows.find((row) => row.id === 'pat_erased')!
    expect(erased).toMatchObject({ identity_key: 'erased:pat_erased', name_sealed: null, email_index: null })

    const booking = await opened.system
      .selectFrom('bookings')
      .selectAll()
      .where('id', '=', 'bkg_old')
      .executeTakeFirstOrThrow()
    const open = (purpose: string, sealed: Uint8Array | null) =>
      openSealedText(cipher, CLINIC, purpose, sealed)
    expect(await open(textPurpose.bookingNotes('bkg_old'), booking.notes_sealed)).toBe('Old knee pain')
    expect(await open(textPurpose.cancelReason('bkg_old'), booking.cancel_reason_sealed)).toBe('Moved away')
    const hold = await opened.system.selectFrom('legal_holds').selectAll().executeTakeFirstOrThrow()
    expect(await open(textPurpose.holdReason('lh_old'), hold.reason_sealed)).toBe('Old lawsuit')

    // Nothing is left to find in clear, in any column of any table.
    const dump = await sql<{ row: string }>`
      SELECT row_to_json(t)::text AS row FROM (
        SELECT * FROM patients) t UNION ALL SELECT row_to_json(b)::text FROM bookings b
      UNION ALL SELECT row_to_json(l)::text FROM legal_holds l
      UNION ALL SELECT row_to_json(r)::text FROM rights_requests r`.execute(opened.system)
    const text = dump.rows.map((row) => row.row).join('\n')
    for (const needle of [
      'Oldfield',
      'olga',
      '5550003',
      '1950-01',
      'knee',
      'Moved away',
      'lawsuit',
      'Old note',
    ])
      expect(text).not.toContain(needle)
  })

  it('goes on after a crash where it stopped, sealing each row once', async () => {
    await migrate(opened.system)
    const real = cipherOf()
    let seals = 0
    class DyingCipher extends FieldCipher {
      override async seal(...args: Parameters<FieldCipher['seal']>) {
        if (++seals > 12) throw new Error('the process died')
        return super.seal(...args)
      }
    }
    const failing = new DyingCipher({ system: opened.system, masterKey: TEST_MASTER_KEY })
    // Two patients a batch, four seals a patient: the first batch commits, the second dies.
    await expect(sealExistingData(opened.system, failing, { batch: 2 })).rejects.toThrow('the process died')
    const { rows } = await sql<{ sealed: number; clear: number }>`
      SELECT count(*) FILTER (WHERE name_sealed IS NOT NULL)::int AS sealed,
             count(*) FILTER (WHERE name IS NOT NULL AND name <> '')::int AS clear FROM patients`.execute(
      opened.system,
    )
    expect(rows[0]).toEqual({ sealed: 2, clear: PATIENTS - 2 })

    const before = await opened.system
      .selectFrom('patients')
      .select(['id', 'name_sealed'])
      .where('name_sealed', 'is not', null)
      .execute()
    expect(await sealExistingData(opened.system, real, { batch: 2 })).toEqual({
      state: 'done',
      sealed: PATIENTS + 1 - 2 + 1 + 1 + 1,
    })
    const after = await opened.system.selectFrom('patients').select(['id', 'name_sealed']).execute()
    // What the first run sealed was not sealed again.
    for (const row of before) expect(after.find((other) => other.id === row.id)).toEqual(row)
    expect(await sealExistingData(opened.system, real)).toEqual({ state: 'done', sealed: 0 })
  })
})
