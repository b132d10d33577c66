// The same-slot race: 200 concurrent POST /v1/bookings for one practitioner and start, over HTTP, round after
// round: against one API process, then split between two on the same database.
import { bookingBody, Calendar } from './support/calendar.js'
import { createBenchClinic, type InProcessApi } from './support/clinic.js'
import { answerKey, keepAliveAgent, postJson } from './support/http.js'
import { count, heading, ms, note, table, verdict } from './support/print.js'
import { startServer } from './support/server.js'

export const RACE_TARGET_MS = 300

export interface RaceOptions {
  databaseUrl: string
  poolSize: number
  contenders: number
  rounds: number
}

export interface RaceRound {
  round: number
  startsAt: string
  wallMs: number
  created: number
  slotTaken: number
  /** Any other answer, e.g. "500 INTERNAL" for a deadlock. */
  other: Map<string, number>
  /** Confirmed bookings the database holds for the slot afterwards: must be 1. */
  stored: number
}

export interface RaceReport {
  contenders: number
  /** API processes the contenders were split between. */
  processes: number
  rounds: RaceRound[]
}

/** The race with one API process, then with two. */
export async function benchRaces(api: InProcessApi, options: RaceOptions): Promise<RaceReport[]> {
  const reports: RaceReport[] = []
  for (const processes of [1, 2]) reports.push(await benchRace(api, options, processes))
  return reports
}

export async function benchRace(api: InProcessApi, options: RaceOptions, processes = 1): Promise<RaceReport> {
  heading(
    `Same-slot race: ${options.contenders} concurrent bookings × ${options.rounds} rounds, ${processes} API process${processes > 1 ? 'es' : ''}, pool ${options.poolSize} each (PostgreSQL server)`,
  )
  const clinic = await createBenchClinic(api, { name: `Race ${processes}`, practitioners: 1 })
  const practitionerId = clinic.practitionerIds[0] ?? ''
  const calendar = new Calendar(clinic.timeZone)
  const agent = keepAliveAgent(options.contenders)
  const servers = await Promise.all(
    Array.from({ length: processes }, () =>
      startServer('api', { databaseUrl: options.databaseUrl, poolSize: options.poolSize }),
    ),
  )
  const urls = servers.map((server) => new URL('/v1/bookings', server.origin))
  const headers = { authorization: `Bearer ${clinic.secretKey}` }
  const rounds: RaceRound[] = []
  try {
    // Round 0 is a warm-up: it opens the sockets and lets the server's JIT settle.
    for (let round = 0; round <= options.rounds; round++) {
      const startsAt = calendar.startsAt(round * 2, round % 16)
      const bodies = Array.from({ length: options.contenders }, (_, contender) =>
        JSON.stringify(
          bookingBody(clinic.serviceId, { practitionerId, startsAt }, `race-${round}-${contender}`),
        ),
      )
      const started = performance.now()
      const answers = await Promise.all(
        bodies.map((body, contender) => postJson(agent, urls[contender % urls.length]!, headers, body)),
      )
      const wallMs = performance.now() - started
      const tally = new Map<string, number>()
      for (const answer of answers) {
        const key = answerKey(answer)
        tally.set(key, (tally.get(key) ?? 0) + 1)
      }
      const created = tally.get('201') ?? 0
      const slotTaken = tally.get('409 SLOT_TAKEN') ?? 0
      tally.delete('201')
      tally.delete('409 SLOT_TAKEN')
      const stored = await api.system
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('practitioner_id', '=', practitionerId)
        .where('starts_at', '=', new Date(startsAt))
        .where('status', '=', 'confirmed')
        .executeTakeFirstOrThrow()
      if (round > 0) {
        rounds.push({ round, startsAt, wallMs, created, slotTaken, other: tally, stored: Number(stored.n) })
      }
    }
  } finally {
    agent.destroy()
    await Promise.all(servers.map((server) => server.stop()))
  }
  const report = { contenders: options.contenders, processes, rounds }
  printRace(report)
  return report
}

function printRace(report: RaceReport): void {
  table([
    ['round', 'slot', 'wall time', '201', '409 SLOT_TAKEN', 'other answers', 'stored'],
    ...report.rounds.map((round) => [
      String(round.round),
      round.startsAt,
      ms(round.wallMs),
      String(round.created),
      String(round.slotTaken),
      round.other.size ? [...round.other].map(([key, n]) => `${key} ×${n}`).join(', ') : '0',
      String(round.stored),
    ]),
  ])
  const worst = Math.max(...report.rounds.map((round) => round.wallMs))
  const exact = report.rounds.every(
    (round) => round.created === 1 && round.slotTaken === report.contenders - 1 && round.stored === 1,
  )
  console.log()
  note(
    `target: wall time ≤ ${ms(RACE_TARGET_MS)} per round — worst ${ms(worst)} (${verdict(worst <= RACE_TARGET_MS)})`,
  )
  note(
    `target: exactly 1 × 201 and ${count(report.contenders - 1)} × 409 SLOT_TAKEN per round, 1 booking stored — ${verdict(exact)}`,
  )
}
