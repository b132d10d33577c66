// The mocks' in-memory state: one row per hold-or-booking (as in the API), the tokens acting on it, and idempotency keys.
import type { Booking, BookingRecord, Hold, PatientDetails } from '@frontdesk/contracts'
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

interface StoredAnswer {
  fingerprint: string
  status: number
  body: unknown
}

export class MockStore {
  readonly rows = new Map<string, BookingRow>()
  readonly answers = new Map<string, StoredAnswer>()

  constructor(
    readonly clinic: MockClinic,
    readonly now: () => number,
  ) {}

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
