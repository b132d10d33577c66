// What the webhook delivery tests share: a receiver on this machine that records every delivery (and can
// fail or hang on purpose), an endpoint pointing at it, bookings made with the API, and a dispatcher on
// the test's database as `frontdesk serve` runs one.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type PgBoss from 'pg-boss'
import { afterAll, beforeAll, expect } from 'vitest'
import { openJobQueue } from '../src/jobs/queue.js'
import { startWebhookDispatch } from '../src/webhooks/dispatch.js'
import { createEndpoint } from '../src/webhooks/endpoint-store.js'
import { type Harness, patient, type TestClinic } from './harness.js'

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders
  body: string
}

/** A receiver on a free port of this machine, listening for the file's tests. */
export function useReceiver() {
  let server: Server
  const state = {
    url: '',
    received: [] as ReceivedDelivery[],
    /** How many of the next deliveries are answered 503. */
    failuresLeft: 0,
    /** How many of the next deliveries are taken and never answered, so their sender is caught mid-delivery. */
    hangingNext: 0,
    deliveriesOf(bookingId: string) {
      return state.received.filter((request) => JSON.parse(request.body).data?.bookingId === bookingId)
    },
  }
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => {
        body += chunk
      })
      request.on('end', () => {
        state.received.push({ headers: request.headers, body })
        if (state.hangingNext > 0) {
          state.hangingNext--
          return
        }
        if (state.failuresLeft > 0) {
          state.failuresLeft--
          response.writeHead(503).end()
        } else response.writeHead(200).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
  return state
}

/** Test files share one database on PostgreSQL: each file's dispatchers mind their own queue. */
export const testQueue = () => `webhook-delivery-test-${Math.random().toString(36).slice(2, 10)}`

/** Registers the receiver for bookings, directly: the app refuses http:// receivers, as in production. */
export async function listening(harness: Harness, clinic: TestClinic, url: string) {
  const { row, secret } = await createEndpoint(harness.deps.system, harness.deps.cipher!, clinic.clinicId, {
    url,
    events: ['booking.created', 'booking.cancelled'],
    enabled: true,
  })
  return { endpointId: row.id, secret }
}

export async function book(harness: Harness, clinic: TestClinic, startsAt: string, practitioner = 0) {
  const response = await harness.call('POST', '/v1/bookings', {
    token: clinic.sk,
    body: {
      serviceId: clinic.serviceId,
      practitionerId: clinic.practitionerIds[practitioner === 0 ? 0 : 1],
      startsAt,
      patient,
    },
  })
  expect(response.status).toBe(201)
  return response.body.booking.id as string
}

export interface DispatcherOptions {
  queue: string
  /** `serve` keeps serve's own relay and polling pace; `fast` (the default) shortens both for quick tests. */
  paced?: 'fast' | 'serve'
}

/** A webhook dispatcher for one clinic, on its own job queue connection, as a `serve` process runs one. */
export async function webhookDispatcher(harness: Harness, clinic: TestClinic, options: DispatcherOptions) {
  const boss = await openJobQueue(harness.deps.system, harness.deps.logger)
  const dispatch = await startWebhookDispatch({
    db: harness.deps.db,
    system: harness.deps.system,
    boss,
    cipher: harness.deps.cipher!,
    logger: harness.deps.logger,
    now: () => Date.now(),
    allowPrivate: true,
    ...(options.paced !== 'serve' && { relayEveryMs: 100, pollSeconds: 0.5 }),
    retryDelaySeconds: 1,
    queue: options.queue,
    clinicIds: [clinic.clinicId],
  })
  return {
    boss,
    async stop() {
      await dispatch.stop()
      await (boss as PgBoss).stop({ graceful: false, wait: true } as PgBoss.StopOptions)
    },
  }
}
