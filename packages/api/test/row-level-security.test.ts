// Isolation in depth (migration 0013): with the application's own clinic filter left out, the database
// still hands the app connection one clinic's rows, refuses writes into another clinic, and answers
// nothing when no clinic is set. Every table with a clinic_id is checked, read from the catalogue, so a
// new table without a policy fails here.
import { type Kysely, sql } from 'kysely'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { sealAuditEvents } from '../src/audit/seal.js'
import type { Database } from '../src/db/schema.js'
import { APP_ROLE, currentClinic, withClinic } from '../src/db/tenant-scope.js'
import { newId } from '../src/tokens.js'
import { createEndpoint } from '../src/webhooks/endpoint-store.js'
import { useHarness } from './harness.js'
import { bookSlot, type Clinic, createWorld } from './security/fixtures.js'

const harness = useHarness()
let a: Clinic
let b: Clinic
let clinicTables: string[]

/** Tables made by tests rather than migrations (field-cipher.test.ts scans one), in the shared database. */
const TEST_TABLE = /_for_test$/
/** Where both clinics must have rows, so "sees only its own" is never true of an empty table. */
const POPULATED = [
  'clinics',
  'api_keys',
  'locations',
  'practitioners',
  'services',
  'practitioner_services',
  'weekly_hours',
  'date_overrides',
  'time_off',
  'patients',
  'bookings',
  'idempotency_keys',
  'audit_events',
  'audit_seals',
  'clinic_data_keys',
  'clinic_index_keys',
  'intake_forms',
  'intake_form_versions',
  'intake_responses',
  'intake_answers',
  'intake_files',
  'consent_documents',
  'consent_document_versions',
  'consent_records',
  'events',
  'webhook_endpoints',
  'webhook_deliveries',
]

const anyDb = (db: Kysely<Database>) => db as unknown as Kysely<any>
const keyOf = (table: string) => (table === 'clinics' ? 'id' : 'clinic_id')

/** Rows of `table` the connection sees with no filter at all, and how many of them belong to `clinicId`. */
async function visible(db: Kysely<Database>, table: string, clinicId: string) {
  const { rows } = await sql<{ seen: number; own: number }>`
    SELECT count(*)::int AS seen, count(*) FILTER (WHERE ${sql.ref(keyOf(table))} = ${clinicId})::int AS own
      FROM ${sql.table(table)}`.execute(db)
  return rows[0]!
}

/** Rows of `table` that belong to `clinicId`, as the system connection counts them. */
async function rowsOf(table: string, clinicId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.ref(keyOf(table))} = ${clinicId}`.execute(
    harness.deps.system,
  )
  return rows[0]!.n
}

/** consent_texts has no clinic_id: its rows belong to a clinic through their document. */
async function consentTextsOf(db: Kysely<Database>, clinicId: string | null) {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM consent_texts t
     WHERE ${clinicId}::text IS NULL
        OR EXISTS (SELECT 1 FROM consent_documents d WHERE d.id = t.document_id AND d.clinic_id = ${clinicId})`.execute(
    db,
  )
  return rows[0]!.n
}

