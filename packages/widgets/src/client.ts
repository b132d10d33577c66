// The widgets' own small client for the public booking API: fetch, the API origin only, no cookies.
// The SDK (ky + zod) is for developers; this keeps the script-tag bundle small and parses nothing twice.
// Paths, bodies and answers are typed from the endpoint table, imported as types only: the table's values
// would carry every zod schema into the bundle.
import type {
  Booking,
  Clinic,
  EndpointBody,
  EndpointInput,
  EndpointMethod,
  EndpointPath,
  EndpointQuery,
  EndpointResult,
  Endpoints,
  ErrorCode,
  MessagePreferences,
  OperationId,
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

export interface CallOptions<E extends EndpointInput> {
  /** Sent as JSON. */
  json?: EndpointBody<E>
  /** Sent as it is, with its own type (an upload). */
  file?: Blob
  idempotencyKey?: string
  /** The answer is bytes, not JSON. */
  bytes?: boolean
}

/** A table path with its `{name}`s filled in: `/v1/holds/{id}` → `/v1/holds/${string}`. */
type FilledPath<P extends string> = P extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${FilledPath<Tail>}`
  : P

/** The path a caller writes for an operation: the table's, filled in, with a query string if it takes one. */
type CallPath<Id extends OperationId> =
  | FilledPath<EndpointPath<Id>>
  | ([EndpointQuery<Endpoints[Id]>] extends [never] ? never : `${FilledPath<EndpointPath<Id>>}?${string}`)

/** What an operation answers: its JSON body, a file's bytes, or nothing. */
type Answer<E extends EndpointInput> = 204 extends keyof E['responses']
  ? null
  : [EndpointResult<E>] extends [never]
    ? Blob
    : EndpointResult<E>

/**
 * One request to an operation of the API at `apiBase`: a token, no cookies, no referrer; any failure a
 * WidgetApiError. The operation is named as the type argument (`call<'getHold'>`), and must be: the method
 * and the path's fixed parts must then be the table's, and the body and answer are typed as the table says.
 * The path's values are filled in by the caller, each through encodeURIComponent: a filler that reads the
 * table's `{name}`s would cost the bundle more than the few calls it saves.
 */
export function apiCaller(apiBase: string) {
  const base = apiBase.replace(/\/+$/, '')
  return async function call<Id extends OperationId = never>(
    method: Uppercase<EndpointMethod<Id>>,
    path: CallPath<Id>,
    token: string,
    options: CallOptions<Endpoints[Id]> = {},
  ): Promise<Answer<Endpoints[Id]>> {
    const { json, file, idempotencyKey, bytes } = options
    const type = file ? file.type : json !== undefined && 'application/json'
    let response: Response
    try {
      response = await fetch(base + path, {
        method,
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        headers: {
          Authorization: `Bearer ${token}`,
          ...(type && { 'Content-Type': type }),
          ...(idempotencyKey && { 'Idempotency-Key': idempotencyKey }),
        },
        // No file and no JSON leaves the body out: JSON.stringify(undefined) is undefined.
        body: file ?? JSON.stringify(json),
      })
      if (bytes && response.ok) return (await response.blob()) as never
    } catch {
      throw new WidgetApiError('NETWORK', 0)
    }
    const payload = await response.json().catch(() => null)
    if (response.ok) return payload
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
    clinic: () => call<'getClinic'>('GET', '/v1/clinic', key),
    services: async () => (await call<'listServices'>('GET', '/v1/services', key)).data,
    /** The consent documents a form asks for once it is filled. */
    formConsent: async (formId: string, token: string) =>
      (await call<'getIntakeForm'>('GET', `/v1/intake/forms/${encodeURIComponent(formId)}`, token))
        .consentDocumentIds,
    practitioners: async () => (await call<'listPractitioners'>('GET', '/v1/practitioners', key)).data,
    /** Free start times, compact (no practitioner lists): the widget books "any" or the one chosen. */
    availabilityTimes(query: {
      serviceId: string
      from: string
      to: string
      practitionerId?: string
      locationId?: string
    }) {
      const params = new URLSearchParams(
        Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
      )
      return call<'getAvailabilityTimes'>('GET', `/v1/availability/times?${params}`, key)
    },
    hold: (slot: SlotRequest) => call<'createHold'>('POST', '/v1/holds', key, { json: slot }),
    moveHold: (holdId: string, visitToken: string, slot: SlotRequest) =>
      call<'repickHold'>('PUT', `/v1/holds/${encodeURIComponent(holdId)}`, visitToken, { json: slot }),
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
      ) as [string, string, string, string]
      const patient = {
        name,
        dateOfBirth: details.dateOfBirth,
        ...(email && { email }),
        ...(phone && { phone }),
      }
      return call<'createBooking'>('POST', '/v1/bookings', visitToken, {
        json: { holdId, patient, ...(notes && { notes }), ...(messages && { messages }) },
        idempotencyKey: attempt,
      })
    },
  }
}

export type WidgetClient = ReturnType<typeof createClient>
export type { Booking, Clinic, Practitioner, Service }
