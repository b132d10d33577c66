// Availability benchmark: GET /v1/availability through the app and the engine alone, for 1, 10 and 50 practitioners over 30 days.
import type { Agent } from 'node:http'
import type { ClinicContext, Database } from '@frontdesk/api/testing'
import {
  catalogueFor,
  computeAvailability,
  findService,
  loadSchedules,
  messageSettings,
  serviceRules,
  spanForDates,
  withClinic,
} from '@frontdesk/api/testing'
import type { Kysely } from 'kysely'
import { bookingBody, Calendar, STARTS_PER_DAY } from './support/calendar.js'
import { createBenchClinic, expectStatus, type InProcessApi } from './support/clinic.js'
import { getBytes, keepAliveAgent } from './support/http.js'
import { count, heading, ms, note, table, times, verdict } from './support/print.js'
import { startServer } from './support/server.js'
import { type Summary, summarize, timeRuns } from './support/stats.js'

export const AVAILABILITY_TARGET_MS = 20
const DAYS = 30
const BOOKINGS_PER_PRACTITIONER = 3

export interface AvailabilityOptions {
  /** The server's database: when given, the API is also timed over HTTP, served from a child process. */
  databaseUrl: string | undefined
  poolSize: number
  sizes: number[]
  warmup: number
  runs: number
}

export interface AvailabilityRow {
  practitioners: number
  /** In process: `app.request`, the body read as bytes. */
  api: Summary
  /** Over HTTP from @hono/node-server in a child process, when the server database is used. */
  http: Summary | undefined
  /** The route's reads, made the way the route makes them: service, practitioners, schedules. */
  reads: Summary
  engine: Summary
  /** JSON.stringify of the answer: what `c.json` pays for the body. */
  json: Summary
  slots: number
  responseBytes: number
}

export interface AvailabilityReport {
  storage: string
  rows: AvailabilityRow[]
}

export async function benchAvailability(
  api: InProcessApi,
  storage: string,
  options: AvailabilityOptions,
): Promise<AvailabilityReport> {
  heading(`Availability: ${DAYS} days, ${options.runs} calls after ${options.warmup} warm-up (${storage})`)
  const rows: AvailabilityRow[] = []
  const server = options.databaseUrl
    ? await startServer('api', { databaseUrl: options.databaseUrl, poolSize: options.poolSize })
    : undefined
  const agent = keepAliveAgent(1)
  try {
    for (const size of options.sizes) {
      rows.push(await measureSize(api, size, options, server ? { agent, origin: server.origin } : undefined))
    }
  } finally {
    agent.destroy()
    await server?.stop()
  }
  printAvailability(rows)
  return { storage, rows }
}

async function measureSize(
  api: InProcessApi,
  practitioners: number,
  options: AvailabilityOptions,
  over: { agent: Agent; origin: string } | undefined,
): Promise<AvailabilityRow> {
  const clinic = await createBenchClinic(api, { name: `Availability ${practitioners}`, practitioners })
  const calendar = new Calendar(clinic.timeZone, 7, 7 + DAYS)
  // A few bookings each, spread over days and times, so busy time is part of the work.
  for (const [index, practitionerId] of clinic.practitionerIds.entries()) {
    for (let b = 0; b < BOOKINGS_PER_PRACTITIONER; b++) {
      const dayIndex = (index + b * 5) % calendar.days.length
      const startsAt = calendar.startsAt(dayIndex, (index * 3 + b * 7) % STARTS_PER_DAY)
      const booked = await api.call(
        'POST',
        '/v1/bookings',
        clinic.secretKey,
        bookingBody(clinic.serviceId, { practitionerId, startsAt }, `avail-${practitioners}-${index}-${b}`),
      )
      expectStatus('existing booking', booked, 201)
    }
  }

  const from = calendar.firstDate
  const to = calendar.dateAfter(DAYS - 1)
  const path = `/v1/availability?serviceId=${clinic.serviceId}&from=${from}&to=${to}`
  const first = await api.call('GET', path, clinic.secretKey)
  expectStatus('availability', first, 200)
  const days: { slots: unknown[] }[] = first.body.days
  if (days.length !== DAYS) throw new Error(`availability answered ${days.length} days, expected ${DAYS}`)
  const slots = days.reduce((sum, day) => sum + day.slots.length, 0)

  const apiSamples = await timeRuns(options.warmup, options.runs, async () => {
    const answer = await api.get(path, clinic.secretKey)
    if (answer.status !== 200) throw new Error(`availability: HTTP ${answer.status}`)
  })

  const httpSamples = over
    ? await timeRuns(options.warmup, options.runs, async () => {
        const answer = await getBytes(over.agent, new URL(path, over.origin), {
          authorization: `Bearer ${clinic.secretKey}`,
        })
        if (answer.status !== 200) throw new Error(`availability over HTTP: HTTP ${answer.status}`)
      })
    : undefined

  const { db } = api
  // Reads go through the app connection in the clinic's scope, as a request's do.
  const inClinic = <T>(read: () => Promise<T>) => withClinic(clinic.clinicId, read)
  const at = Date.now()
  // The catalogue is cached per process; what a request reads each time is busy time.
  const clinicContext = await inClinic(() => clinicContextOf(db, clinic.clinicId))
  const catalogue = await inClinic(() => catalogueFor(db, clinicContext, at))
  const readSamples = await timeRuns(Math.min(options.warmup, 5), options.runs, async () => {
    await inClinic(() =>
      loadSchedules(
        db,
        clinic.clinicId,
        catalogue,
        catalogue.offeredBy.get(clinic.serviceId) ?? [],
        spanForDates(from, to),
        new Date(at),
      ),
    )
  })

  const service = await inClinic(() => findService(db, clinic.clinicId, clinic.serviceId))
  if (!service) throw new Error('bench service vanished')
  const schedules = await inClinic(() =>
    loadSchedules(
      db,
      clinic.clinicId,
      catalogue,
      [...clinic.practitionerIds].sort(),
      spanForDates(from, to),
      new Date(at),
    ),
  )
  const input = {
    timeZone: clinic.timeZone,
    from,
    to,
    now: at,
    service: serviceRules(service),
    practitioners: schedules,
  }
  // The engine is cheap: more warm-up so the JIT has settled, and more runs for a steadier median.
  const engineSamples = await timeRuns(options.warmup * 5, options.runs * 4, () => computeAvailability(input))

  const answer = first.body
  const jsonSamples = await timeRuns(options.warmup, options.runs, () => JSON.stringify(answer))

  return {
    practitioners,
    json: summarize(jsonSamples),
    api: summarize(apiSamples),
    http: httpSamples ? summarize(httpSamples) : undefined,
    reads: summarize(readSamples),
    engine: summarize(engineSamples),
    slots,
    responseBytes: Buffer.byteLength(first.text),
  }
}

