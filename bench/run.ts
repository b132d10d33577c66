// Entry of `npm run bench`: availability, booking throughput, the same-slot race, where the time goes and webhook
// deliveries, then a summary.
import os from 'node:os'
import { parseArgs } from 'node:util'
import { type AnatomyReport, benchAnatomy } from './anatomy.js'
import { type AvailabilityReport, availabilitySummaryRows, benchAvailability } from './availability.js'
import { benchThroughput, THROUGHPUT_TARGET_RATIO, type ThroughputReport } from './booking-throughput.js'
import { benchDeliveries, type DeliveriesReport, deliverySummaryRows } from './deliveries.js'
import { benchPatientSearch, NAME_SEARCH_TARGET_MS, type SealingReport } from './patient-search.js'
import { benchRaces, RACE_TARGET_MS, type RaceReport } from './race.js'
import { benchSoak, type SoakReport, soakSummaryRows } from './soak.js'
import { benchStartup, type StartupReport, startupSummaryRows } from './startup.js'
import { inProcessApi } from './support/clinic.js'
import { DEFAULT_SERVER_URL, describeUrl, openBenchStorage } from './support/database.js'
import { historySection } from './support/history.js'
import { count, heading, ms, note, rate, table, times, verdict } from './support/print.js'

const BENCHES = [
  'availability',
  'throughput',
  'race',
  'anatomy',
  'search',
  'deliveries',
  'startup',
  'soak',
] as const
type Bench = (typeof BENCHES)[number]

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '5' },
    pool: { type: 'string', default: '10' },
    soak: { type: 'string', default: '600' },
    help: { type: 'boolean', default: false },
  },
})

if (flags.help) {
  console.log(`npm run bench -- [--only=${BENCHES.join(',')}] [--duration=10] [--connections=16] [--rounds=5] [--pool=10] [--soak=600]
BENCH_DATABASE_URL names the PostgreSQL server (default ${DEFAULT_SERVER_URL}); a fresh database is made there and dropped.`)
  process.exit(0)
}

const selected = new Set<Bench>(
  flags.only ? flags.only.split(',').map((name) => name.trim() as Bench) : BENCHES,
)
for (const name of selected) {
  if (!BENCHES.includes(name))
    throw new Error(`--only: unknown benchmark "${name}"; use ${BENCHES.join(', ')}`)
}
const poolSize = Number(flags.pool)
const serverUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_SERVER_URL

const started = performance.now()
const storage = await openBenchStorage(serverUrl, poolSize)
const dispose = async () => {
  await storage.dispose().catch((error) => console.error('could not drop the bench database:', error))
}
process.once('SIGINT', () => {
  void dispose().then(() => process.exit(130))
})

console.log(
  `Frontdesk bench — Node ${process.version}, ${os.cpus().length} cores, ${storage.label}` +
    (storage.fallbackReason
      ? ` (server ${describeUrl(serverUrl)} unreachable: ${storage.fallbackReason})`
      : ''),
)

const api = inProcessApi(storage.opened, storage.opened.changes)
let availability: AvailabilityReport | undefined
let throughput: ThroughputReport | undefined
let races: RaceReport[] = []
let anatomy: AnatomyReport | undefined
let search: SealingReport | undefined
let deliveries: DeliveriesReport | undefined
let startup: StartupReport | undefined
let soak: SoakReport | undefined
const skipped: string[] = []
try {
  if (selected.has('availability')) {
    availability = await benchAvailability(
      api,
      storage.kind === 'postgres' ? 'PostgreSQL server' : 'PGlite',
      {
        databaseUrl: storage.url,
        poolSize,
        sizes: [1, 10, 50],
        warmup: 10,
        runs: 50,
      },
    )
  }
  if (selected.has('search')) {
    search = await benchPatientSearch(api, { sizes: [1_000, 5_000, 20_000], runs: 15 })
  }
  for (const name of ['throughput', 'race', 'anatomy'] as const) {
    if (!selected.has(name)) continue
    if (!storage.url) {
      skipped.push(`${name}: needs the PostgreSQL server, which is unreachable`)
      continue
    }
    if (name === 'throughput') {
      throughput = await benchThroughput(api, {
        databaseUrl: storage.url,
        poolSize,
        connections: Number(flags.connections),
        durationSeconds: Number(flags.duration),
        warmupSeconds: 2,
      })
    } else if (name === 'anatomy') {
      anatomy = await benchAnatomy({
        databaseUrl: storage.url,
        poolSize,
        connections: Number(flags.connections),
        requests: 100,
        concurrentSeconds: 3,
      })
    } else {
      races = await benchRaces(api, {
        databaseUrl: storage.url,
        poolSize,
        contenders: 200,
        rounds: Number(flags.rounds),
      })
    }
  }
  if (selected.has('deliveries')) {
    // On the server database when there is one, and on PGlite in a data folder of its own.
    deliveries = await benchDeliveries(storage.url ? api : undefined, {
      databaseUrl: storage.url,
      poolSize,
      bookings: 300,
      concurrency: 8,
    })
  }
  if (selected.has('startup')) startup = await benchStartup({ restarts: 5, serverUrl })
  if (selected.has('soak')) soak = await benchSoak({ seconds: Number(flags.soak), serverUrl })
} finally {
  await dispose()
}

