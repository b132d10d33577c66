// Where a request's time goes: its queries by kind, time in and outside the database, serially and under concurrency.
import { listenOnServer } from '@frontdesk/api/testing'
import { bookingBody, Calendar, SlotSequence } from './support/calendar.js'
import { createBenchClinic, expectStatus, inProcessApi } from './support/clinic.js'
import { count, heading, ms, note, rate, table } from './support/print.js'
import { busyTime, type LoggedQuery, openLoggedDatabase, type QueryLog } from './support/query-log.js'
import { summarize } from './support/stats.js'

export interface AnatomyOptions {
  databaseUrl: string
  poolSize: number
  connections: number
  requests: number
  concurrentSeconds: number
}

export interface AnatomyReport {
  booking: RequestAnatomy
  availability: RequestAnatomy
  concurrent: ConcurrentAnatomy
  race: RaceAnatomy
}

interface RaceAnatomy {
  wall: number
  queries: number
  /** Calls of frontdesk_claim: a contender turned away by its own reads never makes one. */
  claims: number
  answers: Map<string, number>
  kinds: Map<string, number>
  poolWaitMedian: number
  poolWaitMax: number
  /** How long claim calls took: each queues for the practitioner's lock, then a loser answers false at once. */
  claimMedian: number
  claimMax: number
}

interface RequestAnatomy {
  wall: number
  queries: number
  inDatabase: number
  kinds: { kind: string; perRequest: number; ms: number }[]
}

interface ConcurrentAnatomy {
  rate: number
  queriesPerRequest: number
  queryMedian: number
  poolWaitMedian: number
  poolWaitP95: number
}

