// Builds bench clinics through the API itself, in process: a secret key, one service, practitioners and their hours.

import type { ChangeFeed, Database } from '@frontdesk/api/testing'
import {
  createApiKey,
  createApp,
  createClinic,
  createLogger,
  type FieldCipher,
  type FrontdeskApp,
} from '@frontdesk/api/testing'
import type { Kysely } from 'kysely'
import { BENCH_SERVICE, WORKING_HOURS } from './calendar.js'
import { benchCipher } from './master-key.js'

export interface ApiAnswer {
  status: number
  // biome-ignore lint/suspicious/noExplicitAny: bench code reads a few known fields from JSON answers
  body: any
  text: string
}

export interface InProcessApi {
  /** The app connection the API uses: clinic-scoped, so bench code reads through it inside `withClinic`. */
  db: Kysely<Database>
  /** The system connection: making bench clinics and counting what they stored. */
  system: Kysely<Database>
  app: FrontdeskApp
  /** The cipher the app seals with (the bench's one master key). */
  cipher: FieldCipher
  call(method: string, path: string, token: string, body?: unknown): Promise<ApiAnswer>
  /** A GET for timing: the body is read as bytes (as a socket would take it), never parsed. */
  get(path: string, token: string): Promise<{ status: number; bytes: number }>
}

/** With `changes`, keys are remembered as `frontdesk serve` remembers them. */
export function inProcessApi(
  databases: { db: Kysely<Database>; system: Kysely<Database> },
  changes?: ChangeFeed,
): InProcessApi {
  const { db, system } = databases
  const cipher = benchCipher(system)
  const app = createApp({
    db,
    system,
    cipher,
    logger: createLogger({ level: 'silent' }),
    now: () => Date.now(),
    changes,
  })
  return {
    db,
    system,
    app,
    cipher,
    async call(method, path, token, body) {
      const headers: Record<string, string> = { Authorization: `Bearer ${token}` }
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      const response = await app.request(path, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      })
      const text = await response.text()
      let parsed: unknown = null
      try {
        parsed = text ? JSON.parse(text) : null
      } catch {}
      return { status: response.status, body: parsed, text }
    },
    async get(path, token) {
      const response = await app.request(path, { headers: { Authorization: `Bearer ${token}` } })
      return { status: response.status, bytes: (await response.arrayBuffer()).byteLength }
    },
  }
}

export interface BenchClinic {
  clinicId: string
  secretKey: string
  timeZone: string
  serviceId: string
  practitionerIds: string[]
}

export interface BenchClinicOptions {
  name: string
  practitioners: number
  timeZone?: string
}

export function expectStatus(what: string, answer: ApiAnswer, status: number): void {
  if (answer.status !== status) throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`)
}

export async function createBenchClinic(
  api: InProcessApi,
  options: BenchClinicOptions,
): Promise<BenchClinic> {
  const timeZone = options.timeZone ?? 'Europe/Berlin'
  const { id: clinicId } = await createClinic(api.system, {
    name: options.name,
    timeZone,
    allowedOrigins: [],
  })
  const secretKey = (await createApiKey(api.system, clinicId, { kind: 'secret' })).token
  const service = await api.call('POST', '/v1/services', secretKey, BENCH_SERVICE)
  expectStatus('create service', service, 201)
  const serviceId: string = service.body.id
  const practitionerIds: string[] = []
  for (let i = 0; i < options.practitioners; i++) {
    const practitioner = await api.call('POST', '/v1/practitioners', secretKey, {
      name: `Practitioner ${i + 1}`,
      serviceIds: [serviceId],
    })
    expectStatus('create practitioner', practitioner, 201)
    const hours = await api.call('PUT', `/v1/practitioners/${practitioner.body.id}/hours`, secretKey, {
      hours: WORKING_HOURS,
    })
    expectStatus('set hours', hours, 200)
    practitionerIds.push(practitioner.body.id)
  }
  return { clinicId, secretKey, timeZone, serviceId, practitionerIds }
}
