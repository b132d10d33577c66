// Kysely's view of clinic_logos (migrations/0024): the logo a clinic's hosted page shows.
import type { ColumnType } from 'kysely'

export interface ClinicLogosTable {
  clinic_id: string
  content_type: string
  bytes: ColumnType<Uint8Array, Uint8Array, Uint8Array>
  version: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface HostedPagesDatabase {
  clinic_logos: ClinicLogosTable
}
