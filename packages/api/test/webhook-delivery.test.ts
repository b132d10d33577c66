// Webhook delivery of real events through the durable queue: a booking made with the API reaches a
// receiver as a signed `booking.created` with ids only; a receiver that fails is retried until it
// answers; and a delivery waiting when the API stops is made by the next process that starts.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { verifyWebhook } from '@frontdesk/sdk'
import type PgBoss from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openJobQueue } from '../src/jobs/queue.js'
import { startWebhookDispatch } from '../src/webhooks/dispatch.js'
import { createTestClinic, patient, type TestClinic, useHarness } from './harness.js'

const harness = useHarness()

let receiver: Server
let receiverUrl = ''
const received: { headers: Record<string, unknown>; body: string }[] = []
let failuresLeft = 0

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => {
      received.push({ headers: request.headers, body })
      if (failuresLeft > 0) {
        failuresLeft--
        response.writeHead(503).end()
      } else response.writeHead(200).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
})
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve))
})

/** Test files share one database on PostgreSQL: each dispatcher here minds its own clinic and queue. */
const queue = `webhook-delivery-test-${Math.random().toString(36).slice(2, 10)}`

async function dispatcher(clinic: TestClinic) {
  const boss = await openJobQueue(harness.deps.system, harness.deps.logger)
  const dispatch = await startWebhookDispatch({
    db: harness.deps.db,
    system: harness.deps.system,
    boss,
    cipher: harness.deps.cipher!,
    logger: harness.deps.logger,
    now: () => Date.now(),
    allowPrivate: true,
    relayEveryMs: 100,
    pollSeconds: 0.5,
    retryDelaySeconds: 1,
    queue,
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

async function listening(clinic: TestClinic) {
  // Registered directly: the harness's app refuses http:// receivers, as a production server would.
  const { createEndpoint } = await import('../src/webhooks/endpoint-store.js')
  const { row, secret } = await createEndpoint(harness.deps.system, harness.deps.cipher!, clinic.clinicId, {
    url: receiverUrl,
    events: ['booking.created', 'booking.cancelled'],
    enabled: true,
  })
  return { endpointId: row.id, secret }
}

async function book(clinic: TestClinic, startsAt: string) {
  const response = await harness.call('POST', '/v1/bookings', {
    token: clinic.sk,
    body: { serviceId: clinic.serviceId, practitionerId: clinic.practitionerIds[0], startsAt, patient },
  })
  expect(response.status).toBe(201)
  return response.body.booking.id as string
}

const deliveriesOf = (bookingId: string) =>
  received.filter((request) => JSON.parse(request.body).data?.bookingId === bookingId)

describe('webhook delivery', () => {
  it('sends a booking as a signed booking.created with ids only, and retries a failing receiver', async () => {
    const clinic = await createTestClinic(harness)
    const { endpointId, secret } = await listening(clinic)
    const running = await dispatcher(clinic)
    try {
      failuresLeft = 2
      const bookingId = await book(clinic, '2027-03-03T08:00:00Z')
      await expect.poll(() => deliveriesOf(bookingId).length, { timeout: 20_000, interval: 200 }).toBe(3)
      const last = deliveriesOf(bookingId).at(-1)!
      expect(last.headers['frontdesk-attempt']).toBe('3')
      const event = await verifyWebhook({
        payload: last.body,
        signature: last.headers['frontdesk-signature'] as string,
        secrets: secret,
      })
      expect(event).toMatchObject({
        type: 'booking.created',
        clinicId: clinic.clinicId,
        data: { bookingId, serviceId: clinic.serviceId, practitionerId: clinic.practitionerIds[0] },
      })
      expect(last.body).not.toContain(patient.name)
      expect(last.body).not.toContain(patient.email)
      const log = await harness.call('GET', `/v1/webhooks/endpoints/${endpointId}/deliveries`, {
        token: clinic.sk,
      })
      expect(log.body.data.map((entry: { status: string }) => entry.status)).toEqual([
        'delivered',
        'failed',
        'failed',
      ])
    } finally {
      await running.stop()
    }
  }, 40_000)

  it('delivers what was waiting when the API stopped, once the next process starts', async () => {
    const clinic = await createTestClinic(harness)
    await listening(clinic)
    const bookingId = await book(clinic, '2027-03-03T09:00:00Z')
    // Nothing runs: the event waits in the database.
    expect(deliveriesOf(bookingId)).toEqual([])
    const first = await dispatcher(clinic)
    failuresLeft = 1
    await expect.poll(() => deliveriesOf(bookingId).length, { timeout: 10_000, interval: 100 }).toBe(1)
    await first.stop()
    // The retry is due after the process is gone; a new one picks it up.
    const second = await dispatcher(clinic)
    try {
      await expect.poll(() => deliveriesOf(bookingId).length, { timeout: 20_000, interval: 200 }).toBe(2)
      expect(deliveriesOf(bookingId).map((request) => request.headers['frontdesk-attempt'])).toEqual([
        '1',
        '2',
      ])
    } finally {
      await second.stop()
    }
  }, 40_000)
})