/** The queries a booking or availability request makes, named after the code that makes them. */
const KINDS: [string, RegExp][] = [
  ['principal: key + clinic (middleware/principal, once per key and process)', /from "api_keys"/],
  ['catalogue snapshot (catalogue-cache, on a version change)', /catalogue_version FROM clinics/i],
  ['claim: lock, overlap check, patient, booking, audit (frontdesk_claim)', /frontdesk_claim\(/],
  ['busy time (schedule-store)', /lower\("?blocked"?\)/],
  ['release expired holds (claim-writes)', /update "bookings" set "status"/],
  ['idempotent answer (idempotency)', /"idempotency_keys"/],
  ['BEGIN', /^begin/i],
  ['COMMIT', /^commit/i],
  ['ROLLBACK', /^rollback/i],
]

function kindOf(query: LoggedQuery): string {
  return KINDS.find(([, pattern]) => pattern.test(query.sql))?.[0] ?? `other: ${query.sql.slice(0, 40)}`
}

async function dissect(
  log: QueryLog,
  warmup: number,
  runs: number,
  request: () => Promise<void>,
): Promise<RequestAnatomy> {
  for (let i = 0; i < warmup; i++) await request()
  const walls: number[] = []
  const busy: number[] = []
  const counts: number[] = []
  const byKind = new Map<string, { n: number; ms: number[] }>()
  for (let i = 0; i < runs; i++) {
    log.reset()
    const started = performance.now()
    await request()
    walls.push(performance.now() - started)
    busy.push(busyTime(log.queries))
    counts.push(log.queries.length)
    const sums = new Map<string, { n: number; ms: number }>()
    for (const query of log.queries) {
      const kind = kindOf(query)
      const sum = sums.get(kind) ?? { n: 0, ms: 0 }
      sum.n++
      sum.ms += query.end - query.start
      sums.set(kind, sum)
    }
    for (const [kind, sum] of sums) {
      const entry = byKind.get(kind) ?? { n: 0, ms: [] }
      entry.n += sum.n
      entry.ms.push(sum.ms)
      byKind.set(kind, entry)
    }
  }
  const order = KINDS.map(([kind]) => kind)
  return {
    wall: summarize(walls).median,
    queries: summarize(counts).median,
    inDatabase: summarize(busy).median,
    kinds: [...byKind]
      .sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
      .map(([kind, entry]) => ({ kind, perRequest: entry.n / runs, ms: summarize(entry.ms).median })),
  }
}

function printAnatomy(title: string, anatomy: RequestAnatomy): void {
  console.log()
  note(
    `${title}: ${ms(anatomy.wall)} per request, ${anatomy.queries} ${anatomy.queries === 1 ? 'query' : 'queries'}, ${ms(anatomy.inDatabase)} waiting on the database, ${ms(anatomy.wall - anatomy.inDatabase)} outside it`,
  )
  table([
    ['query', 'per request', 'median ms', 'share of wall'],
    ...anatomy.kinds.map((kind) => [
      kind.kind,
      kind.perRequest.toFixed(1),
      ms(kind.ms),
      `${((100 * kind.ms) / anatomy.wall).toFixed(0)}%`,
    ]),
  ])
}

/** One 200-way race in process: how many requests reach the transaction, and what the losers cost. */
async function dissectRace(
  log: QueryLog,
  api: ReturnType<typeof inProcessApi>,
  clinic: Awaited<ReturnType<typeof createBenchClinic>>,
  calendar: Calendar,
  contenders: number,
): Promise<RaceAnatomy> {
  const practitionerId = clinic.practitionerIds[0] ?? ''
  // The last working day, far from the bookings made above.
  const startsAt = calendar.startsAt(calendar.days.length - 1, 0)
  log.reset()
  const started = performance.now()
  const answers = await Promise.all(
    Array.from({ length: contenders }, (_, contender) =>
      api.call(
        'POST',
        '/v1/bookings',
        clinic.secretKey,
        bookingBody(clinic.serviceId, { practitionerId, startsAt }, `anatomy-race-${contender}`),
      ),
    ),
  )
  const wall = performance.now() - started
  const tally = new Map<string, number>()
  for (const answer of answers) {
    const key = answer.status < 300 ? String(answer.status) : `${answer.status} ${answer.body?.error?.code}`
    tally.set(key, (tally.get(key) ?? 0) + 1)
  }
  const kinds = new Map<string, number>()
  for (const query of log.queries) kinds.set(kindOf(query), (kinds.get(kindOf(query)) ?? 0) + 1)
  const waits = summarize(log.poolWaits)
  const claimTimes = summarize(
    log.queries.filter((query) => kindOf(query).startsWith('claim')).map((query) => query.end - query.start),
  )
  const anatomy: RaceAnatomy = {
    wall,
    queries: log.queries.length,
    claims: [...kinds].find(([kind]) => kind.startsWith('claim'))?.[1] ?? 0,
    answers: tally,
    kinds,
    poolWaitMedian: waits.median,
    poolWaitMax: waits.max,
    claimMedian: claimTimes.median,
    claimMax: claimTimes.max,
  }
  console.log()
  note(
    `${contenders}-way race for one slot, in process: ${ms(wall)}, ${count(anatomy.queries)} queries; ` +
      `${anatomy.claims} claim calls, ${contenders - anatomy.claims} contenders turned away by resolveSlot before one; ` +
      `pool wait median ${ms(anatomy.poolWaitMedian)}, max ${ms(anatomy.poolWaitMax)}`,
  )
  note(
    `a claim call took median ${ms(anatomy.claimMedian)}, max ${ms(anatomy.claimMax)}: each queues for the practitioner's ` +
      'advisory lock inside frontdesk_claim, then the winner writes and every loser answers false without writing',
  )
  note(`answers: ${[...tally].map(([key, n]) => `${key} ×${n}`).join(', ')}`)
  return anatomy
}

export async function benchAnatomy(options: AnatomyOptions): Promise<AnatomyReport> {
  heading('Where the time goes: queries per request, in process, PostgreSQL server')
  const log = openLoggedDatabase(options.databaseUrl, options.poolSize)
  const changes = await listenOnServer(options.databaseUrl)
  try {
    const api = inProcessApi(log, changes)
    const clinic = await createBenchClinic(api, { name: 'Anatomy', practitioners: 50 })
    const calendar = new Calendar(clinic.timeZone)
    const slots = new SlotSequence(calendar, clinic.practitionerIds)
    const book = async () => {
      const answer = await api.call(
        'POST',
        '/v1/bookings',
        clinic.secretKey,
        bookingBody(clinic.serviceId, slots.next(), `anatomy-${slots.used}`),
      )
      expectStatus('booking', answer, 201)
    }
    const booking = await dissect(log, 20, options.requests, book)
    printAnatomy('POST /v1/bookings, one at a time', booking)

    const availabilityCalendar = new Calendar(clinic.timeZone, 7, 37)
    const path = `/v1/availability?serviceId=${clinic.serviceId}&from=${availabilityCalendar.firstDate}&to=${availabilityCalendar.dateAfter(29)}`
    const availability = await dissect(log, 10, Math.ceil(options.requests / 2), async () => {
      const answer = await api.get(path, clinic.secretKey)
      if (answer.status !== 200) throw new Error(`availability: HTTP ${answer.status}`)
    })
    printAnatomy('GET /v1/availability, 50 practitioners × 30 days, one at a time', availability)

    // The same bookings with `connections` in flight and no HTTP: what the app and database sustain alone.
    log.reset()
    let done = 0
    const until = performance.now() + options.concurrentSeconds * 1000
    const started = performance.now()
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (performance.now() < until) {
          await book()
          done++
        }
      }),
    )
    const elapsed = (performance.now() - started) / 1000
    const waits = summarize(log.poolWaits)
    const concurrent: ConcurrentAnatomy = {
      rate: done / elapsed,
      queriesPerRequest: log.queries.length / done,
      queryMedian: summarize(log.queries.map((query) => query.end - query.start)).median,
      poolWaitMedian: waits.median,
      poolWaitP95: waits.p95,
    }
    console.log()
    note(
      `POST /v1/bookings, ${options.connections} in flight in process (no HTTP), pool ${options.poolSize}: ` +
        `${rate(concurrent.rate)}, ${concurrent.queriesPerRequest.toFixed(1)} queries each ` +
        `(${rate(concurrent.rate * concurrent.queriesPerRequest).replace('req/s', 'queries/s')}); ` +
        `query median ${ms(concurrent.queryMedian)}; wait for a pooled connection median ${ms(concurrent.poolWaitMedian)}, p95 ${ms(concurrent.poolWaitP95)} over ${count(log.poolWaits.length)} checkouts`,
    )

    const race = await dissectRace(log, api, clinic, calendar, 200)
    return { booking, availability, concurrent, race }
  } finally {
    await changes.close()
    await log.close()
  }
}
