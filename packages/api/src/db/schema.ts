// Kysely's view of the tables in migrations/: column names and the types the drivers return.
import type { ColumnType, Generated } from 'kysely'
import type { ChainHeadsDatabase } from './schema-chain-heads.js'
import type { ClinicClosuresDatabase } from './schema-closures.js'
import type { HostedPagesDatabase } from './schema-hosted.js'
import type { MessagesDatabase } from './schema-messages.js'
import type { RightsDatabase } from './schema-rights.js'
import type { StaffDatabase } from './schema-staff.js'
import type { WidgetBundlesDatabase } from './schema-widgets.js'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>

/** A sealed value (or blind index), or null: optional on insert. */
type SealedBytes = ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>

export interface ClinicsTable {
  id: string
  name: string
  slug: string | null
  time_zone: string
  hold_minutes: ColumnType<number, number | undefined, number>
  cancellation_notice_minutes: ColumnType<number, number | undefined, number>
  allowed_origins: ColumnType<string[], string[] | undefined, string[]>
  catalogue_version: ColumnType<string, never, never>
  intake_draft_idle_days: ColumnType<number, number | undefined, number>
  /** MessageSettings as stored: only what the clinic changed; the rest are the defaults (0017). */
  messaging: ColumnType<Record<string, unknown>, string | undefined, string>
  /** RetentionPolicy as stored (0018). */
  retention: ColumnType<Record<string, unknown>, string | undefined, string>
  /** The deployment's region that holds the clinic (`eu`, `us`, …); set when created, never moved (0021). */
  region: ColumnType<string | null, string | null | undefined, never>
  /** The hosted page's look and its follow-up form (0024). */
  accent_color: ColumnType<string | null, string | null | undefined, string | null>
  page_languages: ColumnType<string[], string[] | undefined, string[]>
  hosted_intake_form_id: ColumnType<string | null, string | null | undefined, string | null>
  hosted_intake_form_minor_id: ColumnType<string | null, string | null | undefined, string | null>
  created_at: CreatedAt
}

export interface ApiKeysTable {
  id: string
  clinic_id: string
  kind: 'publishable' | 'secret'
  mode: 'test' | 'live'
  label: string | null
  token_hash: Bytes
  hint: string
  created_at: CreatedAt
  revoked_at: Timestamp | null
  /** Set when the key is rolled: it works until then (migration 0015). */
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** The key that replaced this one when it was rolled. */
  replaced_by: ColumnType<string | null, string | null | undefined, string | null>
}

export interface LocationsTable {
  id: string
  clinic_id: string
  name: string
  address: string | null
  created_at: CreatedAt
}

export interface PractitionersTable {
  id: string
  clinic_id: string
  name: string
  title: string | null
  active: ColumnType<boolean, boolean | undefined, boolean>
  /** The staff account whose own calendar this is, if any. */
  staff_user_id: ColumnType<string | null, string | null | undefined, string | null>
  created_at: CreatedAt
}

export interface ServicesTable {
  id: string
  clinic_id: string
  name: string
  description: string | null
  duration_minutes: number
  buffer_before_minutes: number
  buffer_after_minutes: number
  min_notice_minutes: number
  booking_window_days: number
  slot_interval_minutes: number
  active: boolean
  consent_document_ids: ColumnType<string[], string[] | undefined, string[]>
  created_at: CreatedAt
}

export interface PractitionerServicesTable {
  clinic_id: string
  practitioner_id: string
  service_id: string
}

export interface WeeklyHoursTable {
  id: Generated<string>
  clinic_id: string
  practitioner_id: string
  location_id: string | null
  weekday: number
  start_time: string
  end_time: string
}

export interface StoredWindow {
  start: string
  end: string
  locationId: string | null
}

export interface DateOverridesTable {
  id: string
  clinic_id: string
  practitioner_id: string
  date: string
  windows: ColumnType<StoredWindow[], string, string>
}

export interface TimeOffTable {
  id: string
  clinic_id: string
  practitioner_id: string | null
  during: string
  reason: string | null
}

