// Webhook deliveries end to end: bookings made over HTTP to the API served as `frontdesk serve` runs it,
// each booking's signed `booking.created` received by a real receiver on this machine. Two cases: with the
// dispatching process running (201 → arrival, per event), and after a restart (bookings made while no
// process dispatches, then one starts: its start → all arrived).
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate, openDatabase } from '@frontdesk/api/testing'
import { verifyWebhook } from '@frontdesk/sdk'
import { bookingBody, Calendar, SlotSequence } from './support/calendar.js'
import { createBenchClinic, type InProcessApi, inProcessApi } from './support/clinic.js'
import { keepAliveAgent, postJson } from './support/http.js'
import { count, heading, ms, note, table, verdict } from './support/print.js'
import { type RunningServer, startServer } from './support/server.js'
import { type Summary, summarize } from './support/stats.js'

/** Issue 19: every event delivered within 10 s of the booking that caused it. */
export const DELIVERY_TARGET_MS = 10_000
/** A receiver that has not had everything by then reports what it had. */
const GIVE_UP_MS = 60_000

export interface DeliveriesOptions {
  /** The bench's server database; undefined on PGlite. */
  databaseUrl: string | undefined
  poolSize: number
  bookings: number
  /** Bookings in flight at once. */
  concurrency: number
}

export interface DeliveryCase {
  name: 'running' | 'restart'
  storage: string
  bookings: number
  /** Distinct events received, each verified against the endpoint's secret. */
  received: number
  /** Deliveries of an event already received (at least once allows them; they should be rare). */
  repeats: number
  /** Events that came on a later attempt (Frontdesk-Attempt > 1): an earlier one failed or timed out. */
  retried: number
  badSignatures: number
  /** running: each event's arrival after its booking's 201. */
  latency?: Summary
  /** running: first booking sent → last event arrived. restart: the dispatcher ready → last event arrived. */
  allArrivedMs: number
  /** running: the bookings' own time. restart: the dispatcher's start-up (fork → ready). */
  setupMs: number
  /** restart: events already received when the dispatcher said it was ready (it relays as it starts). */
  beforeReady?: number
}

export interface DeliveriesReport {
  cases: DeliveryCase[]
}

/** Receives every case's deliveries on `/hook/<case>`, verifying each signature with the SDK. */
interface CaseState {
  secret: string
  /** Booking id → when its event first arrived. */
  arrived: Map<string, number>
  repeats: number
  retried: number
  bad: number
  expected: number
  done?: () => void
}

class Receiver {
  readonly #server: Server
  readonly #cases = new Map<string, CaseState>()
  url = ''

