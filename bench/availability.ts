// Availability benchmark: GET /v1/availability through the app and the engine alone, for 1, 10 and 50 practitioners
// over 30 days, and the compact GET /v1/availability/times as the booking widget asks it, gzip as a browser takes it.
import type { Agent } from 'node:http'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
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
import { kb, printAvailability } from './availability-print.js'
import { bookingBody, Calendar, STARTS_PER_DAY } from './support/calendar.js'
import { createBenchClinic, expectStatus, type InProcessApi } from './support/clinic.js'
import { getBytes, keepAliveAgent } from './support/http.js'
import { heading, ms, times, verdict } from './support/print.js'
import { startServer } from './support/server.js'
import { type Summary, summarize, timeRuns } from './support/stats.js'

export const AVAILABILITY_TARGET_MS = 20
/** Issue 19: the compact request over HTTP, p95. */
export const AVAILABILITY_P95_TARGET_MS = 30
export const DAYS = 30
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
  /** GET /v1/availability/times, no practitioner lists, as the widget asks it. */
  compact: {
    /** Over HTTP with `Accept-Encoding: gzip`, as a browser sends it. */
    http: Summary | undefined
    api: Summary
    sizes: AnswerSizes
  }
  /** The full answer over HTTP with `Accept-Encoding: gzip`: what compressing 1 MiB costs per request. */
  fullGzipHttp: Summary | undefined
  fullSizes: AnswerSizes
  /** CPU per answer for the API's settings: gzip level 6, brotli quality 4. */
  compressFull: { gzip: Summary; brotli: Summary }
}

/** An answer's bytes as JSON, gzip (level 6) and brotli (quality 4), as the API compresses it. */
export interface AnswerSizes {
  raw: number
  gzip: number
  brotli: number
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
  const compactPath = `/v1/availability/times?serviceId=${clinic.serviceId}&from=${from}&to=${to}`
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

  const compactFirst = await api.call('GET', compactPath, clinic.secretKey)
  expectStatus('compact availability', compactFirst, 200)
  const compactApi = await timeRuns(options.warmup, options.runs, async () => {
    const answer = await api.get(compactPath, clinic.secretKey)
    if (answer.status !== 200) throw new Error(`compact availability: HTTP ${answer.status}`)
  })
  const overHttpGzip = (what: string, target: string) =>
    over
      ? timeRuns(options.warmup, options.runs, async () => {
          const answer = await getBytes(over.agent, new URL(target, over.origin), {
            authorization: `Bearer ${clinic.secretKey}`,
            'accept-encoding': 'gzip',
          })
          if (answer.status !== 200) throw new Error(`${what} over HTTP: HTTP ${answer.status}`)
        })
      : undefined
  const compactHttp = await overHttpGzip('compact availability', compactPath)
  const fullGzipHttp = await overHttpGzip('availability', path)
  const fullBytes = Buffer.from(first.text)
  const compressFull = {
    gzip: summarize(await timeRuns(3, 15, () => gzipSync(fullBytes, { level: 6 }))),
    brotli: summarize(await timeRuns(3, 15, () => brotliCompressSync(fullBytes, BROTLI))),
  }

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
    compact: {
      http: compactHttp ? summarize(compactHttp) : undefined,
      api: summarize(compactApi),
      sizes: sizesOf(compactFirst.text),
    },
    fullGzipHttp: fullGzipHttp ? summarize(fullGzipHttp) : undefined,
    fullSizes: sizesOf(first.text),
    compressFull,
  }
}

const BROTLI = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
}

function sizesOf(text: string): AnswerSizes {
  const bytes = Buffer.from(text)
  return {
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 6 }).byteLength,
    brotli: brotliCompressSync(bytes, BROTLI).byteLength,
  }
}

/** The summary's availability rows: the full answer as before, the compact one against issue 19's target, and sizes. */
export function availabilitySummaryRows(availability: AvailabilityReport): string[][] {
  const rows: string[][] = []
  const largest = availability.rows.at(-1)
  const base = availability.rows[0]
  if (!largest || !base) return rows
  const size = `${largest.practitioners} × ${DAYS} days`
  for (const [name, summary] of [
    ['HTTP', largest.http],
    ['in process', largest.api],
  ] as const) {
    if (!summary) continue
    rows.push([
      `availability ${size}, ${name} (${availability.storage})`,
      `median ${ms(summary.median)}, p95 ${ms(summary.p95)}`,
      `≤ ${ms(AVAILABILITY_TARGET_MS)}, p95 ≤ ${ms(AVAILABILITY_P95_TARGET_MS)}`,
      verdict(summary.median <= AVAILABILITY_TARGET_MS && summary.p95 <= AVAILABILITY_P95_TARGET_MS),
    ])
  }
  rows.push(['  engine alone', `median ${ms(largest.engine.median)}, p95 ${ms(largest.engine.p95)}`, '', ''])
  const headline = (row: AvailabilityRow) => (row.http ?? row.api).median
  const growth = headline(largest) / headline(base)
  rows.push([
    `  growth ${largest.practitioners}/1 (${largest.http ? 'HTTP' : 'in process'}, engine)`,
    `${times(growth)}, ${times(largest.engine.median / base.engine.median)}`,
    `≤ ${times(largest.practitioners / base.practitioners)} (linear)`,
    verdict(growth <= largest.practitioners / base.practitioners),
  ])
  const compact = largest.compact.http ?? largest.compact.api
  const over = largest.compact.http ? 'HTTP, gzip' : 'in process'
  rows.push([
    `availability ${size}, compact (/times, ${over})`,
    `median ${ms(compact.median)}, p95 ${ms(compact.p95)}`,
    `≤ ${ms(AVAILABILITY_TARGET_MS)}, p95 ≤ ${ms(AVAILABILITY_P95_TARGET_MS)}`,
    verdict(compact.median <= AVAILABILITY_TARGET_MS && compact.p95 <= AVAILABILITY_P95_TARGET_MS),
  ])
  rows.push([
    '  answer size, compact / full',
    `${kb(largest.compact.sizes.raw)}, gzip ${kb(largest.compact.sizes.gzip)} / ${kb(largest.fullSizes.raw)}, gzip ${kb(largest.fullSizes.gzip)}`,
    '',
    '',
  ])
  return rows
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
