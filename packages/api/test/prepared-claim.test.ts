// The booking claim is parsed and planned once per connection, not on every booking (src/db/prepared.ts):
// on a server its statement is a named prepared statement, reused by every claim on that connection, for
// any clinic, with row-level security still applied per clinic.
import { sql } from 'kysely'
import { describe, expect, inject, it } from 'vitest'
import { createApp } from '../src/app.js'
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { openDatabase } from '../src/db/database.js'
import { createLogger } from '../src/logger.js'
import { createTestClinic, TEST_MASTER_KEY, useHarness } from './harness.js'

const storage = inject('storage')

describe.runIf(storage.kind === 'postgres')('the booking claim on a PostgreSQL server', () => {
  const harness = useHarness()

  it('is one prepared statement per connection, reused for every booking of every clinic', async () => {
    const clinics = [await createTestClinic(harness), await createTestClinic(harness)]
    // One app connection, so every booking below goes through the same session.
    const opened = await openDatabase({ url: storage.kind === 'postgres' ? storage.url : '', poolSize: 1 })
    try {
      const app = createApp({
        db: opened.db,
        system: opened.system,
        cipher: new FieldCipher({ system: opened.system, masterKey: TEST_MASTER_KEY }),
        logger: createLogger({ level: 'silent' }),
        now: harness.deps.now,
      })
      const book = (clinic: (typeof clinics)[number], hour: number) =>
        app.request('/v1/bookings', {
          method: 'POST',
          headers: { Authorization: `Bearer ${clinic.sk}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            serviceId: clinic.serviceId,
            startsAt: `2027-03-03T${String(hour).padStart(2, '0')}:00:00Z`,
            patient: {
              name: 'Pia Prepared',
              email: `prepared-${hour}@example.org`,
              dateOfBirth: '1980-05-05',
            },
          }),
        })
      // Two practitioners each: the first clinic's 08:00 is full after two bookings, while the second
      // clinic's, booked in between on the same connection, is its own. Each claim saw its own clinic.
      const answers = [
        await book(clinics[0]!, 8),
        await book(clinics[1]!, 8),
        await book(clinics[0]!, 8),
        await book(clinics[0]!, 8),
      ]
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 409])

      const statements = await opened.db.connection().execute((connection) =>
        sql<{ name: string; statement: string; runs: number }>`
          SELECT name, statement, (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements
        `.execute(connection),
      )
      const claims = statements.rows.filter((row) => row.statement.includes('frontdesk_claim('))
      expect(claims).toHaveLength(1)
      expect(claims[0]!.name).toMatch(/^frontdesk_[0-9a-f]{24}$/)
      // Three claims written; the fourth booking was turned away by its plan, before any claim.
      expect(claims[0]!.runs).toBe(3)
    } finally {
      await opened.close()
    }
  })
})

describe.skipIf(storage.kind === 'postgres')('the booking claim on a PostgreSQL server', () => {
  it.skip('needs a PostgreSQL server (TEST_DATABASE_URL): PGlite runs in this process, with nothing to prepare', () => {})
})
