// createFrontdeskHandlers: msw handlers that answer the patient's booking, intake and consent like the Frontdesk API, from memory.
import type { HttpHandler } from 'msw'
import { bookingHandlers } from './handlers/bookings.js'
import { catalogueHandlers } from './handlers/catalogue.js'
import { consentHandlers } from './handlers/consent.js'
import { holdHandlers } from './handlers/holds.js'
import { intakeHandlers } from './handlers/intake.js'
import { intakeFileHandlers } from './handlers/intake-files.js'
import { createRouter } from './handlers/route.js'
import { demoClinic, type MockClinic } from './seed.js'
import { MockStore } from './store.js'

export interface FrontdeskHandlersOptions {
  /** The same baseUrl the SDK is given, e.g. `https://mock.frontdesk.test`; `/v1/` is added. */
  baseUrl: string
  /** The clinic to answer with; `demoClinic` unless given. Spread it to change a part: `{ ...demoClinic, services }`. */
  clinic?: MockClinic | undefined
  /**
   * The mocks' clock, in ms since the epoch; move it to expire holds or idle intake drafts, or pass a
   * cancellation window. Intake's `today` is this clock's date in the clinic's time zone.
   */
  now?: (() => number) | undefined
}

/**
 * Each call starts from an empty diary, no intake drafts and an empty consent ledger: make new handlers
 * per test for a clean slate. Any well-formed `pk_…` or `sk_…` key is accepted and origins are not
 * checked; visit, manage, resume and receipt tokens must be ones these handlers gave out.
 */
export function createFrontdeskHandlers(options: FrontdeskHandlersOptions): HttpHandler[] {
  const store = new MockStore(structuredClone(options.clinic ?? demoClinic), options.now ?? Date.now)
  const router = createRouter(store, apiBase(options.baseUrl))
  return [
    ...catalogueHandlers(store, router),
    ...holdHandlers(store, router),
    ...bookingHandlers(store, router),
    ...intakeHandlers(store, router),
    ...intakeFileHandlers(store, router),
    ...consentHandlers(store, router),
    router.fallback,
  ]
}

/** The table's paths start with `/v1`; a baseUrl may or may not end with it. */
function apiBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')
}
