// Options of the two clients and of every single call.

/** The last argument of every method. */
export interface RequestOptions {
  /**
   * Sent on POSTs. Leave it out and the SDK makes one per call, so its own retries are safe; pass your own
   * to make a retry of yours (after a reload, say) return the first answer instead of acting twice.
   */
  idempotencyKey?: string | undefined
  /** Cancels the call, including any retry still waiting. */
  signal?: AbortSignal | undefined
  /** Act as the patient who made a hold: `vt_…` from `holds.create` or `bookings.create`. */
  visitToken?: string | undefined
  /** Act as the patient who owns a booking: `mt_…` from `bookings.create`, delivered in their link. */
  manageToken?: string | undefined
  /** Act as the patient filling an intake draft: `rt_…` from `intake.drafts.start`. */
  resumeToken?: string | undefined
  /** Act as the patient holding a consent receipt: `ct_…` from `consent.records.record`. */
  receiptToken?: string | undefined
}

export interface ReceiptTokenOptions extends RequestOptions {
  receiptToken: string
}

export interface ResumeTokenOptions extends RequestOptions {
  resumeToken: string
}

export interface VisitTokenOptions extends RequestOptions {
  visitToken: string
}

export interface ManageTokenOptions extends RequestOptions {
  manageToken: string
}

interface ClientOptions {
  /** Where the Frontdesk API answers, e.g. `https://api.clinic.example` (with or without `/v1`). */
  baseUrl: string
  /** A fetch to use instead of the global one: a test double, a proxy agent, an instrumented fetch. */
  fetch?: typeof globalThis.fetch | undefined
  /** Retries of a call that failed on the network, timed out, or got 408, 429 or 5xx. Default 2. */
  maxRetries?: number | undefined
  /** Milliseconds to wait for each attempt. Default 10 000. */
  timeout?: number | undefined
}

export interface FrontdeskOptions extends ClientOptions {
  /** `pk_test_…` or `pk_live_…`: safe in a browser, accepted only from the clinic's allowed origins. */
  publishableKey: string
  /**
   * The page origin to send as the `Origin` header, e.g. `http://localhost:5173`, for using a publishable
   * key outside a browser (tests, server-side rendering). Browsers set `Origin` themselves and ignore this.
   */
  origin?: string | undefined
}

export interface FrontdeskAdminOptions extends ClientOptions {
  /** `sk_test_…` or `sk_live_…`: for servers only; the API refuses it from a browser. */
  secretKey: string
}

/** The staff console's client: same origin as the API, authenticated by the staff session cookie. */
export type FrontdeskStaffOptions = ClientOptions
