// The mocks' in-memory state: one row per hold-or-booking (as in the API), intake drafts, the consent ledger,
// the tokens acting on them, and idempotency keys.
import type {
  Answers,
  Booking,
  BookingRecord,
  ConsentDocumentVersion,
  ConsentRecord,
  Hold,
  IntakeFile,
  PatientDetails,
} from '@frontdesk/contracts'
import { renderConsentDocuments, sha256Hex } from './consent-text.js'
import { MockApiError } from './responses.js'
import type { MockClinic } from './seed.js'
import { localLabel } from './time-zone.js'

export type RowStatus = 'held' | 'released' | 'confirmed' | 'cancelled'

/** A hold becomes a booking in place, like the API's `bookings` row, so the visit token follows it. */
export interface BookingRow {
  id: string
  holdId: string | null
  status: RowStatus
  serviceId: string
  practitionerId: string
  locationId: string | null
  startsAt: number
  endsAt: number
  /** The appointment with the service's buffers: what overlaps are checked against. */
  blocked: { start: number; end: number }
  holdExpiresAt: number | null
  visitToken: string
  manageToken: string | null
  patient: (PatientDetails & { id: string }) | null
  notes: string | null
  createdAt: number
  confirmedAt: number | null
  cancelledAt: number | null
  cancelReason: string | null
}

export type Principal =
  | { kind: 'publishable' }
  | { kind: 'secret' }
  | { kind: 'visit'; rowId: string }
  | { kind: 'manage'; rowId: string }
  | { kind: 'resume'; draftId: string }
  | { kind: 'receipt'; recordId: string }

/** An intake response, pinned to the form version current when it started; the resume token reaches it. */
export interface DraftRow {
  id: string
  formId: string
  version: number
  status: 'draft' | 'submitted'
  bookingId: string | null
  patientId: string | null
  resumeToken: string
  answers: Answers
  /** Uploaded files with their bytes, in upload order. */
  files: { file: IntakeFile; bytes: Uint8Array }[]
  createdAt: number
  updatedAt: number
  expiresAt: number
  submittedAt: number | null
}

/** A record in the consent ledger, with what the wire never shows: its receipt token and the signature. */
export interface ConsentRow {
  record: ConsentRecord
  receiptToken: string | null
  signature: string | null
}

/** The first record's predecessor, as in the API's ledger. */
const GENESIS = '0'.repeat(64)

interface StoredAnswer {
  fingerprint: string
  status: number
  body: unknown
}

export class MockStore {
  readonly rows = new Map<string, BookingRow>()
  readonly answers = new Map<string, StoredAnswer>()
  readonly drafts = new Map<string, DraftRow>()
  /** The consent ledger, in sequence order. */
  readonly consentLedger: ConsentRow[] = []
  private ledgerHead: Promise<string> = Promise.resolve(GENESIS)
  private renderedConsent: Promise<Map<string, ConsentDocumentVersion[]>> | undefined

  constructor(
    readonly clinic: MockClinic,
    readonly now: () => number,
  ) {}

  /** The clinic's consent documents, every version rendered and hashed once, on first use. */
  consentVersions(): Promise<Map<string, ConsentDocumentVersion[]>> {
    this.renderedConsent ??= renderConsentDocuments(this.clinic.consentDocuments ?? [])
    return this.renderedConsent
  }

  /**
   * Appends a record to the ledger at once, so checks made before it see it, then chains its hash to the
   * previous record's. The mocks' chain is their own: a hash of the same shape, not the API's bytes.
   */
  async appendConsent(
    row: Omit<ConsentRow, 'record'> & { record: Omit<ConsentRecord, 'sequence' | 'hash'> },
  ): Promise<ConsentRow> {
    const stored: ConsentRow = { ...row, record: { ...row.record, sequence: 0, hash: '' } }
    this.consentLedger.push(stored)
    stored.record.sequence = this.consentLedger.length
    this.ledgerHead = this.ledgerHead.then(async (previous) => {
      stored.record.hash = await sha256Hex(`${previous}\n${JSON.stringify({ ...stored.record, hash: null })}`)
      return stored.record.hash
    })
    await this.ledgerHead
    return stored
  }

  /** A draft its resume token still reaches: not submitted, not idle past its expiry. */
  liveDraftByToken(token: string): DraftRow | undefined {
    const at = this.now()
    return [...this.drafts.values()].find(
      (draft) => draft.resumeToken === token && draft.status === 'draft' && draft.expiresAt > at,
    )
  }

  consentByReceiptToken(token: string): ConsentRow | undefined {
    return this.consentLedger.find((row) => row.receiptToken === token)
  }

  /** Confirmed bookings and live holds of a practitioner: the time nobody else can have. */
  busy(practitionerId: string, ignoreRowId?: string): { start: number; end: number }[] {
    const at = this.now()
    return [...this.rows.values()]
      .filter(
        (row) =>
          row.practitionerId === practitionerId &&
          row.id !== ignoreRowId &&
          (row.status === 'confirmed' || (row.status === 'held' && (row.holdExpiresAt ?? 0) > at)),
      )
      .map((row) => row.blocked)
  }

  byHoldId(holdId: string): BookingRow | undefined {
    return [...this.rows.values()].find((row) => row.holdId === holdId)
  }

  byToken(token: string): BookingRow | undefined {
    return [...this.rows.values()].find((row) => row.visitToken === token || row.manageToken === token)
  }

  /** A visit or manage token reaches its own row only; anything else looks like a missing id. */
  ownRow(principal: Principal, row: BookingRow | undefined, what: string): BookingRow {
    if (!row) throw new MockApiError('NOT_FOUND', `No such ${what}`)
    if ((principal.kind === 'visit' || principal.kind === 'manage') && principal.rowId !== row.id) {
      throw new MockApiError('NOT_FOUND', `No such ${what}`)
    }
    return row
  }

  toHold(row: BookingRow): Hold {
    return {
      id: row.holdId!,
      serviceId: row.serviceId,
      practitionerId: row.practitionerId,
      locationId: row.locationId,
      startsAt: iso(row.startsAt),
      endsAt: iso(row.endsAt),
      expiresAt: iso(row.holdExpiresAt!),
    }
  }

  toBooking(row: BookingRow): Booking {
    const local = localLabel(this.clinic.timeZone, row.startsAt)
    return {
      id: row.id,
      status: row.status === 'cancelled' ? 'cancelled' : 'confirmed',
      serviceId: row.serviceId,
      practitionerId: row.practitionerId,
      locationId: row.locationId,
      startsAt: iso(row.startsAt),
      endsAt: iso(row.endsAt),
      localDate: local.date,
      localTime: local.time,
      timeZone: this.clinic.timeZone,
      createdAt: iso(row.confirmedAt ?? row.createdAt),
      cancelledAt: row.cancelledAt === null ? null : iso(row.cancelledAt),
    }
  }

  toBookingRecord(row: BookingRow): BookingRecord {
    const patient = row.patient
    return {
      ...this.toBooking(row),
      patient: {
        id: patient?.id ?? '',
        name: patient?.name ?? '',
        email: patient?.email ?? null,
        phone: patient?.phone ?? null,
        dateOfBirth: patient?.dateOfBirth ?? '',
      },
      notes: row.notes,
      cancelReason: row.cancelReason,
    }
  }
}

const iso = (ms: number) => new Date(ms).toISOString()
