// Kysely's view of clinic_closures (migrations/0025): the platform's record of each clinic closed.
import type { ColumnType } from 'kysely'

export interface ClinicClosuresTable {
  id: string
  closed_clinic_id: string
  closed_at: ColumnType<Date, Date | string | undefined, never>
  closed_by: string
  rows_deleted: ColumnType<Record<string, number>, string, never>
  data_key_versions: number
  archive_sha256: string | null
}

export interface ClinicClosuresDatabase {
  clinic_closures: ClinicClosuresTable
}
