// Closing a clinic, in one transaction on the system connection: every row carrying its id deleted from
// every table that has one (./clinic-tables.ts finds them), its data and index keys with them, so any
// sealed byte left anywhere else no longer opens; its staff's memberships, invitations and sessions, and
// the accounts that belonged to no other clinic; then the platform's record of the closure, which keeps
// ids and counts only. Append-only tables let the closing transaction delete this clinic's rows alone
// (migrations/0025).
import type { ClinicClosure } from '@frontdesk/contracts'
import { type Kysely, sql } from 'kysely'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { Database } from '../db/schema.js'
import { newId } from '../tokens.js'
import { clinicTables } from './clinic-tables.js'

type Db = Kysely<Database>

export interface CloseInput {
  clinicId: string
  /** The owner's staff account that closes it. */
  closedBy: string
  archiveSha256: string | null
  at: number
}

export async function closeClinic(
  system: Db,
  cipher: FieldCipher | undefined,
  input: CloseInput,
): Promise<ClinicClosure> {
  const { clinicId } = input
  const tables = await clinicTables(system)
  const closure = await system.transaction().execute(async (trx) => {
    await sql`SELECT set_config('frontdesk.closing', ${clinicId}, true)`.execute(trx)
    const dataKeys = await trx
      .selectFrom('clinic_data_keys')
      .select((eb) => eb.fn.countAll<string>().as('versions'))
      .where('clinic_id', '=', clinicId)
      .executeTakeFirstOrThrow()
    const rows: Record<string, number> = {}
    for (const table of tables) {
      if (table.name === 'clinics') continue
      rows[table.name] = await deleted(
        sql`DELETE FROM ${sql.table(table.name)} WHERE ${table.where(clinicId)}`.execute(trx),
      )
    }
    Object.assign(rows, await deleteStaff(trx, clinicId))
    rows.clinics = await deleted(sql`DELETE FROM clinics WHERE id = ${clinicId}`.execute(trx))
    await sql`SELECT set_config('frontdesk.closing', '', true)`.execute(trx)
    const record = {
      id: newId('clo'),
      closed_clinic_id: clinicId,
      closed_at: new Date(input.at),
      closed_by: input.closedBy,
      rows_deleted: JSON.stringify(rows),
      data_key_versions: Number(dataKeys.versions),
      archive_sha256: input.archiveSha256,
    }
    await trx.insertInto('clinic_closures').values(record).execute()
    return {
      id: record.id,
      clinicId,
      closedAt: record.closed_at.toISOString(),
      rows,
      dataKeyVersions: record.data_key_versions,
      archiveSha256: record.archive_sha256,
    }
  })
  // This process forgets the unwrapped keys at once; the rows they came from are gone for every process.
  cipher?.forget(clinicId)
  return closure
}

/** Memberships, invitations, the organization, sessions acting for it, and accounts left with no clinic. */
async function deleteStaff(trx: Db, clinicId: string): Promise<Record<string, number>> {
  const members = await trx
    .selectFrom('staff.member')
    .select('userId')
    .where('organizationId', '=', clinicId)
    .execute()
  const userIds = members.map((member) => member.userId)
  const orphans = userIds.length
    ? (
        await trx
          .selectFrom('staff.member')
          .select('userId')
          .where('userId', 'in', userIds)
          .groupBy('userId')
          .having((eb) => eb.fn.countAll(), '=', 1)
          .execute()
      ).map((row) => row.userId)
    : []
  const rows: Record<string, number> = {}
  rows['staff.session'] = await deleted(
    trx
      .deleteFrom('staff.session')
      .where((eb) =>
        eb.or([
          eb('activeOrganizationId', '=', clinicId),
          ...(orphans.length ? [eb('userId', 'in', orphans)] : []),
        ]),
      )
      .executeTakeFirst(),
  )
  rows['staff.invitation'] = await deleted(
    trx.deleteFrom('staff.invitation').where('organizationId', '=', clinicId).executeTakeFirst(),
  )
  rows['staff.member'] = await deleted(
    trx.deleteFrom('staff.member').where('organizationId', '=', clinicId).executeTakeFirst(),
  )
  rows['staff.organization'] = await deleted(
    trx.deleteFrom('staff.organization').where('id', '=', clinicId).executeTakeFirst(),
  )
  // Their accounts, passwords and two-factor secrets go with them (ON DELETE CASCADE in 0016).
  rows['staff.user'] = orphans.length
    ? await deleted(trx.deleteFrom('staff.user').where('id', 'in', orphans).executeTakeFirst())
    : 0
  return rows
}

async function deleted(
  result: Promise<{ numAffectedRows?: bigint; numDeletedRows?: bigint }>,
): Promise<number> {
  const done = await result
  return Number(done.numDeletedRows ?? done.numAffectedRows ?? 0)
}
