// Test harness: the real app on the storage this project runs against, a movable clock, and a fresh clinic per test.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, inject } from 'vitest'
import { createApp } from '../src/app.js'
import { createClinic } from '../src/catalogue/clinic-store.js'
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { MasterKey } from '../src/crypto/master-key.js'
import { type OpenedDatabase, openDatabase } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import type { AppDeps } from '../src/env.js'
import { createApiKey } from '../src/keys/store.js'
import { createLogger } from '../src/logger.js'
import type { OutgoingEmail, OutgoingText } from '../src/messages/transports.js'
import type { RatePolicyOverrides } from '../src/rate-limit/policies.js'
import { RateLimits } from '../src/rate-limit/rate-limits.js'
import { createStaffAuth } from '../src/staff/auth.js'
import type { StaffMail } from '../src/staff/mailer.js'

declare module 'vitest' {
  export interface ProvidedContext {
    storage: { kind: 'pglite'; template: string } | { kind: 'postgres'; url: string }
  }
}

export const ORIGIN = 'https://clinic.example'
/** Where the API itself (and its staff console) lives in tests. */
export const STAFF_ORIGIN = 'http://localhost'
/** One fixed master key for every file, since the files of a PostgreSQL run share one database. */
const testMasterKeyBytes = createHash('sha256').update('frontdesk test master key').digest()
export const TEST_MASTER_KEY = MasterKey.fromBytes(testMasterKeyBytes)
/** The same key as FRONTDESK_MASTER_KEY, for the `frontdesk serve` processes a test starts. */
export const TEST_MASTER_KEY_ENV = testMasterKeyBytes.toString('base64')
/** Where a CLI command run in-process finds that key (`frontdesk audit verify` and the like). */
export const TEST_STORAGE = { dataDir: 'memory://', env: { FRONTDESK_MASTER_KEY: TEST_MASTER_KEY_ENV } }
/** The Twilio account the app accepts signed webhooks from (its auth token signs them). */
export const TEST_TWILIO = { accountSid: `AC${'1'.repeat(32)}`, authToken: 'test-twilio-auth-token' }

/** A Tuesday, 08:00 in Berlin: tests see the same calendar whatever day they run. */
export const DEFAULT_NOW = Date.parse('2027-03-02T07:00:00Z')

export async function openTestStorage(
  poolSize = 20,
  dataDir?: string,
  applicationName?: string,
): Promise<OpenedDatabase> {
  const storage = inject('storage')
  if (storage.kind === 'postgres') return openDatabase({ url: storage.url, poolSize, applicationName })
  if (dataDir) {
    // A folder of its own, for the tests that read PGlite's files (WAL included): migrated from empty.
    const opened = await openDatabase({ dataDir })
    await migrate(opened.system)
    return opened
  }
  const template = await readFile(storage.template)
  return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([template]) })
}

export interface CallOptions {
  token?: string
  origin?: string | null
  body?: unknown
  headers?: Record<string, string>
  /** A staff session's Cookie header (see signInStaff). */
  cookie?: string
  /** The socket peer's address; none unless told. */
  peer?: string
}

export interface CallResult<T = any> {
  status: number
  body: T
  headers: Headers
}

export interface Harness {
  opened: OpenedDatabase
  deps: AppDeps
  clock: { now: number }
  logs: string[]
  /** Staff mail (invitations, resets) the app sent, newest last. */
  mail: StaffMail[]
  /** What the app sent patients at once (rights-request codes and outcomes), newest last; queued messages go through a dispatcher. */
  sent: (OutgoingEmail | OutgoingText)[]
  app: ReturnType<typeof createApp>
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>
}

export interface HarnessOptions {
  /**
   * Rate limits, counted where the project's storage counts them (PostgreSQL, or memory on PGlite):
   * the defaults unless told, which no test here comes near; smaller ones for the tests that prove limiting.
   */
  rateLimits?: RatePolicyOverrides | 'off'
  /** Read the client address from X-Forwarded-For whoever the peer is, so a test can play several clients. */
  trustProxy?: boolean
  /** Proxies whose X-Forwarded-For is believed (the real configuration); `trustProxy` wins over it. */
  trustedProxies?: string[]
  /** On PGlite, keep the database in this folder rather than in memory (ignored on a PostgreSQL run). */
  dataDir?: string
  /** On PostgreSQL, the name this file's connections carry, so a test can end its own and no other's. */
  applicationName?: string
}

