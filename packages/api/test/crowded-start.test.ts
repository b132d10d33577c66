// A rolling deploy or an autoscaler starts several API processes at once on a new database: every one of
// them comes up and serves (migrations and the job queue's schema are made once, under one lock), and
// nothing that reaches a port while they start is answered with a 500.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createClinic } from '../src/catalogue/clinic-store.js'
import { openDatabase } from '../src/db/database.js'
import { createApiKey } from '../src/keys/store.js'
import { ORIGIN, patient } from './harness.js'
import { type ServeProcess, startServeProcess } from './serve-process.js'

const storage = inject('storage')
const PROCESSES = 3

describe.runIf(storage.kind === 'postgres')(
  'three `frontdesk serve` started at once on an empty database',
  () => {
    const serverUrl = storage.kind === 'postgres' ? storage.url : ''
    const name = `frontdesk_crowd_${randomBytes(6).toString('hex')}`
    // The describe's body is read on PGlite as well, where there is no server to name.
    const databaseUrl = serverUrl && Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString()
    let dataDir = ''
    const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      try {
        return await work(client)
      } finally {
        await client.end()
      }
    }

    beforeAll(async () => {
      await admin((client) => client.query(`CREATE DATABASE ${name}`))
      dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-crowd-'))
    })
    afterAll(async () => {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
      if (dataDir) await rm(dataDir, { recursive: true, force: true })
    })

    it('all come up, none exits, none answers 500 while starting, and a booking made through one is seen by the others', async () => {
      const processes: ServeProcess[] = []
      try {
        // At once: spawned together, each polled from the moment it is spawned until it says it serves.
        for (let n = 0; n < PROCESSES; n++) {
          processes.push(await startServeProcess({ databaseUrl, dataDir }))
        }
        const started = await Promise.allSettled(processes.map((process) => process.ready))
        const failures = started.flatMap((result, n) =>
          result.status === 'rejected'
            ? [`process ${n}: ${String(result.reason)}\n${processes[n]!.log()}`]
            : [],
        )
        expect(failures).toEqual([])

        // While they started: connection refused before listening, 503 until ready, never a 500.
        for (const process of processes) {
          const seen = process.seenWhileStarting()
          expect(seen.length).toBeGreaterThan(0)
          expect(seen.filter((answer) => !['refused', 200, 401, 503].includes(answer))).toEqual([])
        }
        for (const process of processes) {
          expect((await fetch(`${process.url}/healthz`)).status).toBe(200)
        }

        // A real booking through the first, read back through the other two.
        const clinic = await openClinic(databaseUrl)
        const [first, ...others] = processes as [ServeProcess, ...ServeProcess[]]
        const serviceId = await setUpCatalogue(first.url, clinic.sk)
        const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
        const to = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10)
        const availability = await call(
          others[0]!.url,
          'GET',
          `/v1/availability?serviceId=${serviceId}&from=${from}&to=${to}`,
          clinic.pk,
        )
        expect(availability.status).toBe(200)
        const slot = availability.body.days.flatMap((day: { slots: unknown[] }) => day.slots)[0]
        const booked = await call(first.url, 'POST', '/v1/bookings', clinic.pk, {
          serviceId,
          practitionerId: slot.practitionerIds[0],
          startsAt: slot.startsAt,
          patient,
        })
        expect(booked.status).toBe(201)
        for (const process of others) {
          const read = await call(process.url, 'GET', `/v1/bookings/${booked.body.booking.id}`, clinic.sk)
          expect(read.status).toBe(200)
          expect(read.body).toMatchObject({ id: booked.body.booking.id, patient: { name: patient.name } })
        }
        expect(processes.map((process) => process.exitCode())).toEqual(processes.map(() => null))
      } finally {
        await Promise.all(processes.map((process) => process.stop()))
      }
    }, 150_000)
  },
)

describe.skipIf(storage.kind === 'postgres')('three `frontdesk serve` started at once', () => {
  it.skip('needs a PostgreSQL server (TEST_DATABASE_URL): PGlite is one process per data folder', () => {})
})

/** A clinic with a publishable and a secret key, made on the database the processes share. */
async function openClinic(databaseUrl: string) {
  const opened = await openDatabase({ url: databaseUrl, poolSize: 2 })
  try {
    const { id } = await createClinic(opened.system, {
      name: 'Crowded Start Clinic',
      timeZone: 'Europe/Berlin',
      allowedOrigins: [ORIGIN],
    })
    const pk = (await createApiKey(opened.system, id, { kind: 'publishable' })).token
    const sk = (await createApiKey(opened.system, id, { kind: 'secret' })).token
    return { id, pk, sk }
  } finally {
    await opened.close()
  }
}

/** One location, one service and a practitioner working every day 08:00–18:00. */
async function setUpCatalogue(base: string, sk: string): Promise<string> {
  const location = await call(base, 'POST', '/v1/locations', sk, {
    name: 'Main street',
    address: '1 Main St',
  })
  const service = await call(base, 'POST', '/v1/services', sk, {
    name: 'Consultation',
    durationMinutes: 30,
    minNoticeMinutes: 60,
    bookingWindowDays: 30,
    slotIntervalMinutes: 30,
  })
  const practitioner = await call(base, 'POST', '/v1/practitioners', sk, {
    name: 'Dr. Ada Byron',
    serviceIds: [service.body.id],
  })
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    start: '08:00',
    end: '18:00',
    locationId: location.body.id,
  }))
  const set = await call(base, 'PUT', `/v1/practitioners/${practitioner.body.id}/hours`, sk, { hours })
  expect([location.status, service.status, practitioner.status, set.status]).toEqual([201, 201, 201, 200])
  return service.body.id
}

async function call(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      // A publishable key is bound to the clinic's site; a secret key is for servers, which send no Origin.
      ...(token.startsWith('pk_') && { Origin: ORIGIN }),
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: await response.json() }
}