  constructor() {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on(
        'end',
        () =>
          void this.#receive(
            request.url ?? '',
            request.headers,
            Buffer.concat(chunks).toString('utf8'),
            response,
          ),
      )
    })
  }

  async #receive(path: string, headers: IncomingHttpHeaders, payload: string, response: ServerResponse) {
    const arrivedAt = performance.now()
    const state = this.#cases.get(path.replace(/^\/hook\//, ''))
    if (!state) return void response.writeHead(404).end()
    try {
      const event = await verifyWebhook({
        payload,
        signature: String(headers['frontdesk-signature'] ?? ''),
        secrets: state.secret,
      })
      const bookingId = (event.data as { bookingId?: string }).bookingId ?? event.id
      if (state.arrived.has(bookingId)) state.repeats++
      else state.arrived.set(bookingId, arrivedAt)
      if (Number(headers['frontdesk-attempt'] ?? 1) > 1) state.retried++
      response.writeHead(200).end()
      if (state.arrived.size >= state.expected) state.done?.()
    } catch {
      state.bad++
      response.writeHead(400).end()
    }
  }

  async listen() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hook`
  }

  expect(name: string, secret: string, expected: number) {
    const state: CaseState = { secret, arrived: new Map(), repeats: 0, retried: 0, bad: 0, expected }
    this.#cases.set(name, state)
    return state
  }

  /** Resolves once the case has every event, or after GIVE_UP_MS. */
  allArrived(name: string): Promise<void> {
    const state = this.#cases.get(name)!
    if (state.arrived.size >= state.expected) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, GIVE_UP_MS)
      state.done = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  async close() {
    this.#server.closeAllConnections()
    await new Promise((resolve) => this.#server.close(resolve))
  }
}

interface Storage {
  label: string
  /** Builds the clinic (in process, on this storage); closed before a served process opens PGlite. */
  api: InProcessApi
  serve(dispatch: boolean): Promise<RunningServer>
  release(): Promise<void>
}

async function serverStorage(api: InProcessApi, databaseUrl: string, poolSize: number): Promise<Storage> {
  return {
    label: 'PostgreSQL server',
    api,
    serve: (dispatch) => startServer('frontdesk', { databaseUrl, poolSize, dispatch }),
    release: async () => {},
  }
}

/** PGlite in a data folder of its own: one process at a time opens it, so the clinic is made first. */
async function pgliteStorage(poolSize: number): Promise<Storage> {
  const dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-bench-deliveries-'))
  const opened = await openDatabase({ dataDir })
  await migrate(opened.system)
  let open = true
  return {
    label: 'PGlite',
    api: inProcessApi(opened),
    async serve(dispatch) {
      if (open) {
        open = false
        await opened.close()
      }
      return startServer('frontdesk', { databaseUrl: '', dataDir, poolSize, dispatch })
    },
    async release() {
      if (open) await opened.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export async function benchDeliveries(
  api: InProcessApi | undefined,
  options: DeliveriesOptions,
): Promise<DeliveriesReport> {
  heading(
    `Webhook deliveries: ${options.bookings} bookings over HTTP, ${options.concurrency} in flight, each booking.created to a local receiver`,
  )
  const receiver = new Receiver()
  await receiver.listen()
  const cases: DeliveryCase[] = []
  const storages: (() => Promise<Storage>)[] = []
  if (api && options.databaseUrl) {
    const url = options.databaseUrl
    storages.push(() => serverStorage(api, url, options.poolSize))
  }
  storages.push(() => pgliteStorage(options.poolSize))
  try {
    for (const open of storages) {
      const storage = await open()
      try {
        const running = await prepare(storage, options, 'running')
        const restart = await prepare(storage, options, 'restart')
        cases.push(await whileRunning(storage, receiver, options, running))
        cases.push(await afterRestart(storage, receiver, options, restart))
      } finally {
        await storage.release()
      }
    }
  } finally {
    await receiver.close()
  }
  const report = { cases }
  printDeliveries(report)
  return report
}

interface Prepared {
  name: DeliveryCase['name']
  secretKey: string
  serviceId: string
  slots: SlotSequence
}

/** A clinic of its own per case; its endpoint is registered later, through the served API. */
async function prepare(
  storage: Storage,
  options: DeliveriesOptions,
  name: DeliveryCase['name'],
): Promise<Prepared> {
  const clinic = await createBenchClinic(storage.api, { name: `Deliveries ${name}`, practitioners: 4 })
  const slots = new SlotSequence(new Calendar(clinic.timeZone), clinic.practitionerIds)
  if (slots.capacity < options.bookings) throw new Error('not enough free slots for the deliveries bench')
  return { name, secretKey: clinic.secretKey, serviceId: clinic.serviceId, slots }
}

async function listen(server: RunningServer, receiver: Receiver, clinic: Prepared, expected: number) {
  const answer = await fetch(new URL('/v1/webhooks/endpoints', server.origin), {
    method: 'POST',
    headers: { authorization: `Bearer ${clinic.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      url: `${receiver.url}/${clinic.name}`,
      events: ['booking.created'],
      enabled: true,
    }),
  })
  if (answer.status !== 201)
    throw new Error(`create webhook endpoint: HTTP ${answer.status} ${await answer.text()}`)
  const { secret } = (await answer.json()) as { secret: string }
  return receiver.expect(clinic.name, secret, expected)
}

/** Makes the bookings `concurrency` at a time; answers each booking's id and the moment its 201 came. */
async function book(server: RunningServer, clinic: Prepared, options: DeliveriesOptions) {
  const agent = keepAliveAgent(options.concurrency)
  const url = new URL('/v1/bookings', server.origin)
  const headers = { authorization: `Bearer ${clinic.secretKey}` }
  const created = new Map<string, number>()
  let next = 0
  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.bookings) {
          const n = next++
          const body = JSON.stringify(
            bookingBody(clinic.serviceId, clinic.slots.next(), `${clinic.name}-${n}`),
          )
          const answer = await postJson(agent, url, headers, body)
          const at = performance.now()
          if (answer.status !== 201)
            throw new Error(`booking ${n}: HTTP ${answer.status} ${answer.body.slice(0, 300)}`)
          created.set(JSON.parse(answer.body).booking.id, at)
        }
      }),
    )
  } finally {
    agent.destroy()
  }
  return created
}

