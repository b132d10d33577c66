// A clinic's data key rotated: every value sealed under an older version is opened and sealed again under
// the newest, in batches, while the API serves. Older versions stay wrapped in clinic_data_keys and keep
// opening what they sealed meanwhile, so nothing is ever unreadable. Consent records are left as they
// are: their chain covers the sealed bytes (a digest of them from chain version 2), and the ledger is
// append-only; their key versions stay for as long as they do.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { answerPurpose, filePurpose } from '../intake/sealed-answers.js'
import { manageTokenPurpose } from '../messages/manage-link.js'
import { identityPurpose } from '../patients/sealed-identity.js'
import { contactPurpose, detailsPurpose } from '../rights/request-contact.js'
import { webhookSecretPurpose } from '../webhooks/endpoint-store.js'
import type { FieldCipher } from './field-cipher.js'
import { textPurpose } from './sealed-text.js'

type Row = Record<string, unknown>

/** One column of sealed values: its table, the columns naming a row, and the purpose each value is bound to. */
export interface SealedColumn {
  table: string
  column: string
  key: string[]
  /** Other columns the purpose is made of. */
  with?: string[]
  purpose(row: Row): string
}

const byId = (table: string, column: string, purpose: (id: string) => string): SealedColumn => ({
  table,
  column,
  key: ['id'],
  purpose: (row) => purpose(String(row.id)),
})

/** Every column sealed under a clinic's data key that may be sealed again (consent records may not). */
export const SEALED_COLUMNS: SealedColumn[] = [
  byId('patients', 'name_sealed', (id) => identityPurpose(id, 'name')),
  byId('patients', 'email_sealed', (id) => identityPurpose(id, 'email')),
  byId('patients', 'phone_sealed', (id) => identityPurpose(id, 'phone')),
  byId('patients', 'date_of_birth_sealed', (id) => identityPurpose(id, 'date_of_birth')),
  byId('bookings', 'notes_sealed', textPurpose.bookingNotes),
  byId('bookings', 'cancel_reason_sealed', textPurpose.cancelReason),
  byId('bookings', 'manage_token_sealed', manageTokenPurpose),
  byId('legal_holds', 'reason_sealed', textPurpose.holdReason),
  byId('rights_requests', 'decision_note_sealed', textPurpose.decisionNote),
  byId('rights_requests', 'contact', contactPurpose),
  byId('rights_requests', 'details', detailsPurpose),
  byId('webhook_endpoints', 'secret', (id) => webhookSecretPurpose(id, 'secret')),
  byId('webhook_endpoints', 'previous_secret', (id) => webhookSecretPurpose(id, 'previous')),
  {
    table: 'intake_answers',
    column: 'sealed',
    key: ['response_id', 'field_id'],
    purpose: (row) => answerPurpose(String(row.response_id), String(row.field_id)),
  },
  {
    table: 'intake_files',
    column: 'sealed',
    key: ['id'],
    with: ['response_id'],
    purpose: (row) => filePurpose(String(row.response_id), String(row.id)),
  },
]

export interface ResealReport {
  version: number
  /** Values sealed again, per `table.column`. */
  resealed: Record<string, number>
  /** Key versions still holding values after the run: consent records, and anything written meanwhile. */
  versionsInUse: number[]
}

/**
 * Seals again, under the clinic's current version, every value of `SEALED_COLUMNS` an older version
 * sealed. Each UPDATE applies only if the value is still the one read, so a write racing it wins and
 * a second run (or a run beside another) does no harm.
 */
export async function resealClinic(
  system: Kysely<Database>,
  cipher: FieldCipher,
  clinicId: string,
  options: { batch?: number } = {},
): Promise<ResealReport> {
  const batch = options.batch ?? 200
  const version = await cipher.currentVersion(clinicId)
  const resealed: Record<string, number> = {}
  for (const sealed of SEALED_COLUMNS) {
    const column = sql.ref(sealed.column)
    let done = 0
    let after: string | null = null
    for (;;) {
      const order = sql.join(sealed.key.map((key) => sql.ref(key)))
      const rows: Row[] = (
        await sql<Row>`SELECT ${sql.join([...sealed.key, ...(sealed.with ?? [])].map((key) => sql.ref(key)))},
            ${column} AS value
          FROM ${sql.table(sealed.table)}
          WHERE clinic_id = ${clinicId} AND ${column} IS NOT NULL
            AND get_byte(${column}, 1) * 256 + get_byte(${column}, 2) <> ${version}
            AND (${after}::text IS NULL OR concat_ws(':', ${order}) > ${after})
          ORDER BY concat_ws(':', ${order}) LIMIT ${batch}`.execute(system)
      ).rows
      if (rows.length === 0) break
      // Opened and sealed outside the transaction (see FieldCipher); written in one.
      const next = await Promise.all(
        rows.map(async (row) => {
          const purpose = sealed.purpose(row)
          const plain = await cipher.open(clinicId, purpose, row.value as Uint8Array)
          return { row, value: await cipher.seal(clinicId, purpose, plain) }
        }),
      )
      await system.transaction().execute(async (trx) => {
        for (const { row, value } of next) {
          const where = sql.join(
            sealed.key.map((key) => sql`${sql.ref(key)} = ${row[key]}`),
            sql` AND `,
          )
          const updated = await sql`UPDATE ${sql.table(sealed.table)} SET ${column} = ${value}
            WHERE clinic_id = ${clinicId} AND ${where} AND ${column} = ${row.value}`.execute(trx)
          done += Number(updated.numAffectedRows ?? 0n)
        }
      })
      const last = rows.at(-1)!
      after = sealed.key.map((key) => String(last[key])).join(':')
    }
    if (done > 0) resealed[`${sealed.table}.${sealed.column}`] = done
  }
  return { version, resealed, versionsInUse: await versionsInUse(system, clinicId) }
}

/** The key versions the clinic's sealed values name, consent records included. */
export async function versionsInUse(system: Kysely<Database>, clinicId: string): Promise<number[]> {
  const columns = [
    ...SEALED_COLUMNS,
    ...['signer_name', 'typed_name', 'signature'].map((column) => ({ table: 'consent_records', column })),
  ]
  const versions = new Set<number>()
  for (const { table, column } of columns) {
    const ref = sql.ref(column)
    const { rows } = await sql<{ version: number }>`
      SELECT DISTINCT get_byte(${ref}, 1) * 256 + get_byte(${ref}, 2) AS version
        FROM ${sql.table(table)} WHERE clinic_id = ${clinicId} AND ${ref} IS NOT NULL`.execute(system)
    for (const row of rows) versions.add(Number(row.version))
  }
  return [...versions].sort((a, b) => a - b)
}

/** Rotates the clinic's data key and seals its values again under the new version. */
export async function rotateClinicKey(
  system: Kysely<Database>,
  cipher: FieldCipher,
  clinicId: string,
  options: { batch?: number } = {},
): Promise<ResealReport> {
  await cipher.rotate(clinicId)
  return resealClinic(system, cipher, clinicId, options)
}
