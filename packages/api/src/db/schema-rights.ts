// Kysely's view of the patient-rights tables (migrations/0018_patient_rights.sql).
import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>

export interface LegalHoldsTable {
  id: string
  clinic_id: string
  patient_id: string
  kinds: string[]
  /** Sealed under the clinic's data key (0020). */
  reason_sealed: Bytes
  until: string | null
  created_at: CreatedAt
  released_at: Timestamp | null
}

export interface RightsRequestsTable {
  id: string
  clinic_id: string
  kind: 'access' | 'rectification' | 'erasure' | 'restriction' | 'objection'
  status: ColumnType<
    'unverified' | 'open' | 'completed' | 'rejected',
    'unverified' | 'open' | 'completed' | 'rejected' | undefined,
    'unverified' | 'open' | 'completed' | 'rejected'
  >
  channel: 'email' | 'sms'
  contact: Bytes
  language: ColumnType<string, string | undefined, string>
  details: Bytes | null
  code_hash: Bytes | null
  code_expires_at: Timestamp | null
  attempts: ColumnType<number, number | undefined, number>
  patient_id: string | null
  created_at: CreatedAt
  verified_at: Timestamp | null
  due_at: Timestamp | null
  decided_at: Timestamp | null
  /** Sealed under the clinic's data key (0020). */
  decision_note_sealed: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>
  export_token_hash: Bytes | null
  export_expires_at: Timestamp | null
}

export interface RetentionRunsTable {
  id: string
  clinic_id: string
  ran_at: CreatedAt
  report: ColumnType<Record<string, unknown>, string, never>
}

/** Seals whose audit events a retention purge removed: the seals stay (0019). */
export interface AuditPurgedSealsTable {
  clinic_id: string
  sequence: ColumnType<string, number | string, never>
  purged_at: ColumnType<Date, Date | string | undefined, never>
}

export interface RightsDatabase {
  audit_purged_seals: AuditPurgedSealsTable
  legal_holds: LegalHoldsTable
  rights_requests: RightsRequestsTable
  retention_runs: RetentionRunsTable
}