async function whileRunning(
  storage: Storage,
  receiver: Receiver,
  options: DeliveriesOptions,
  clinic: Prepared,
): Promise<DeliveryCase> {
  const server = await storage.serve(true)
  try {
    const state = await listen(server, receiver, clinic, options.bookings)
    const started = performance.now()
    const created = await book(server, clinic, options)
    const booked = performance.now()
    await receiver.allArrived(clinic.name)
    const latencies = [...created].flatMap(([bookingId, at]) => {
      const arrived = state.arrived.get(bookingId)
      return arrived === undefined ? [] : [arrived - at]
    })
    return {
      name: 'running',
      storage: storage.label,
      bookings: created.size,
      received: state.arrived.size,
      repeats: state.repeats,
      retried: state.retried,
      badSignatures: state.bad,
      latency: summarize(latencies),
      allArrivedMs: Math.max(...state.arrived.values()) - started,
      setupMs: booked - started,
    }
  } finally {
    await server.stop()
  }
}

async function afterRestart(
  storage: Storage,
  receiver: Receiver,
  options: DeliveriesOptions,
  clinic: Prepared,
): Promise<DeliveryCase> {
  let state: CaseState
  let created: Map<string, number>
  // Bookings made while no process dispatches: the backlog a restart finds.
  const serving = await storage.serve(false)
  try {
    state = await listen(serving, receiver, clinic, options.bookings)
    created = await book(serving, clinic, options)
  } finally {
    await serving.stop()
  }
  const forked = performance.now()
  const dispatcher = await storage.serve(true)
  const ready = performance.now()
  const beforeReady = state.arrived.size
  try {
    await receiver.allArrived(clinic.name)
    return {
      name: 'restart',
      storage: storage.label,
      bookings: created.size,
      received: state.arrived.size,
      repeats: state.repeats,
      retried: state.retried,
      badSignatures: state.bad,
      allArrivedMs: Math.max(ready, ...state.arrived.values()) - ready,
      setupMs: ready - forked,
      beforeReady,
    }
  } finally {
    await dispatcher.stop()
  }
}

const caseTitle = (row: DeliveryCase) =>
  row.name === 'running' ? `while running (${row.storage})` : `after a restart (${row.storage})`

function printDeliveries(report: DeliveriesReport): void {
  table([
    [
      'case',
      'received',
      'repeats',
      'retried',
      'bad sig.',
      '201 → arrival median',
      'p95',
      'max',
      'all arrived',
      'set-up',
    ],
    ...report.cases.map((row) => [
      caseTitle(row),
      `${count(row.received)}/${count(row.bookings)}`,
      count(row.repeats),
      count(row.retried),
      count(row.badSignatures),
      row.latency ? ms(row.latency.median) : '—',
      row.latency ? ms(row.latency.p95) : '—',
      row.latency ? ms(row.latency.max) : '—',
      ms(row.allArrivedMs),
      ms(row.setupMs),
    ]),
  ])
  console.log()
  note('while running: all arrived = first booking sent → last event in; set-up = the bookings themselves')
  note(
    'after a restart: all arrived = the new dispatching process ready → last event in; set-up = its start-up (fork → ready)',
  )
  for (const row of report.cases) {
    if (row.beforeReady)
      note(`${caseTitle(row)}: ${count(row.beforeReady)} events were in before it said ready`)
  }
}

/** Whether a case meets issue 19's target: every event in, each within 10 s of its booking. */
function meets(row: DeliveryCase): boolean {
  const worst = row.latency ? row.latency.max : row.allArrivedMs
  return row.received === row.bookings && row.badSignatures === 0 && worst <= DELIVERY_TARGET_MS
}

/** The summary table's rows for `npm run bench`. */
export function deliverySummaryRows(report: DeliveriesReport): string[][] {
  return report.cases.map((row) => [
    `webhooks ${caseTitle(row)}, ${count(row.bookings)} bookings`,
    row.latency
      ? `201 → arrival median ${ms(row.latency.median)}, p95 ${ms(row.latency.p95)}, max ${ms(row.latency.max)}`
      : `all ${count(row.received)} in ${ms(row.allArrivedMs)} after ready`,
    `≤ ${ms(DELIVERY_TARGET_MS)}`,
    verdict(meets(row)),
  ])
}
