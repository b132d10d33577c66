// Database scans for the security tests: which columns of which rows hold a token, a value or a key.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../src/db/schema.js'

const TENANT_TABLES = [
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
  'clinic_data_keys',
] as const

/** Every `table.column` of one clinic's rows that holds `needle`, as text or as the bytes of a bytea column. */
export async function tableRowsMentioning(db: Kysely<Database>, clinicId: string, needle: string) {
  const anyDb = db as unknown as Kysely<any>
  const tables: [string, Record<string, unknown>[]][] = [
    ['clinics', await anyDb.selectFrom('clinics').selectAll().where('id', '=', clinicId).execute()],
  ]
  for (const table of TENANT_TABLES) {
    tables.push([
      table,
      await anyDb.selectFrom(table).selectAll().where('clinic_id', '=', clinicId).execute(),
    ])
  }
  const found = new Set<string>()
  for (const [table, rows] of tables) {
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        const texts =
          value instanceof Uint8Array
            ? ['utf8', 'hex', 'base64', 'base64url'].map((encoding) =>
                Buffer.from(value).toString(encoding as BufferEncoding),
              )
            : [typeof value === 'string' ? value : JSON.stringify(value)]
        if (texts.some((text) => text?.includes(needle))) found.add(`${table}.${column}`)
      }
    }
  }
  return [...found]
}

/**
 * Every `table.column` anywhere in the database (all tables, all clinics) holding `needle`. A text
 * needle is looked for in text and JSON, and in bytea as raw UTF-8, hex or base64; a byte needle
 * in bytea as raw bytes, and in text and JSON as hex or base64.
 */
export async function databaseRowsMentioning(db: Kysely<Database>, needle: string | Uint8Array) {
  const bytes = Buffer.from(needle)
  const encodings = ['hex', 'base64', 'base64url'] as const
  const texts = typeof needle === 'string' ? [needle] : encodings.map((encoding) => bytes.toString(encoding))
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db)
  const found = new Set<string>()
  for (const { table_name: table } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db)
    for (const row of rows.rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue
        const hit =
          value instanceof Uint8Array
            ? Buffer.from(value).includes(bytes) ||
              (typeof needle === 'string' &&
                encodings.some((encoding) => Buffer.from(value).toString(encoding).includes(needle)))
            : texts.some((text) => (typeof value === 'string' ? value : JSON.stringify(value)).includes(text))
        if (hit) found.add(`${table}.${column}`)
      }
    }
  }
  return [...found]
}
