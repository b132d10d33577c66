// A clinic table's rows as plain JSON for the archive: bytes columns left out, since those are sealed
// values, key hashes or signing secrets, which mean nothing outside this database (what they seal is
// exported opened, elsewhere in the archive) and some of which must never leave it.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'

type ClinicTable = {
  [T in keyof Database]: Database[T] extends { clinic_id: string } ? T : never
}[keyof Database]

export async function plainRows(
  db: Kysely<Database>,
  table: ClinicTable,
  clinicId: string,
): Promise<Record<string, unknown>[]> {
  const rows = await sql<Record<string, unknown>>`
    SELECT * FROM ${sql.table(table)} WHERE clinic_id = ${clinicId}`.execute(db)
  return rows.rows.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([, value]) => !(value instanceof Uint8Array))),
  )
}
