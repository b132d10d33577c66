// The widget's own small client for the public booking API: fetch, the API origin only, no cookies.
// The SDK (ky + zod) is for developers; this keeps the script-tag bundle small and parses nothing twice.
import type {
  Availability,
  Booking,
  BookingCreated,
  Clinic,
  ErrorCode,
  Hold,
  HoldCreated,
  Practitioner,
  Service,
} from '@frontdesk/contracts'

export interface ClientOptions {
  apiBase: string
  publishableKey: string
}

export interface SlotRequest {
  serviceId: string
  startsAt: string
  practitionerId?: string
  locationId?: string
}

export interface PatientRequest {
  name: string
  dateOfBirth: string
  email?: string
  phone?: string
}

/** An answer that was not a success: its code says what happened, never a raw message to show. */
export class WidgetApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    readonly status: number,
    readonly fields: string[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(code)
  }
}

export function createClient(options: ClientOptions) {
  const base = options.apiBase.replace(/\/+$/, '')

  async function call<T>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<T> {
    let response: Response
    try {
      response = await fetch(`${base}/v1${path}`, {
        method,
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body !== undefined && { 'Content-Type': 'application/json' }),
          ...(idempotencyKey && { 'Idempotency-Key': idempotencyKey }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      })
    } catch {
      throw new WidgetApiError('NETWORK', 0)
    }
    const payload = await response.json().catch(() => null)
    if (response.ok) return payload as T
    const error = payload?.error
    const retry = Number(response.headers.get('Retry-After'))
    throw new WidgetApiError(
      error?.code ?? 'INTERNAL',
      response.status,
      Array.isArray(error?.issues) ? error.issues.map((issue: { path: string }) => issue.path) : [],
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    )
  }

  const key = options.publishableKey
  return {
    clinic: () => call<Clinic>('GET', '/clinic', key),
    services: async () => (await call<{ data: Service[] }>('GET', '/services', key)).data,
    practitioners: async () => (await call<{ data: Practitioner[] }>('GET', '/practitioners', key)).data,
    availability(query: {
      serviceId: string
      from: string
      to: string
      practitionerId?: string
      locationId?: string
    }) {
      const params = new URLSearchParams(
        Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
      )
      return call<Availability>('GET', `/availability?${params}`, key)
    },
    hold: (slot: SlotRequest) => call<HoldCreated>('POST', '/holds', key, slot),
    moveHold: (holdId: string, visitToken: string, slot: SlotRequest) =>
      call<Hold>('PUT', `/holds/${encodeURIComponent(holdId)}`, visitToken, slot),
    /** The same `attempt` key for a resubmission after a lost answer makes it answer the first booking. */
    book: (holdId: string, visitToken: string, patient: PatientRequest, notes: string, attempt: string) =>
      call<BookingCreated>(
        'POST',
        '/bookings',
        visitToken,
        { holdId, patient, ...(notes && { notes }) },
        attempt,
      ),
  }
}

export type WidgetClient = ReturnType<typeof createClient>
export type { Booking, Clinic, Practitioner, Service }
