// The widgets' own small client for the public booking API: fetch, the API origin only, no cookies.
// The SDK (ky + zod) is for developers; this keeps the script-tag bundle small and parses nothing twice.
import type {
  Availability,
  Booking,
  BookingCreated,
  Clinic,
  ErrorCode,
  Hold,
  HoldCreated,
  MessagePreferences,
  Practitioner,
  Service,
} from '@frontdesk/contracts'
import type { PatientInput } from '@frontdesk/contracts/rules'

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

/** A field the API did not accept: its path, and for intake answers the validator's code. */
export interface ApiIssue {
  path: string
  code?: string
}

/** An answer that was not a success: its code says what happened, never a raw message to show. */
export class WidgetApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    readonly status: number,
    readonly fields: string[] = [],
    readonly retryAfterSeconds?: number,
    readonly issues: ApiIssue[] = [],
  ) {
    super(code)
  }
}

export interface CallOptions {
  /** Sent as JSON. */
  json?: unknown
  /** Sent as it is, with its own type (an upload). */
  file?: Blob
  idempotencyKey?: string
  /** The answer is bytes, not JSON. */
  bytes?: boolean
}

/** One request to `${apiBase}/v1`: a token, no cookies, no referrer; any failure a WidgetApiError. */
export function apiCaller(apiBase: string) {
  const base = apiBase.replace(/\/+$/, '')
  return async function call<T>(method: string, path: string, token: string, options: CallOptions = {}) {
    const { json, file, idempotencyKey, bytes } = options
    const type = file ? file.type : json !== undefined && 'application/json'
    let response: Response
    try {
      response = await fetch(`${base}/v1${path}`, {
        method,
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        headers: {
          Authorization: `Bearer ${token}`,
          ...(type && { 'Content-Type': type }),
          ...(idempotencyKey && { 'Idempotency-Key': idempotencyKey }),
        },
        ...((file || json !== undefined) && { body: file ?? JSON.stringify(json) }),
      })
      if (bytes && response.ok) return (await response.blob()) as T
    } catch {
      throw new WidgetApiError('NETWORK', 0)
    }
    const payload = await response.json().catch(() => null)
    if (response.ok) return payload as T
    const error = payload?.error
    const issues: ApiIssue[] = Array.isArray(error?.issues) ? error.issues : []
    const retry = Number(response.headers.get('Retry-After'))
    throw new WidgetApiError(
      error?.code ?? 'INTERNAL',
      response.status,
      issues.map((issue) => issue.path),
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
      issues,
    )
  }
}

export function createClient(options: ClientOptions) {
  const call = apiCaller(options.apiBase)
  const key = options.publishableKey
  return {
    clinic: () => call<Clinic>('GET', '/clinic', key),
    services: async () => (await call<{ data: Service[] }>('GET', '/services', key)).data,
    /** The consent documents a form asks for once it is filled. */
    formConsent: async (formId: string, token: string) =>
      (
        await call<{ consentDocumentIds: string[] }>(
          'GET',
          `/intake/forms/${encodeURIComponent(formId)}`,
          token,
        )
      ).consentDocumentIds,
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
    hold: (slot: SlotRequest) => call<HoldCreated>('POST', '/holds', key, { json: slot }),
    moveHold: (holdId: string, visitToken: string, slot: SlotRequest) =>
      call<Hold>('PUT', `/holds/${encodeURIComponent(holdId)}`, visitToken, { json: slot }),
    /**
     * Books the hold for the details as typed (trimmed; an empty email, phone or note left out) with the
     * patient's message choices. The same `attempt` key for a resubmission after a lost answer makes it
     * answer the first booking.
     */
    book(
      holdId: string,
      visitToken: string,
      details: PatientInput,
      messages: MessagePreferences | undefined,
      attempt: string,
    ) {
      const [name, email, phone, notes] = [details.name, details.email, details.phone, details.notes].map(
        (v) => v.trim(),
      )
      const patient = {
        name,
        dateOfBirth: details.dateOfBirth,
        ...(email && { email }),
        ...(phone && { phone }),
      }
      return call<BookingCreated>('POST', '/bookings', visitToken, {
        json: { holdId, patient, ...(notes && { notes }), ...(messages && { messages }) },
        idempotencyKey: attempt,
      })
    },
  }
}

export type WidgetClient = ReturnType<typeof createClient>
export type { Booking, Clinic, Practitioner, Service }