beforeAll(async () => {
  const world = await createWorld(harness)
  a = world.a
  b = world.b
  const { system, cipher } = harness.deps
  for (const clinic of [a, b]) {
    // An endpoint listening makes bookings write events; a delivery row is written as the worker would.
    const { row } = await createEndpoint(system, cipher!, clinic.clinicId, {
      url: 'https://hooks.example.org/frontdesk',
      events: ['booking.created'],
      enabled: true,
    })
    await bookSlot(harness, clinic)
    const slot = clinic.nextSlot()
    const replayable = await harness.call('POST', '/v1/bookings', {
      token: clinic.sk,
      headers: { 'Idempotency-Key': `rls-${clinic.clinicId}` },
      body: { serviceId: clinic.serviceId, ...slot, patient: { ...patientFor(clinic) } },
    })
    expect(replayable.status).toBe(201)
    const event = await system
      .selectFrom('events')
      .select('id')
      .where('clinic_id', '=', clinic.clinicId)
      .executeTakeFirstOrThrow()
    await system
      .insertInto('webhook_deliveries')
      .values({
        id: newId('whd'),
        clinic_id: clinic.clinicId,
        endpoint_id: row.id,
        event_id: event.id,
        event_type: 'booking.created',
        status: 'delivered',
        response_status: 204,
        error: null,
        duration_ms: 3,
        attempted_at: new Date(harness.clock.now),
      })
      .execute()
    await sealAuditEvents(system, harness.deps.cipher!.chainHeads, clinic.clinicId)
  }
  const { rows } = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = 'public' AND c.column_name = 'clinic_id' AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name`.execute(harness.deps.system)
  clinicTables = ['clinics', ...rows.map((row) => row.table_name).filter((name) => !TEST_TABLE.test(name))]
}, 120_000)

function patientFor(clinic: Clinic) {
  return {
    name: 'Rowena Lévy',
    email: `rowena.${clinic.clinicId.slice(-6).toLowerCase()}@example.org`,
    dateOfBirth: '1979-11-02',
  }
}

describe('row-level security', () => {
  it('is enabled and forced on every table that holds a clinic id, with the clinic policy', async () => {
    expect(clinicTables).toEqual(expect.arrayContaining(POPULATED))
    const { rows } = await sql<{
      relname: string
      relrowsecurity: boolean
      relforcerowsecurity: boolean
      policy: string | null
    }>`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
             (SELECT p.qual FROM pg_policies p
               WHERE p.schemaname = 'public' AND p.tablename = c.relname AND p.policyname = 'clinic_isolation') AS policy
        FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY(${[...clinicTables, 'consent_texts']})
       ORDER BY c.relname`.execute(harness.deps.system)
    expect(rows.map((row) => row.relname).sort()).toEqual([...clinicTables, 'consent_texts'].sort())
    for (const row of rows) {
      expect({ table: row.relname, enabled: row.relrowsecurity, forced: row.relforcerowsecurity }).toEqual({
        table: row.relname,
        enabled: true,
        forced: true,
      })
      // consent_texts is keyed through its document; every other table on app.clinic_id itself.
      expect({ table: row.relname, policy: row.policy }).toEqual({
        table: row.relname,
        policy: expect.stringMatching(
          row.relname === 'consent_texts' ? /consent_documents/ : /app\.clinic_id/,
        ),
      })
    }
  })

  it('shows a clinic only its own rows in every clinic table, with no clinic filter in the query', async () => {
    for (const table of POPULATED) {
      expect({
        table,
        a: (await rowsOf(table, a.clinicId)) > 0,
        b: (await rowsOf(table, b.clinicId)) > 0,
      }).toEqual({ table, a: true, b: true })
    }
    for (const [own, other] of [
      [a, b],
      [b, a],
    ] as const) {
      for (const table of clinicTables) {
        const seen = await withClinic(own.clinicId, () => visible(harness.deps.db, table, own.clinicId))
        const expected = await rowsOf(table, own.clinicId)
        expect({ table, ...seen }).toEqual({ table, seen: expected, own: expected })
      }
      const texts = await withClinic(own.clinicId, () => consentTextsOf(harness.deps.db, null))
      expect(texts).toBe(await consentTextsOf(harness.deps.system, own.clinicId))
      expect(texts).toBeGreaterThan(0)
      // The plainest query of all: every booking there is.
      const bookings = await withClinic(own.clinicId, () =>
        harness.deps.db.selectFrom('bookings').selectAll().execute(),
      )
      expect(bookings.length).toBeGreaterThan(0)
      expect(bookings.filter((row) => row.clinic_id !== own.clinicId)).toEqual([])
      expect(bookings.map((row) => row.id)).not.toContain(other.booking.id)
    }
  })

  it('refuses to write a row into another clinic, and changes none of its rows', async () => {
    const { db, system } = harness.deps
    await expect(
      withClinic(a.clinicId, () =>
        db
          .insertInto('locations')
          .values({ id: newId('loc'), clinic_id: b.clinicId, name: 'Smuggled in', address: null })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' })
    await expect(
      withClinic(a.clinicId, () =>
        anyDb(db)
          .insertInto('audit_events')
          .values({
            clinic_id: b.clinicId,
            actor_type: 'secret',
            actor_id: 'key_x',
            action: 'booking.read',
            object_type: 'booking',
            object_id: b.booking.id,
          })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' })

    const before = await system
      .selectFrom('bookings')
      .selectAll()
      .where('id', '=', b.booking.id)
      .executeTakeFirstOrThrow()
    const changed = await withClinic(a.clinicId, async () => {
      const updated = await db
        .updateTable('bookings')
        .set({ notes_sealed: Buffer.from('changed by A') })
        .where('id', '=', b.booking.id)
        .executeTakeFirst()
      // Moving one's own row into another clinic is a write into that clinic too.
      const moved = db
        .updateTable('locations')
        .set({ clinic_id: b.clinicId })
        .where('id', '=', a.locationId)
        .execute()
      await expect(moved).rejects.toMatchObject({ code: expect.stringMatching(/^(42501|23503)$/) })
      const deleted = await db.deleteFrom('time_off').where('clinic_id', '=', b.clinicId).executeTakeFirst()
      return { updated: Number(updated.numUpdatedRows), deleted: Number(deleted.numDeletedRows) }
    })
    expect(changed).toEqual({ updated: 0, deleted: 0 })
    expect(
      await system
        .selectFrom('bookings')
        .selectAll()
        .where('id', '=', b.booking.id)
        .executeTakeFirstOrThrow(),
    ).toEqual(before)
    expect(await rowsOf('time_off', b.clinicId)).toBeGreaterThan(0)
  })

  it('answers nothing from any clinic table when no clinic is set, also right after one was', async () => {
    const { db, system } = harness.deps
    expect(currentClinic()).toBeUndefined()
    await withClinic(a.clinicId, () => visible(db, 'bookings', a.clinicId))
    for (const table of [...clinicTables, 'consent_texts']) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
        db,
      )
      expect({ table, rows: rows[0]!.n }).toEqual({ table, rows: 0 })
    }
    // The system connection, used in between on PGlite's one session, still sees every clinic.
    expect(await rowsOf('bookings', a.clinicId)).toBeGreaterThan(0)
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM clinics WHERE id IN (${a.clinicId}, ${b.clinicId})`.execute(system)
    expect(rows[0]!.n).toBe(2)
  })

  it('acts as a role that is no superuser, bypasses no policy and owns nothing', async () => {
    const { rows } = await sql<{
      role: string
      superuser: boolean
      bypassrls: boolean
      owned: number
      ownerRoles: number
    }>`
      SELECT r.rolname AS role, r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
             (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned,
             (SELECT count(DISTINCT c.relowner)::int FROM pg_class c
               WHERE c.relnamespace = 'public'::regnamespace AND pg_has_role(r.oid, c.relowner, 'USAGE')) AS "ownerRoles"
        FROM pg_roles r WHERE r.rolname = current_user`.execute(harness.deps.db)
    expect(rows).toEqual([{ role: APP_ROLE, superuser: false, bypassrls: false, owned: 0, ownerRoles: 0 }])
    if (inject('storage').kind === 'postgres') {
      // The same role connects directly when DATABASE_APP_URL names it: LOGIN, and no way up.
      const { rows: login } = await sql<{
        rolcanlogin: boolean
        rolcreaterole: boolean
        rolcreatedb: boolean
      }>`
        SELECT rolcanlogin, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = ${APP_ROLE}`.execute(
        harness.deps.system,
      )
      expect(login).toEqual([{ rolcanlogin: true, rolcreaterole: false, rolcreatedb: false }])
    }
  })

  it('keeps append-only tables append-only for the app role', async () => {
    const { rows } = await sql<{ table: string; update: boolean; delete: boolean; insert: boolean }>`
      SELECT t AS table, has_table_privilege(${APP_ROLE}, t, 'UPDATE') AS update,
             has_table_privilege(${APP_ROLE}, t, 'DELETE') AS delete,
             has_table_privilege(${APP_ROLE}, t, 'INSERT') AS insert
        FROM unnest(${['audit_events', 'audit_seals', 'consent_records', 'intake_form_versions']}::text[]) AS t`.execute(
      harness.deps.system,
    )
    for (const row of rows)
      expect(row).toEqual({ table: row.table, update: false, delete: false, insert: true })
  })

  it('refuses to switch a scope to another clinic', async () => {
    await expect(withClinic(a.clinicId, () => withClinic(b.clinicId, async () => 'crossed'))).rejects.toThrow(
      /another clinic/,
    )
    await expect(
      withClinic(a.clinicId, () => withClinic(a.clinicId, async () => currentClinic())),
    ).resolves.toBe(a.clinicId)
  })
})