function printAvailability(rows: AvailabilityRow[]): void {
  table([
    [
      'practitioners',
      'HTTP median',
      'HTTP p95',
      'in-process median',
      'in-process p95',
      'reads median',
      'engine median',
      'engine p95',
      'JSON median',
      'slots',
      'response',
    ],
    ...rows.map((row) => [
      String(row.practitioners),
      ms(row.http?.median ?? Number.NaN),
      ms(row.http?.p95 ?? Number.NaN),
      ms(row.api.median),
      ms(row.api.p95),
      ms(row.reads.median),
      ms(row.engine.median),
      ms(row.engine.p95),
      ms(row.json.median),
      count(row.slots),
      `${(row.responseBytes / 1024).toFixed(0)} KB`,
    ]),
  ])
  note(
    'HTTP: the API served by @hono/node-server in a child process, one keep-alive connection, body read to the end',
  )
  note('in-process: app.request(), body read as bytes (pays undici Response encoding that node-server skips)')
  note('reads: busy time for the practitioners (the catalogue and schedules come from the per-process cache)')
  note('JSON: JSON.stringify of the answer. The rest is the principal lookup, validation, mapping, GC')
  const base = rows.find((row) => row.practitioners === 1)
  if (base) {
    console.log()
    table([
      ['growth', 'HTTP median', 'in-process median', 'engine median', 'linear would be'],
      ...rows
        .filter((row) => row !== base)
        .map((row) => [
          `${row.practitioners}/1`,
          times((row.http?.median ?? Number.NaN) / (base.http?.median ?? Number.NaN)),
          times(row.api.median / base.api.median),
          times(row.engine.median / base.engine.median),
          times(row.practitioners),
        ]),
    ])
  }
  const largest = rows.at(-1)
  if (largest) {
    console.log()
    const against = (name: string, summary: Summary | undefined) => {
      if (!summary) return
      note(
        `target: ${largest.practitioners} practitioners × ${DAYS} days ≤ ${AVAILABILITY_TARGET_MS} ms per call — ${name} ` +
          `median ${ms(summary.median)} (${verdict(summary.median <= AVAILABILITY_TARGET_MS)}), ` +
          `p95 ${ms(summary.p95)} (${verdict(summary.p95 <= AVAILABILITY_TARGET_MS)})`,
      )
    }
    against('HTTP', largest.http)
    against('in-process', largest.api)
  }
}

async function clinicContextOf(db: Kysely<Database>, clinicId: string): Promise<ClinicContext> {
  const row = await db.selectFrom('clinics').selectAll().where('id', '=', clinicId).executeTakeFirstOrThrow()
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    messaging: messageSettings(row.messaging),
    holdMinutes: row.hold_minutes,
    intakeDraftIdleDays: row.intake_draft_idle_days,
    cancellationNoticeMinutes: row.cancellation_notice_minutes,
    allowedOrigins: row.allowed_origins,
    catalogueVersion: Number(row.catalogue_version),
    region: row.region,
  }
}
