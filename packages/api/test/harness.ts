// Test harness: the real app on the storage this project runs against, a movable clock, and a fresh clinic per test.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, inject } from 'vitest'
import { createApp } from '../src/app.js'
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { MasterKey } from '../src/crypto/master-key.js'
import { type OpenedDatabase, openDatabase } from '../src/db/database.js'
import type { AppDeps } from '../src/env.js'
import { createLogger } from '../src/logger.js'
import { createApiKey, createClinic } from '../src/services/clinics.js'

declare module 'vitest' {
  export interface ProvidedContext {
    storage: { kind: 'pglite'; template: string } | { kind: 'postgres'; url: string }
  }
}

export const ORIGIN = 'https://clinic.example'
/** One fixed master key for every file, since the files of a PostgreSQL run share one database. */
const testMasterKeyBytes = createHash('sha256').update('frontdesk test master key').digest()
export const TEST_MASTER_KEY = MasterKey.fromBytes(testMasterKeyBytes)
/** The same key as FRONTDESK_MASTER_KEY, for the `frontdesk serve` processes a test starts. */
export const TEST_MASTER_KEY_ENV = testMasterKeyBytes.toString('base64')

/** A Tuesday, 08:00 in Berlin: tests see the same calendar whatever day they run. */
export const DEFAULT_NOW = Date.parse('2027-03-02T07:00:00Z')

export async function openTestStorage(poolSize = 20): Promise<OpenedDatabase> {
  const storage = inject('storage')
  if (storage.kind === 'postgres') return openDatabase({ url: storage.url, poolSize })
  const template = await readFile(storage.template)
  return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([template]) })
}

export interface CallOptions {
  token?: string
  origin?: string | null
  body?: unknown
  headers?: Record<string, string>
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
  app: ReturnType<typeof createApp>
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>
}

/** Opens storage once per file; `clock.now` resets before each file, and tests move it as they need. */
export function useHarness(): Harness {
  const harness = { clock: { now: DEFAULT_NOW }, logs: [] as string[] } as Harness
  beforeAll(async () => {
    harness.opened = await openTestStorage()
    harness.deps = {
      db: harness.opened.db,
      logger: createLogger({ level: 'debug', write: (line) => harness.logs.push(line) }),
      now: () => harness.clock.now,
      changes: harness.opened.changes,
      cipher: new FieldCipher({ db: harness.opened.db, masterKey: TEST_MASTER_KEY }),
    }
    harness.app = createApp(harness.deps)
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
      const response = await harness.app.request(path, { method, headers, body })
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
  const { db } = harness.deps
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