heading('Summary')
const rows: string[][] = [['benchmark', 'figure', 'target', '']]
if (availability) rows.push(...availabilitySummaryRows(availability))
if (throughput) {
  rows.push([
    'booking throughput, API / bare',
    `${rate(throughput.api.successRate)} / ${rate(throughput.bare.successRate)} = ${times(throughput.ratio)}`,
    `≥ ${THROUGHPUT_TARGET_RATIO}`,
    verdict(throughput.ratio >= THROUGHPUT_TARGET_RATIO),
  ])
  if (throughput.cpuRatio !== undefined) {
    rows.push([
      '  CPU per request, bare / API',
      times(throughput.cpuRatio),
      `≥ ${THROUGHPUT_TARGET_RATIO}`,
      verdict(throughput.cpuRatio >= THROUGHPUT_TARGET_RATIO),
    ])
  }
  rows.push([
    '  failed booking requests',
    count(throughput.api.responses - throughput.api.succeeded),
    '0',
    verdict(throughput.api.responses === throughput.api.succeeded),
  ])
}
for (const race of races) {
  const worst = Math.max(...race.rounds.map((round) => round.wallMs))
  const exact = race.rounds.every(
    (round) => round.created === 1 && round.slotTaken === race.contenders - 1 && round.other.size === 0,
  )
  rows.push([
    `same-slot race, ${race.contenders} × ${race.rounds.length} rounds, ${race.processes} process${race.processes > 1 ? 'es' : ''}`,
    `worst ${ms(worst)}`,
    `≤ ${ms(RACE_TARGET_MS)}`,
    verdict(worst <= RACE_TARGET_MS),
  ])
  rows.push([
    '  answers per round',
    exact ? `1 × 201, ${race.contenders - 1} × 409 every round` : 'see the rounds above',
    `1 × 201, ${race.contenders - 1} × 409`,
    verdict(exact),
  ])
}
if (anatomy) {
  rows.push([
    'booking request, one at a time',
    `${ms(anatomy.booking.wall)}: ${anatomy.booking.queries} queries, ${ms(anatomy.booking.inDatabase)} in the database`,
    '',
    '',
  ])
  rows.push([
    `bookings in process, ${flags.connections} in flight`,
    `${rate(anatomy.concurrent.rate)} (${anatomy.concurrent.queriesPerRequest.toFixed(1)} queries each)`,
    '',
    '',
  ])
}
if (search) {
  const bookingMs = anatomy?.booking.wall
  rows.push([
    "sealing a booking's patient and notes",
    `${(search.perBookingMicros / 1000).toFixed(2)} ms` +
      (bookingMs
        ? ` = ${((search.perBookingMicros / 1000 / bookingMs) * 100).toFixed(1)}% of a booking`
        : ''),
    '',
    '',
  ])
  const largest = search.rows.at(-1)
  if (largest) {
    rows.push([
      `patient search by name, ${largest.patients.toLocaleString('en')} patients`,
      `median ${ms(largest.name.median)} (${times(largest.name.median / largest.email.median)} by email)`,
      `≤ ${ms(NAME_SEARCH_TARGET_MS)}`,
      verdict(largest.name.median <= NAME_SEARCH_TARGET_MS),
    ])
  }
}
if (deliveries) rows.push(...deliverySummaryRows(deliveries))
if (startup) rows.push(...startupSummaryRows(startup))
if (soak) rows.push(...soakSummaryRows(soak))
table(rows)
for (const line of skipped) note(`skipped — ${line}`)
note(`whole run ${ms(performance.now() - started)}`)
console.log('\nFor the history in docs/benchmarks.md:\n')
console.log(historySection(rows, { only: flags.only }))
