// Booking throughput: POST /v1/bookings on the API served over HTTP, loaded by autocannon beside a bare endpoint.

import os from 'node:os'
import { sql } from 'kysely'
import { BARE_TABLE_SQL } from './support/bare-endpoint.js'
import { bookingBody, Calendar, SlotSequence } from './support/calendar.js'
import { createBenchClinic, type InProcessApi } from './support/clinic.js'
import { addCpu, type CpuSpent, cpuSpent, sampleCpu } from './support/cpu.js'
import { type LoadResult, loadPost, mergeLoads } from './support/load.js'
import { count, heading, ms, note, rate, table, times, verdict } from './support/print.js'
import { startServer } from './support/server.js'

export const THROUGHPUT_TARGET_RATIO = 0.33
const PRACTITIONERS = 50
const SEGMENTS = 2
const KINDS = ['bare', 'api'] as const
type Kind = (typeof KINDS)[number]

export interface ThroughputOptions {
  databaseUrl: string
  poolSize: number
  connections: number
  durationSeconds: number
  warmupSeconds: number
}

export interface ThroughputReport {
  bare: LoadResult
  api: LoadResult
  ratio: number
  /**
   * Bare CPU per request over the API's (server, PostgreSQL and load generator; not others' work):
   * the rate ratio on an otherwise idle machine. Undefined without /proc.
   */
  cpuRatio: number | undefined
  /** CPU each side spent during the measured run, where /proc can tell. */
  cpu: Partial<Record<'bare' | 'api', CpuSpent>>
  /** Bookings the database holds for the clinic: must equal the 201s the API answered. */
  bookingsStored: number
  apiCreated: number
}

