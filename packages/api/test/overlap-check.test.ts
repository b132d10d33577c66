// The claim's overlap check and the release of expired holds (migration 0027): they run as the tables'
// owner so that the exclusion index is read by practitioner and time, and they name the connection's
// clinic themselves. Another clinic's calendar is invisible and untouchable to them, as to the policy;
// a practitioner's long history is not read row by row.
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { withClinic } from '../src/db/tenant-scope.js'
import { newId } from '../src/tokens.js'
import { useHarness } from './harness.js'
import { createWorld, holdSlot, type World } from './security/fixtures.js'

const harness = useHarness()
let world: World

beforeAll(async () => {
  world = await createWorld(harness)
})

const HOUR = 3_600_000
const range = (start: number, minutes = 30) =>
  `[${new Date(start).toISOString()},${new Date(start + minutes * 60_000).toISOString()})`

/** frontdesk_time_taken on the app connection, inside `clinicId`'s scope (or none). */
async function timeTaken(clinicId: string | null, practitionerId: string, wanted: string) {
  const ask = async () => {
    const { rows } = await sql<{ taken: boolean }>`
      SELECT frontdesk_time_taken(${practitionerId}, ${wanted}::tstzrange, ${new Date(harness.clock.now)}) AS taken
    `.execute(harness.deps.db)
    return rows[0]!.taken
  }
  return clinicId ? withClinic(clinicId, ask) : ask()
}

async function releaseExpired(clinicId: string, practitionerId: string, wanted: string, at: number) {
  return withClinic(clinicId, async () => {
    const { rows } = await sql<{ released: number }>`
      SELECT frontdesk_release_expired_holds(${practitionerId}, ${wanted}::tstzrange, ${new Date(at)}) AS released
    `.execute(harness.deps.db)
    return rows[0]!.released
  })
}

async function statusOf(id: string) {
  const row = await harness.deps.system
    .selectFrom('bookings')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return row.status
}

describe('the overlap check', () => {
  it("sees the clinic's own booking and nothing of another clinic's, nor anything outside a clinic", async () => {
    const { a, b } = world
    const booked = await harness.deps.system
      .selectFrom('bookings')
      .select(['practitioner_id', 'starts_at'])
      .where('id', '=', a.ids.bookingId)
      .executeTakeFirstOrThrow()
    const wanted = range(booked.starts_at.getTime() + 5 * 60_000, 10)

    expect(await timeTaken(a.clinicId, booked.practitioner_id, wanted)).toBe(true)
    expect(await timeTaken(b.clinicId, booked.practitioner_id, wanted)).toBe(false)
    expect(await timeTaken(null, booked.practitioner_id, wanted)).toBe(false)
    // The time beside it is free.
    expect(
      await timeTaken(a.clinicId, booked.practitioner_id, range(booked.starts_at.getTime() + 2 * HOUR)),
    ).toBe(false)
  })

  it("releases the clinic's own expired hold and never another clinic's", async () => {
    const { a, b } = world
    const hold = await holdSlot(harness, a)
    const row = await harness.deps.system
      .selectFrom('bookings')
      .select(['id', 'practitioner_id', 'hold_expires_at'])
      .where('hold_id', '=', hold.id)
      .executeTakeFirstOrThrow()
    const wanted = range(Date.parse(hold.startsAt))
    const expired = row.hold_expires_at!.getTime() + 1000

    expect(await releaseExpired(b.clinicId, row.practitioner_id, wanted, expired)).toBe(0)
    expect(await statusOf(row.id)).toBe('held')
    // Not yet expired: it stays.
    expect(
      await releaseExpired(a.clinicId, row.practitioner_id, wanted, row.hold_expires_at!.getTime() - 1000),
    ).toBe(0)
    expect(await statusOf(row.id)).toBe('held')
    expect(await releaseExpired(a.clinicId, row.practitioner_id, wanted, expired)).toBe(1)
    expect(await statusOf(row.id)).toBe('released')
  })

  it('reads the overlapping rows only, however long the practitioner has been booked', async () => {
    const { a } = world
    const practitionerId = a.ids.practitionerId
    // Three hundred confirmed bookings in the practitioner's past, one an hour.
    const first = Date.parse('2024-01-08T08:00:00Z')
    const rows = Array.from({ length: 300 }, (_, i) => {
      const start = first + i * HOUR
      return {
        id: newId('bkg'),
        clinic_id: a.clinicId,
        status: 'confirmed' as const,
        service_id: a.serviceId,
        practitioner_id: practitionerId,
        starts_at: new Date(start),
        ends_at: new Date(start + 30 * 60_000),
        blocked: range(start),
        patient_id: a.ids.patientId,
        visit_token_hash: randomBytes(32),
        confirmed_at: new Date(start),
      }
    })
    await harness.deps.system.insertInto('bookings').values(rows).execute()

    const wanted = range(first + 150 * HOUR + 10 * 60_000, 5)
    const { taken, fetched, history } = await withClinic(a.clinicId, () =>
      harness.deps.db.transaction().execute(async (trx) => {
        const read = async () => {
          const { rows } = await sql<{ n: string }>`
            SELECT (coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0))::text AS n
              FROM pg_stat_xact_user_tables WHERE relname = 'bookings'`.execute(trx)
          return Number(rows[0]?.n ?? 0)
        }
        const before = await read()
        const { rows } = await sql<{ taken: boolean }>`
          SELECT frontdesk_time_taken(${practitionerId}, ${wanted}::tstzrange, ${new Date(harness.clock.now)}) AS taken
        `.execute(trx)
        const fetched = (await read()) - before
        // The counter counts: reading the practitioner's whole history shows up in it.
        await sql`SELECT count(*) FROM bookings WHERE practitioner_id = ${practitionerId}`.execute(trx)
        return { taken: rows[0]!.taken, fetched, history: (await read()) - before - fetched }
      }),
    )
    expect(history).toBeGreaterThanOrEqual(300)
    expect(taken).toBe(true)
    // Under the policy, the range test could not reach the index: all 300 rows were read and filtered.
    expect(fetched).toBeLessThanOrEqual(2)
  })

  it('is the app role’s to call, as the owner, with a search path fixed', async () => {
    const { rows } = await sql<{ name: string; definer: boolean; config: string[] | null; public: boolean }>`
      SELECT p.proname AS name, p.prosecdef AS definer, p.proconfig AS config,
             has_function_privilege('public', p.oid, 'EXECUTE') AS public
        FROM pg_proc p
       WHERE p.proname IN ('frontdesk_time_taken', 'frontdesk_release_expired_holds')
       ORDER BY p.proname`.execute(harness.deps.system)
    expect(rows.map((row) => row.name)).toEqual(['frontdesk_release_expired_holds', 'frontdesk_time_taken'])
    for (const row of rows) {
      expect(row.definer).toBe(true)
      expect(row.config).toContain('search_path=pg_catalog, public, pg_temp')
      expect(row.public).toBe(false)
    }
  })
})
