// Which tables hold a clinic's rows, read from the database itself rather than a list kept by hand: every
// public table with a clinic_id column, plus the few without one that hang off them, in an order that
// deletes each referencing row before what it references. A new table with clinic_id is covered the day
// its migration runs; a new table that references a clinic table without carrying clinic_id makes
// `clinicTables` throw until it is named in DEPENDENTS.
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../db/schema.js'

type Db = Kysely<Database>

/** Tables without clinic_id that belong to a clinic through a parent: how to find the clinic's rows. */
export const DEPENDENTS: Record<string, (clinicId: string) => RawBuilder<unknown>> = {
  // A consent document's texts, by the document (as 0013's row-level policy finds them).
  consent_texts: (clinicId) =>
    sql`document_id IN (SELECT id FROM consent_documents WHERE clinic_id = ${clinicId})`,
}

export interface ClinicTable {
  name: string
  /** The condition that picks the clinic's rows. */
  where: (clinicId: string) => RawBuilder<unknown>
}

/** Every table holding a clinic's rows, children before parents, `clinics` itself last. */
export async function clinicTables(db: Db): Promise<ClinicTable[]> {
  const withColumn = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = 'public' AND c.column_name = 'clinic_id' AND t.table_type = 'BASE TABLE'`.execute(
    db,
  )
  const references = await sql<{ child: string; parent: string }>`
    SELECT child.relname AS child, parent.relname AS parent
      FROM pg_constraint con
      JOIN pg_class child ON child.oid = con.conrelid
      JOIN pg_class parent ON parent.oid = con.confrelid
      JOIN pg_namespace ns ON ns.oid = child.relnamespace
     WHERE con.contype = 'f' AND ns.nspname = 'public'
       AND parent.relnamespace = child.relnamespace`.execute(db)

  const owned = new Set(['clinics', ...withColumn.rows.map((row) => row.table_name)])
  const strays = references.rows.filter(
    (edge) => owned.has(edge.parent) && !owned.has(edge.child) && !(edge.child in DEPENDENTS),
  )
  if (strays.length)
    throw new Error(
      `${strays.map((edge) => edge.child).join(', ')} reference clinic tables without a clinic_id: name them in DEPENDENTS`,
    )
  for (const name of Object.keys(DEPENDENTS)) owned.add(name)

  // Kahn's order: a table goes once no other remaining table references it (a table may reference itself).
  const edges = references.rows.filter(
    (edge) => owned.has(edge.child) && owned.has(edge.parent) && edge.child !== edge.parent,
  )
  const remaining = new Set([...owned].sort())
  const order: string[] = []
  while (remaining.size) {
    const next = [...remaining].find(
      (table) => !edges.some((edge) => edge.parent === table && remaining.has(edge.child)),
    )
    if (!next) throw new Error(`clinic tables reference each other in a cycle: ${[...remaining].join(', ')}`)
    remaining.delete(next)
    order.push(next)
  }
  return order.map((name) => ({
    name,
    where:
      name === 'clinics'
        ? (clinicId: string) => sql`id = ${clinicId}`
        : (DEPENDENTS[name] ?? ((clinicId: string) => sql`clinic_id = ${clinicId}`)),
  }))
}
