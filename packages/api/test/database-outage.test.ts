// When the database goes away (a restart, a failover, its connections ended) the API answers 503 in the
// one error shape with Retry-After, never 500, keeps running, and serves again by itself: no booking it
// acknowledged is lost.
import { createHash } from 'node:crypto'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { createApp } from '../src/app.js'
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { openDatabase } from '../src/db/database.js'
import { createLogger } from '../src/logger.js'
import { createTestClinic, TEST_MASTER_KEY, useHarness } from './harness.js'

const storage = inject('storage')
const applicationName = `frontdesk-outage-${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 8)}`
const harness = useHarness({ applicationName })

describe('a database that cannot be reached', () => {
  it('answers 503 with Retry-After in the one shape, and logs no 500', async () => {
    // Nothing listens on port 1: every connection is refused, as while a server restarts.
    const opened = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/frontdesk' })
    const logs: string[] = []
    try {
      const app = createApp({
        db: opened.db,
        system: opened.system,
        cipher: new FieldCipher({ system: opened.system, masterKey: TEST_MASTER_KEY }),
        logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }),
        now: () => Date.now(),
      })
      const response = await app.request('/v1/services', {
        headers: { Authorization: `Bearer sk_test_${'a'.repeat(40)}` },
      })
      expect(response.status).toBe(503)
      expect(response.headers.get('Retry-After')).toBe('5')
      const body = await response.json()
      expect(body).toEqual({
        error: { code: 'UNAVAILABLE', message: expect.any(String), requestId: expect.any(String) },
      })
      expect(logs.some((line) => line.includes('unhandled error'))).toBe(false)
    } finally {
      await opened.close()
    }
  })
})

describe.runIf(storage.kind === 'postgres')('connections ended by the server mid-load', () => {
  const adminClient = async () => {
    const admin = new pg.Client({ connectionString: storage.kind === 'postgres' ? storage.url : '' })
    await admin.connect()
    return admin
  }
  const endConnections = (admin: pg.Client) =>
    admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE $1', [
      `${applicationName}%`,
    ])

  it('survives a connection ended between two statements of a transaction, and fails only that transaction', async () => {
    // While a transaction holds its connection between statements no query is listening on it: the
    // server's goodbye arrives as an 'error' event on the connection itself, which must not end the process.
    const admin = await adminClient()
    try {
      const transaction = harness.deps.system.transaction().execute(async (trx) => {
        await trx.selectFrom('clinics').select('id').limit(1).execute()
        await endConnections(admin)
        await new Promise((resolve) => setTimeout(resolve, 300))
        await trx.selectFrom('clinics').select('id').limit(1).execute()
      })
      await expect(transaction).rejects.toThrow()
    } finally {
      await admin.end()
    }
    // The pool replaced the connection: the API serves again.
    const clinic = await createTestClinic(harness)
    expect((await harness.call('GET', '/v1/services', { token: clinic.sk })).status).toBe(200)
  })

  it('answers 201 or 503 meanwhile, recovers by itself, and keeps every booking it acknowledged', async () => {
    const clinic = await createTestClinic(harness)
    const book = (n: number) =>
      harness.call('POST', '/v1/bookings', {
        token: clinic.pk,
        body: {
          serviceId: clinic.serviceId,
          startsAt: `2027-03-${String(3 + (n % 3)).padStart(2, '0')}T${String(8 + Math.floor(n / 3)).padStart(2, '0')}:00:00Z`,
          patient: { name: 'Olive Outage', email: `outage-${n}@example.org`, dateOfBirth: '1970-01-01' },
        },
      })
    expect((await book(0)).status).toBe(201)

    const admin = await adminClient()
    let answers: Awaited<ReturnType<typeof book>>[]
    try {
      const load = Promise.all(Array.from({ length: 12 }, (_, index) => book(index + 1)))
      await endConnections(admin)
      answers = await load
      await endConnections(admin)
    } finally {
      await admin.end()
    }
    for (const answer of answers) {
      expect([201, 503], JSON.stringify(answer.body)).toContain(answer.status)
      if (answer.status === 503) {
        expect(answer.body.error.code).toBe('UNAVAILABLE')
        expect(answer.headers.get('Retry-After')).toBe('5')
      }
    }
    // Back by itself, on new connections: a pooled connection whose backend is still going down answers
    // its next statement 57P01 (a 503 like the others), so the first request after may still meet one.
    let again = await book(20)
    for (let tries = 0; again.status === 503 && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      again = await book(20)
    }
    expect(again.status).toBe(201)
    const acknowledged = answers
      .filter((answer) => answer.status === 201)
      .map((answer) => answer.body.booking.id)
    const stored = await harness.deps.system
      .selectFrom('bookings')
      .select('id')
      .where('clinic_id', '=', clinic.clinicId)
      .execute()
    for (const id of acknowledged) expect(stored.map((row) => row.id)).toContain(id)
  })
})
