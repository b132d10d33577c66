// Webhooks checked with the Standard Webhooks reference library (npm `standardwebhooks`), not Frontdesk code:
// a secret the API makes is taken by the library as it is, a delivery over real HTTP verifies and a tampered
// one is refused, both secrets sign during a roll, and a secret from before (URL-safe base64) still verifies
// once written in the standard alphabet. The Frontdesk-Signature beside it keeps working as before.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { verifyWebhook } from '@frontdesk/sdk'
import { Webhook, WebhookVerificationError } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReceiver } from '../../../examples/webhook-receiver/src/receive.js'
import { createApp } from '../src/app.js'
import { webhookSecretPurpose } from '../src/webhooks/endpoint-store.js'
import { createTestClinic, DEFAULT_NOW, type TestClinic, useHarness } from './harness.js'

const harness = useHarness()

let receiver: Server
let receiverUrl = ''
const received: { headers: IncomingHttpHeaders; body: string }[] = []

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      body += chunk
    })
    request.on('end', () => {
      received.push({ headers: request.headers, body })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
})
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve))
})

/** The app as `frontdesk serve` runs it with FRONTDESK_WEBHOOKS_ALLOW_PRIVATE=1. */
function devApp() {
  const app = createApp({ ...harness.deps, webhooks: { allowPrivate: true } })
  return async (method: string, path: string, token: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    return { status: response.status, body: text ? (JSON.parse(text) as any) : null }
  }
}

async function endpointFor(clinic: TestClinic) {
  const call = devApp()
  const created = await call('POST', '/v1/webhooks/endpoints', clinic.sk, {
    url: receiverUrl,
    events: ['booking.created'],
  })
  expect(created.status).toBe(201)
  return { call, id: created.body.endpoint.id as string, secret: created.body.secret as string }
}

/** A signed ping, sent now by the API to the receiver: the library checks timestamps against the real clock. */
async function ping(call: ReturnType<typeof devApp>, clinic: TestClinic, id: string) {
  harness.clock.now = Date.now()
  try {
    const sent = await call('POST', `/v1/webhooks/endpoints/${id}/test`, clinic.sk)
    expect(sent.body).toMatchObject({ status: 'delivered' })
    return { delivery: received.at(-1)!, eventId: sent.body.eventId as string }
  } finally {
    harness.clock.now = DEFAULT_NOW
  }
}

describe('Standard Webhooks signatures', () => {
  it('gives a secret the library takes as it is, and a delivery it verifies and refuses tampered', async () => {
    const clinic = await createTestClinic(harness)
    const { call, id, secret } = await endpointFor(clinic)
    // whsec_ and standard base64 of 33 bytes: no URL-safe characters, no padding.
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{44}$/)
    const { delivery, eventId } = await ping(call, clinic, id)
    expect(delivery.headers['webhook-id']).toBe(eventId)
    expect(delivery.headers['webhook-timestamp']).toMatch(/^\d+$/)
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/)

    const event = new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>)
    expect(event).toMatchObject({ id: eventId, type: 'ping', clinicId: clinic.clinicId })
    expect(() =>
      new Webhook(secret).verify(
        delivery.body.replace('"ping"', '"booking.created"'),
        delivery.headers as Record<string, string>,
      ),
    ).toThrow(WebhookVerificationError)
    // Another endpoint's secret is refused.
    const other = await endpointFor(clinic)
    expect(() =>
      new Webhook(other.secret).verify(delivery.body, delivery.headers as Record<string, string>),
    ).toThrow(WebhookVerificationError)

    // The Frontdesk signature of the same delivery, keyed with the whole secret string, still verifies.
    await expect(
      verifyWebhook({
        payload: delivery.body,
        signature: delivery.headers['frontdesk-signature'] as string,
        secrets: secret,
      }),
    ).resolves.toMatchObject({ id: eventId })
  })

  it('signs with the old and the new secret during a roll, each one verifying on its own', async () => {
    const clinic = await createTestClinic(harness)
    const { call, id, secret: old } = await endpointFor(clinic)
    const rolled = await call('POST', `/v1/webhooks/endpoints/${id}/roll-secret`, clinic.sk)
    const fresh = rolled.body.secret as string
    const { delivery } = await ping(call, clinic, id)
    expect((delivery.headers['webhook-signature'] as string).split(' ')).toHaveLength(2)
    for (const secret of [old, fresh]) {
      expect(
        new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>),
      ).toMatchObject({ type: 'ping' })
    }
  })

  it('verifies a secret made before, in the URL-safe alphabet, once written in the standard one', async () => {
    const clinic = await createTestClinic(harness)
    const { call, id } = await endpointFor(clinic)
    // A secret as the API made them before: `whsec_` and 32 random bytes in URL-safe base64, unpadded; these
    // start with 0xfb 0xff so that both - and _ are in it.
    const legacy = `whsec_${Buffer.concat([Buffer.from([0xfb, 0xff]), randomBytes(30)]).toString('base64url')}`
    expect(legacy).toMatch(/^whsec_-_[A-Za-z0-9_-]{41}$/)
    const { cipher, system } = harness.deps
    await system
      .updateTable('webhook_endpoints')
      .set({ secret: await cipher!.seal(clinic.clinicId, webhookSecretPurpose(id, 'secret'), legacy) })
      .where('id', '=', id)
      .execute()
    const { delivery } = await ping(call, clinic, id)
    const headers = delivery.headers as Record<string, string>
    // The library refuses the URL-safe alphabet as a secret; the same bytes in the standard one verify.
    expect(() => new Webhook(legacy)).toThrow()
    // What docs/webhooks.md says to do with such a secret: after `whsec_`, + for -, / for _, and = to a
    // multiple of four characters.
    const encoded = legacy.slice('whsec_'.length).replaceAll('-', '+').replaceAll('_', '/')
    const standard = `whsec_${encoded.padEnd(Math.ceil(encoded.length / 4) * 4, '=')}`
    expect(new Webhook(standard).verify(delivery.body, headers)).toMatchObject({ type: 'ping' })
    await expect(
      verifyWebhook({ payload: delivery.body, signature: headers['frontdesk-signature'], secrets: legacy }),
    ).resolves.toMatchObject({ type: 'ping' })
  })

  it('reaches the example receiver checking the Standard Webhooks headers, which refuses a forgery', async () => {
    const clinic = await createTestClinic(harness)
    const { call, id, secret } = await endpointFor(clinic)
    const events: string[] = []
    const receiving = await startReceiver({
      secrets: [secret],
      scheme: 'standard',
      port: 0,
      onEvent: (event) => events.push(event.type),
    })
    harness.clock.now = Date.now()
    try {
      await call('PATCH', `/v1/webhooks/endpoints/${id}`, clinic.sk, { url: receiving.url })
      const sent = await call('POST', `/v1/webhooks/endpoints/${id}/test`, clinic.sk)
      expect(sent.body).toMatchObject({ status: 'delivered', responseStatus: 204 })
      expect(events).toEqual(['ping'])
      const forged = await fetch(receiving.url, {
        method: 'POST',
        headers: {
          'webhook-id': 'evt_forged',
          'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}`,
        },
        body: JSON.stringify({ id: 'evt_forged', type: 'booking.created' }),
      })
      expect(forged.status).toBe(400)
      expect(events).toEqual(['ping'])
    } finally {
      harness.clock.now = DEFAULT_NOW
      receiving.server.close()
    }
  })
})