export async function benchThroughput(
  api: InProcessApi,
  options: ThroughputOptions,
): Promise<ThroughputReport> {
  heading(
    `Booking throughput: ${options.connections} connections, ${SEGMENTS} × ${options.durationSeconds / SEGMENTS} s each, pool ${options.poolSize} (PostgreSQL server)`,
  )
  const clinic = await createBenchClinic(api, { name: 'Throughput', practitioners: PRACTITIONERS })
  await sql.raw(BARE_TABLE_SQL).execute(api.system)
  const calendar = new Calendar(clinic.timeZone)
  const auth = { authorization: `Bearer ${clinic.secretKey}` }
  const sequences = {
    bare: new SlotSequence(calendar, clinic.practitionerIds),
    api: new SlotSequence(calendar, clinic.practitionerIds),
  }
  const servers = {
    bare: await startServer('bare', { databaseUrl: options.databaseUrl, poolSize: options.poolSize }),
    api: await startServer('api', { databaseUrl: options.databaseUrl, poolSize: options.poolSize }),
  }
  const runs: Record<Kind, LoadResult[]> = { bare: [], api: [] }
  const cpu: ThroughputReport['cpu'] = {}
  let apiCreated = 0
  try {
    const load = (kind: Kind, durationSeconds: number) => {
      const sequence = sequences[kind]
      return loadPost({
        origin: servers[kind].origin,
        path: '/v1/bookings',
        headers: auth,
        nextBody: () => bookingBody(clinic.serviceId, sequence.next(), `${kind}-${sequence.used}`),
        connections: options.connections,
        durationSeconds,
      })
    }
    for (const kind of KINDS) {
      const warm = await load(kind, options.warmupSeconds)
      if (kind === 'api') apiCreated += warm.succeeded
    }
    // The machine is shared: alternating halves lets both endpoints see the same background load.
    const half = options.durationSeconds / SEGMENTS
    for (let segment = 0; segment < SEGMENTS; segment++) {
      for (const kind of KINDS) {
        const before = sampleCpu(servers[kind].pid)
        const started = performance.now()
        const run = await load(kind, half)
        const after = sampleCpu(servers[kind].pid)
        runs[kind].push(run)
        if (before && after) {
          cpu[kind] = addCpu(
            cpu[kind],
            cpuSpent(before, after, performance.now() - started, os.cpus().length),
          )
        }
        if (kind === 'api') apiCreated += run.succeeded
      }
    }
  } finally {
    await Promise.all(KINDS.map((kind) => servers[kind].stop()))
  }
  const results = { bare: mergeLoads(runs.bare), api: mergeLoads(runs.api) }
  const stored = await api.system
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('clinic_id', '=', clinic.clinicId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow()
  const report: ThroughputReport = {
    bare: results.bare,
    api: results.api,
    ratio: results.api.successRate / results.bare.successRate,
    cpuRatio:
      cpu.bare && cpu.api
        ? ownCpu(cpu.bare) / results.bare.succeeded / (ownCpu(cpu.api) / results.api.succeeded)
        : undefined,
    cpu,
    bookingsStored: Number(stored.n),
    apiCreated,
  }
  printThroughput(report)
  return report
}

const ownCpu = (spent: CpuSpent) => spent.server + spent.postgres + spent.self

function printThroughput(report: ThroughputReport): void {
  const row = (name: string, result: LoadResult) => [
    name,
    rate(result.successRate),
    count(result.succeeded),
    count(result.responses - result.succeeded),
    ms(result.latencyP50),
    ms(result.latencyP99),
  ]
  table([
    ['endpoint', 'succeeded/s', 'succeeded', 'failed', 'latency p50', 'latency p99'],
    row('bare: Hono + zod + 1 INSERT', report.bare),
    row('API: POST /v1/bookings', report.api),
  ])
  note(`bare and API alternate in ${SEGMENTS} halves each; p50 is response-weighted, p99 the worse half`)
  console.log()
  note(
    `ratio API / bare: ${times(report.ratio)} — target ≥ ${THROUGHPUT_TARGET_RATIO} (${verdict(report.ratio >= THROUGHPUT_TARGET_RATIO)}); FIELD-NOTES measured the bare endpoint at ~6,500 req/s`,
  )
  for (const [name, result] of [
    ['bare', report.bare],
    ['API', report.api],
  ] as const) {
    const failures = [...result.failures].map(([key, n]) => `${key}: ${count(n)}`)
    if (result.socketErrors) failures.push(`socket errors: ${count(result.socketErrors)}`)
    if (result.timeouts) failures.push(`timeouts: ${count(result.timeouts)}`)
    note(`${name} failures: ${failures.length ? failures.join(', ') : 'none'}`)
  }
  note(
    `confirmed bookings stored: ${count(report.bookingsStored)}; 201s counted (warm-up + run): ${count(report.apiCreated)} ` +
      '(answers still in flight when a run stops are stored but not counted)',
  )
  const measured = (['bare', 'api'] as const).filter((kind) => report.cpu[kind])
  if (measured.length === 0) return
  console.log()
  table([
    ['CPU per successful request', 'server process', 'PostgreSQL', 'autocannon', 'others', 'machine busy'],
    ...measured.map((kind) => {
      const spent = report.cpu[kind]!
      const per = (value: number) => ms(value / report[kind].succeeded)
      return [
        kind === 'bare' ? 'bare' : 'API',
        per(spent.server),
        per(spent.postgres),
        per(spent.self),
        per(spent.others),
        `${((100 * spent.machineBusy) / (spent.wallMs * spent.cores)).toFixed(0)}%`,
      ]
    }),
  ])
  note('from /proc: "others" is everything else the machine ran meanwhile (other people\'s work, the kernel)')
  if (report.cpuRatio !== undefined) {
    note(
      `CPU ratio (bare / API per request, server + PostgreSQL + autocannon): ${times(report.cpuRatio)} — ` +
        `the rate ratio on an otherwise idle machine; target ≥ ${THROUGHPUT_TARGET_RATIO} (${verdict(report.cpuRatio >= THROUGHPUT_TARGET_RATIO)})`,
    )
  }
}
