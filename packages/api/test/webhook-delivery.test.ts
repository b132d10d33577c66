// Webhook delivery of real events through the durable queue: a booking made with the API reaches a
// receiver as a `booking.created` with ids only, signed both ways (the SDK and the Standard Webhooks library
// verify it); a receiver that fails is retried until it answers; and a delivery waiting when the API stops
// is made by the next process that starts.
import { verifyWebhook } from '@frontdesk/sdk'
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { createTestClinic, patient, type TestClinic, useHarness } from './harness.js'
import {
  book as bookWith,
  listening as listeningWith,
  testQueue,
  useReceiver,
  webhookDispatcher,
} from './webhook-support.js'

const harness = useHarness()
const receiver = useReceiver()
const queue = testQueue()

const dispatcher = (clinic: TestClinic) => webhookDispatcher(harness, clinic, { queue })
const listening = (clinic: TestClinic) => listeningWith(harness, clinic, receiver.url)
const book = (clinic: TestClinic, startsAt: string) => bookWith(harness, clinic, startsAt)
const deliveriesOf = (bookingId: string) => receiver.deliveriesOf(bookingId)

describe('webhook delivery', () => {
  it('sends a booking as a signed booking.created with ids only, and retries a failing receiver', async () => {
    const clinic = await createTestClinic(harness)
    const { endpointId, secret } = await listening(clinic)
    const running = await dispatcher(clinic)
    try {
      receiver.failuresLeft = 2
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
      // The Standard Webhooks reference library verifies the same delivery, and every retry carries the
      // event's id as its webhook-id, so a receiver can drop repeats.
      expect(new Webhook(secret).verify(last.body, last.headers as Record<string, string>)).toEqual(event)
      expect(deliveriesOf(bookingId).map((request) => request.headers['webhook-id'])).toEqual([
        event.id,
        event.id,
        event.id,
      ])
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
    receiver.failuresLeft = 1
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
