// The data half of migrations/0020_sealed_identity.sql: rows written before it kept patient details in
// clear columns. They are sealed here in batches, each its own transaction, so a crash or a stop loses
// nothing and the next start goes on where this one ended. When no clear value is left the clear
// columns are dropped and the tables rewritten, so the old values leave the table files too.
import { type Kysely, sql } from 'kysely'
import type { FieldCipher } from '../crypto/field-cipher.js'
import { sealText, textPurpose } from '../crypto/sealed-text.js'
import { sealPatient } from '../patients/sealed-identity.js'
import type { Database } from './schema.js'

export const SEALING_STEP = '0020_sealed_identity.data'

export type SealingResult =
  | { state: 'done'; sealed: number }
  /** Clear values remain and no cipher was given: `serve` or `frontdesk migrate` with the master key seals them. */
  | { state: 'pending'; remaining: number }

/** Each table's clear columns, the sealed ones they move to, and how a row is sealed. */
const CLEAR_COLUMNS = {
  patients: ['name', 'email', 'phone', 'date_of_birth'],
  bookings: ['notes', 'cancel_reason'],
  legal_holds: ['reason'],
  rights_requests: ['decision_note'],
} as const
type Table = keyof typeof CLEAR_COLUMNS

type Row = Record<string, unknown> & { id: string; clinic_id: string }
type Sealer = (cipher: FieldCipher, row: Row) => Promise<Record<string, unknown>>

const text = (value: unknown) => (value === null || value === undefined ? null : String(value))

const sealers: Record<Table, Sealer> = {
  patients: async (cipher, row) => {
    // An erased patient's details are gone already; their identity key stays `erased:<id>`.
    if (row.erased_at !== null || text(row.name) === '') return {}
    const { id: _same, ...sealed } = await sealPatient(cipher, row.clinic_id, row.id, {
      name: text(row.name) ?? '',
      email: text(row.email),
      phone: text(row.phone),
      dateOfBirth: isoDate(row.date_of_birth),
    })
    return sealed
  },
  bookings: async (cipher, row) => ({
    notes_sealed: await sealText(cipher, row.clinic_id, textPurpose.bookingNotes(row.id), text(row.notes)),
    cancel_reason_sealed: await sealText(
      cipher,
      row.clinic_id,
      textPurpose.cancelReason(row.id),
      text(row.cancel_reason),
    ),
  }),
  legal_holds: async (cipher, row) => ({
    reason_sealed: await sealText(cipher, row.clinic_id, textPurpose.holdReason(row.id), text(row.reason)),
  }),
  rights_requests: async (cipher, row) => ({
    decision_note_sealed: await sealText(
      cipher,
      row.clinic_id,
      textPurpose.decisionNote(row.id),
      text(row.decision_note),
    ),
  }),
}

/**
 * Seals every clear value left and then drops the clear columns. Without a cipher it finishes only
 * when nothing is left to seal (a new database), else reports what remains. Safe to run from several
 * processes: the columns are dropped under the migrations' lock, and a batch's UPDATE skips rows
 * another process sealed meanwhile.
 */
export async function sealExistingData(
  system: Kysely<Database>,
  cipher: FieldCipher | undefined,
  options: { batch?: number } = {},
): Promise<SealingResult> {
  const db = system
  if (await stepDone(db)) return { state: 'done', sealed: 0 }
  const batch = options.batch ?? 200
  let sealed = 0
  for (const table of Object.keys(CLEAR_COLUMNS) as Table[]) {
    const columns = CLEAR_COLUMNS[table]
    for (;;) {
      const { rows } = await sql<Row>`SELECT * FROM ${sql.table(table)} WHERE ${anyClear(columns)}
        ORDER BY id LIMIT ${batch}`.execute(db)
      if (rows.length === 0) break
      if (!cipher) return { state: 'pending', remaining: await remainingRows(db) }
      // Sealed outside the transaction: a clinic's first seal commits its keys on this one connection.
      const updates = await Promise.all(
        rows.map(async (row) => [row, await sealers[table](cipher, row)] as const),
      )
      await db.transaction().execute(async (trx) => {
        for (const [row, values] of updates) {
          const set = [
            ...Object.entries(values).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
            ...columns.map((column) => sql`${sql.ref(column)} = NULL`),
          ]
          await sql`UPDATE ${sql.table(table)} SET ${sql.join(set)}
            WHERE id = ${row.id} AND (${anyClear(columns)})`.execute(trx)
        }
      })
      sealed += rows.length
    }
  }
  await dropClearColumns(db)
  if (sealed > 0) {
    // The UPDATEs left the clear values in dead row versions; a rewrite takes them out of the files.
    await sql`VACUUM FULL patients, bookings, legal_holds, rights_requests`.execute(db)
  }
  return { state: 'done', sealed }
}

/** `a IS NOT NULL OR b IS NOT NULL …`: the row still holds a clear value. */
const anyClear = (columns: readonly string[]) =>
  sql.join(
    columns.map((column) => sql`${sql.ref(column)} IS NOT NULL`),
    sql` OR `,
  )

async function stepDone(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM schema_migrations WHERE name = ${SEALING_STEP}`.execute(db)
  return rows.length > 0
}

async function remainingRows(db: Kysely<Database>): Promise<number> {
  let remaining = 0
  for (const table of Object.keys(CLEAR_COLUMNS) as Table[]) {
    const { rows } = await sql<{ count: number }>`SELECT count(*)::int AS count FROM ${sql.table(table)}
      WHERE ${anyClear(CLEAR_COLUMNS[table])}`.execute(db)
    remaining += rows[0]?.count ?? 0
  }
  return remaining
}

/** Under the migrations' lock, once: a row written in clear meanwhile (an older process) stops it. */
async function dropClearColumns(db: Kysely<Database>): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(42, 1)`.execute(connection)
    try {
      await connection.transaction().execute(async (trx) => {
        if (await stepDone(trx)) return
        if ((await remainingRows(trx)) > 0) {
          throw new Error('Clear patient values were written while they were being sealed: run it again')
        }
        await sql`ALTER TABLE patients DROP COLUMN name, DROP COLUMN email, DROP COLUMN phone,
          DROP COLUMN date_of_birth`.execute(trx)
        await sql`ALTER TABLE bookings DROP COLUMN notes, DROP COLUMN cancel_reason`.execute(trx)
        await sql`ALTER TABLE legal_holds DROP COLUMN reason`.execute(trx)
        await sql`ALTER TABLE legal_holds ALTER COLUMN reason_sealed SET NOT NULL`.execute(trx)
        await sql`ALTER TABLE rights_requests DROP COLUMN decision_note`.execute(trx)
        await sql`INSERT INTO schema_migrations (name) VALUES (${SEALING_STEP})`.execute(trx)
      })
    } finally {
      await sql`SELECT pg_advisory_unlock(42, 1)`.execute(connection)
    }
  })
}

/** A `date` column reads as a Date or a string, by driver; the sealed value is always YYYY-MM-DD. */
function isoDate(value: unknown): string {
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
  }
  return String(value ?? '')
}