/** Opens storage once per file; `clock.now` resets before each file, and tests move it as they need. */
export function useHarness(options: HarnessOptions = {}): Harness {
  const harness = {
    clock: { now: DEFAULT_NOW },
    logs: [] as string[],
    mail: [] as StaffMail[],
    sent: [],
  } as unknown as Harness
  beforeAll(async () => {
    harness.opened = await openTestStorage(20, options.dataDir, options.applicationName)
    harness.deps = {
      db: harness.opened.db,
      // Tests set up and observe through the system connection: the app one sees no clinic outside a request.
      system: harness.opened.system,
      logger: createLogger({ level: 'debug', write: (line) => harness.logs.push(line) }),
      now: () => harness.clock.now,
      changes: harness.opened.changes,
      cipher: new FieldCipher({ system: harness.opened.system, masterKey: TEST_MASTER_KEY }),
      rateLimits: testRateLimits(harness.opened, options.rateLimits),
      messaging: {
        publicUrl: STAFF_ORIGIN,
        twilio: TEST_TWILIO,
        mailFrom: 'no-reply@frontdesk.test',
        // Like the staff mailer above: kept in memory. Real SMTP and Twilio paths are messages.test.ts'.
        transports: {
          email: async (mail) => {
            harness.sent.push(mail)
            return `<${harness.sent.length}@frontdesk.test>`
          },
          text: async (text) => {
            harness.sent.push(text)
            return `SM${String(harness.sent.length).padStart(32, '0')}`
          },
          close: async () => {},
        },
      },
    }
    harness.deps.staff = createStaffAuth({
      db: harness.opened.system,
      baseUrl: STAFF_ORIGIN,
      secret: TEST_MASTER_KEY.deriveKey('staff sessions'),
      mailer: { send: async (mail) => void harness.mail.push(mail) },
      logger: harness.deps.logger,
    })
    harness.app = createApp(harness.deps, {
      trustedProxies: options.trustProxy ? ['0.0.0.0/0', '::/0'] : (options.trustedProxies ?? []),
    })
    harness.call = async (method, path, options = {}) => {
      const headers = new Headers(options.headers)
      if (options.token) headers.set('Authorization', `Bearer ${options.token}`)
      const origin =
        options.origin === undefined ? (options.token?.startsWith('pk_') ? ORIGIN : null) : options.origin
      if (origin) headers.set('Origin', origin)
      let body: string | Blob | undefined
      if (options.body instanceof Blob) {
        headers.set('Content-Type', options.body.type || 'application/octet-stream')
        body = options.body
      } else if (options.body !== undefined) {
        headers.set('Content-Type', 'application/json')
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
      }
      if (options.cookie) headers.set('Cookie', options.cookie)
      // As if over a socket from `peer`: the client address comes from it, or through it from a trusted proxy.
      // Without one there is no address (and so no per-client limit), as with app.request() itself.
      const env = options.peer
        ? { incoming: { socket: { remoteAddress: options.peer, remotePort: 50000, remoteFamily: 'IPv4' } } }
        : undefined
      const response = await harness.app.request(path, { method, headers, body }, env)
      const text = await response.text()
      let parsed: any = text
      try {
        parsed = text ? JSON.parse(text) : null
      } catch {}
      return { status: response.status, body: parsed, headers: response.headers }
    }
  }, 60_000)
  afterAll(async () => {
    await harness.opened?.close()
  })
  return harness
}

/** The project's rate-limit counters: in PostgreSQL when the tests run on a server, else in memory. */
export function testRateLimits(
  opened: OpenedDatabase,
  overrides: RatePolicyOverrides | 'off' = {},
): RateLimits | undefined {
  if (overrides === 'off') return undefined
  return opened.pool
    ? new RateLimits({ storage: 'postgres', pool: opened.pool, overrides })
    : new RateLimits({ storage: 'memory', overrides })
}

export interface TestClinic {
  clinicId: string
  pk: string
  sk: string
  timeZone: string
  locationId: string
  serviceId: string
  practitionerIds: [string, string]
}

export interface TestClinicOptions {
  timeZone?: string
  service?: Partial<{
    durationMinutes: number
    bufferBeforeMinutes: number
    bufferAfterMinutes: number
    minNoticeMinutes: number
    bookingWindowDays: number
    slotIntervalMinutes: number
  }>
  hours?: { weekday: number; start: string; end: string }[]
  holdMinutes?: number
  cancellationNoticeMinutes?: number
}

const WEEKDAYS_9_TO_17 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }))

/** A clinic with one location, one 30-minute service and two practitioners working weekdays 9–17. */
export async function createTestClinic(
  harness: Harness,
  options: TestClinicOptions = {},
): Promise<TestClinic> {
  const db = harness.deps.system
  const timeZone = options.timeZone ?? 'Europe/Berlin'
  const { id: clinicId } = await createClinic(db, {
    name: 'Test Clinic',
    timeZone,
    allowedOrigins: [ORIGIN],
    ...(options.holdMinutes !== undefined && { holdMinutes: options.holdMinutes }),
    ...(options.cancellationNoticeMinutes !== undefined && {
      cancellationNoticeMinutes: options.cancellationNoticeMinutes,
    }),
  })
  const pk = (await createApiKey(db, clinicId, { kind: 'publishable' })).token
  const sk = (await createApiKey(db, clinicId, { kind: 'secret' })).token
  const call = harness.call
  const location = await call('POST', '/v1/locations', {
    token: sk,
    body: { name: 'Main street', address: '1 Main St' },
  })
  const service = await call('POST', '/v1/services', {
    token: sk,
    body: {
      name: 'Consultation',
      durationMinutes: 30,
      minNoticeMinutes: 60,
      bookingWindowDays: 30,
      slotIntervalMinutes: 30,
      ...options.service,
    },
  })
  if (service.status !== 201) throw new Error(`service: ${JSON.stringify(service.body)}`)
  const practitionerIds: string[] = []
  for (const name of ['Dr. Ada Byron', 'Dr. Ben Carter']) {
    const practitioner = await call('POST', '/v1/practitioners', {
      token: sk,
      body: { name, serviceIds: [service.body.id] },
    })
    practitionerIds.push(practitioner.body.id)
    const hours = (options.hours ?? WEEKDAYS_9_TO_17).map((row) => ({ ...row, locationId: location.body.id }))
    const set = await call('PUT', `/v1/practitioners/${practitioner.body.id}/hours`, {
      token: sk,
      body: { hours },
    })
    if (set.status !== 200) throw new Error(`hours: ${JSON.stringify(set.body)}`)
  }
  return {
    clinicId,
    pk,
    sk,
    timeZone,
    locationId: location.body.id,
    serviceId: service.body.id,
    practitionerIds: practitionerIds as [string, string],
  }
}

export const patient = {
  name: 'Maria Muster',
  email: 'maria@example.org',
  phone: '+49 30 1234567',
  dateOfBirth: '1985-04-12',
}