export interface PatientsTable {
  id: string
  clinic_id: string
  /** A blind index of email (or phone) and date of birth (src/patients/sealed-identity.ts). */
  identity_key: string
  /** Sealed under the clinic's data key (0020); all null once erased. */
  name_sealed: SealedBytes
  email_sealed: SealedBytes
  phone_sealed: SealedBytes
  date_of_birth_sealed: SealedBytes
  /** Blind indexes of the normalised email and phone, for exact lookups. */
  email_index: SealedBytes
  phone_index: SealedBytes
  created_at: CreatedAt
  restricted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export type BookingRowStatus = 'held' | 'confirmed' | 'cancelled' | 'released'

export interface BookingsTable {
  id: string
  clinic_id: string
  hold_id: string | null
  status: BookingRowStatus
  service_id: string
  practitioner_id: string
  location_id: string | null
  starts_at: Timestamp
  ends_at: Timestamp
  blocked: string
  hold_expires_at: Timestamp | null
  patient_id: string | null
  notes_sealed: SealedBytes
  visit_token_hash: Bytes
  manage_token_hash: Bytes | null
  created_at: CreatedAt
  confirmed_at: Timestamp | null
  cancelled_at: Timestamp | null
  cancel_reason_sealed: SealedBytes
  /** Bumped by a trigger on each change the patient hears of: confirmed, moved, cancelled (0017). */
  revision: ColumnType<number, never, never>
  /** The revision the message planner has written messages for. */
  planned_revision: ColumnType<number, number | undefined, number>
  /** The patient's message choices when booking: language and channels. */
  messaging: ColumnType<
    { language?: string; channels?: string[] } | null,
    string | null | undefined,
    string | null
  >
  manage_token_sealed: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>
}

export interface IdempotencyKeysTable {
  clinic_id: string
  key: string
  request_hash: Bytes
  status_code: number
  response_body: ColumnType<unknown, string, string>
  created_at: CreatedAt
}

export interface AuditEventsTable {
  id: Generated<string>
  clinic_id: string
  actor_type: string
  actor_id: string
  action: string
  object_type: string
  object_id: string
  request_id: string | null
  client_ip: string | null
  occurred_at: CreatedAt
}

/** A clinic's data key, wrapped by the master key (see src/crypto/field-cipher.ts). */
export interface ClinicDataKeysTable {
  clinic_id: string
  version: number
  wrapped: Bytes
  master_key_id: string
  created_at: CreatedAt
}

/** A clinic's blind-index key, wrapped by the master key (migrations/0020_sealed_identity.sql). */
export interface ClinicIndexKeysTable {
  clinic_id: string
  wrapped: Bytes
  master_key_id: string
  created_at: CreatedAt
}

export interface IntakeFormsTable {
  id: string
  clinic_id: string
  name: string
  current_version: Generated<number>
  archived_at: Timestamp | null
  consent_document_ids: ColumnType<string[], string[] | undefined, string[]>
  created_at: CreatedAt
}

/** One published, unchangeable version of a form's definition (a FormDefinition as JSON). */
export interface IntakeFormVersionsTable {
  clinic_id: string
  form_id: string
  version: number
  definition: unknown
  published_at: CreatedAt
}

export type IntakeResponseRowStatus = 'draft' | 'submitted'

export interface IntakeResponsesTable {
  id: string
  clinic_id: string
  form_id: string
  version: number
  status: IntakeResponseRowStatus
  booking_id: string | null
  patient_id: string | null
  resume_token_hash: Bytes | null
  started_by: string
  created_at: CreatedAt
  updated_at: Timestamp
  expires_at: Timestamp
  submitted_at: Timestamp | null
}

/** One top-level answer of a response, sealed (see src/intake/answer-store.ts). */
export interface IntakeAnswersTable {
  clinic_id: string
  response_id: string
  field_id: string
  sealed: Bytes
}

export interface IntakeFilesTable {
  id: string
  clinic_id: string
  response_id: string
  field: string
  content_type: string
  bytes: number
  sealed: Bytes
  uploaded_at: CreatedAt
}

/** Something that happened, for webhooks and notifications: ids only. */
export interface EventsTable {
  id: string
  clinic_id: string
  type: string
  object_id: string
  data: ColumnType<unknown, string | undefined, never>
  occurred_at: CreatedAt
  dispatched_at: Timestamp | null
}

export interface ConsentDocumentsTable {
  id: string
  clinic_id: string
  name: string
  purpose: string
  current_version: Generated<number>
  created_at: CreatedAt
}

export interface ConsentDocumentVersionsTable {
  clinic_id: string
  document_id: string
  version: number
  legal_basis: string
  method: string
  published_at: CreatedAt
}

export interface ConsentTextsTable {
  document_id: string
  version: number
  language: string
  title: string
  html: string
  hash: Bytes
}

/** One link of a clinic's consent ledger (see src/consent/chain.ts). */
export interface ConsentRecordsTable {
  id: string
  clinic_id: string
  sequence: ColumnType<string, number, never>
  document_id: string
  version: number
  language: string
  text_hash: Bytes
  decision: 'given' | 'refused' | 'withdrawn'
  method: string
  signer_relation: 'self' | 'parent' | 'legal_guardian'
  signer_name: Bytes | null
  typed_name: Bytes | null
  signature: Bytes | null
  patient_id: string | null
  booking_id: string | null
  intake_response_id: string | null
  withdraws: string | null
  recorded_at: Timestamp
  origin: string | null
  receipt_token_hash: Bytes | null
  prev_hash: Bytes
  hash: Bytes
  /** 2: the hash covers sealed_digest rather than the sealed bytes, so those can be erased (0018). */
  chain_version: ColumnType<number, number | undefined, never>
  sealed_digest: ColumnType<Uint8Array | null, Uint8Array | null | undefined, never>
  erased_at: ColumnType<Date | null, never, Date | string>
}

/** One link of a clinic's audit chain, sealing one committed audit event (see src/audit/seal.ts). */
export interface AuditSealsTable {
  clinic_id: string
  sequence: ColumnType<string, number, never>
  event_id: ColumnType<string, string, never>
  prev_hash: Bytes
  hash: Bytes
  sealed_at: CreatedAt
}

export interface WebhookEndpointsTable {
  id: string
  clinic_id: string
  url: string
  events: ColumnType<string[], string[], string[]>
  enabled: ColumnType<boolean, boolean | undefined, boolean>
  secret: Bytes
  secret_hint: string
  previous_secret: Bytes | null
  previous_expires_at: Timestamp | null
  created_at: CreatedAt
  deleted_at: Timestamp | null
}

export interface WebhookDeliveriesTable {
  id: string
  clinic_id: string
  endpoint_id: string
  event_id: string
  event_type: string
  status: 'delivered' | 'failed'
  response_status: number | null
  error: string | null
  duration_ms: number
  attempted_at: Timestamp
}

export interface Database
  extends StaffDatabase,
    MessagesDatabase,
    RightsDatabase,
    ChainHeadsDatabase,
    WidgetBundlesDatabase,
    HostedPagesDatabase,
    ClinicClosuresDatabase {
  clinics: ClinicsTable
  api_keys: ApiKeysTable
  locations: LocationsTable
  practitioners: PractitionersTable
  services: ServicesTable
  practitioner_services: PractitionerServicesTable
  weekly_hours: WeeklyHoursTable
  date_overrides: DateOverridesTable
  time_off: TimeOffTable
  patients: PatientsTable
  bookings: BookingsTable
  idempotency_keys: IdempotencyKeysTable
  audit_events: AuditEventsTable
  clinic_data_keys: ClinicDataKeysTable
  clinic_index_keys: ClinicIndexKeysTable
  intake_forms: IntakeFormsTable
  intake_form_versions: IntakeFormVersionsTable
  intake_responses: IntakeResponsesTable
  intake_answers: IntakeAnswersTable
  intake_files: IntakeFilesTable
  events: EventsTable
  consent_documents: ConsentDocumentsTable
  consent_document_versions: ConsentDocumentVersionsTable
  consent_texts: ConsentTextsTable
  consent_records: ConsentRecordsTable
  audit_seals: AuditSealsTable
  webhook_endpoints: WebhookEndpointsTable
  webhook_deliveries: WebhookDeliveriesTable
}
