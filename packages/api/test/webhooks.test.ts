// Webhooks: a clinic registers an endpoint, a signed test event reaches a receiver on this machine, the
// SDK's verifyWebhook accepts it and refuses it tampered or stale, a rolled secret signs alongside the
// old one for a day, failures are logged, redirects are not followed, and private addresses are refused
// unless the server allows them for development.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { verifyWebhook, WebhookSignatureError } from '@frontdesk/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReceiver } from '../../../examples/webhook-receiver/src/receive.js'
import { createApp } from '../src/app.js'
import { createTestClinic, DEFAULT_NOW, type TestClinic, useHarness } from './harness.js'

const harness = useHarness()

interface Received {
  headers: IncomingMessage['headers']
  body: string
}

let receiver: Server
let receiverUrl = ''
const received: Received[] = []
let answer = 204

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => {
      received.push({ headers: request.headers, body })
      if (request.url === '/moved') {
        response.writeHead(302, { Location: `${receiverUrl}/hook` }).end()
        return
      }
      response.writeHead(answer).end('receiver says things the log must not keep')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve))
})

/** The app as `frontdesk serve` runs it with FRONTDESK_WEBHOOKS_ALLOW_PRIVATE=1, on the harness's storage. */
function devApp() {
  const app = createApp({ ...harness.deps, webhooks: { allowPrivate: true } })
  return async (
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> => {
    const response = await app.request(path, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : null }
  }
}

async function endpointFor(clinic: TestClinic, path = '/hook') {
  const call = devApp()
  const created = await call('POST', '/v1/webhooks/endpoints', clinic.sk, {
    url: `${receiverUrl}${path}`,
    events: ['booking.created', 'intake.submitted'],
  })
  expect(created.status).toBe(201)
  return { call, id: created.body.endpoint.id as string, secret: created.body.secret as string }
}

describe('webhooks', () => {
  it('delivers a signed test event that verifyWebhook accepts, and refuses tampered or stale', async () => {
    const clinic = await createTestClinic(harness)
    const { call, id, secret } = await endpointFor(clinic)
    expect(secret).toMatch(/^whsec_/)
    received.length = 0
    const delivery = await call('POST', `/v1/webhooks/endpoints/${id}/test`, clinic.sk)
    expect(delivery.body).toMatchObject({
      status: 'delivered',
      responseStatus: 204,
      error: null,
      eventType: 'ping',
    })
    const [got] = received
    expect(got!.headers['content-type']).toBe('application/json')
    expect(got!.headers['frontdesk-event-type']).toBe('ping')
    const signature = got!.headers['frontdesk-signature'] as string
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)

    const event = await verifyWebhook({ payload: got!.body, signature, secrets: secret, now: DEFAULT_NOW })
    expect(event).toEqual({
      id: delivery.body.eventId,
      type: 'ping',
      createdAt: new Date(DEFAULT_NOW).toISOString(),
      clinicId: clinic.clinicId,
      data: { endpointId: id },
    })
    const tampered = got!.body.replace('ping', 'pong')
    await expect(
      verifyWebhook({ payload: tampered, signature, secrets: secret, now: DEFAULT_NOW }),
    ).rejects.toThrow(WebhookSignatureError)
    await expect(
      verifyWebhook({ payload: got!.body, signature, secrets: 'whsec_wrong', now: DEFAULT_NOW }),
    ).rejects.toThrow(/No signature matches/)
    await expect(
      verifyWebhook({ payload: got!.body, signature, secrets: secret, now: DEFAULT_NOW + 10 * 60_000 }),
    ).rejects.toThrow(/too old/)
  })

  it('signs with the old and the new secret for a day after a roll, then with the new one only', async () => {
    const clinic = await createTestClinic(harness)
    const { call, id, secret: old } = await endpointFor(clinic)
    const rolled = await call('POST', `/v1/webhooks/endpoints/${id}/roll-secret`, clinic.sk)
    expect(rolled.body.previousSecretExpiresAt).toBe(new Date(DEFAULT_NOW + 86_400_000).toISOString())
    const fresh = rolled.body.secret as string
    expect(rolled.body.endpoint.secretHint).toBe(fresh.slice(-4))
    received.length = 0
    await call('POST', `/v1/webhooks/endpoints/${id}/test`, clinic.sk)
    const during = received.at(-1)!
    const signature = during.headers['frontdesk-signature'] as string
    expect(signature.match(/v1=/g)).toHaveLength(2)
    for (const secret of [old, fresh]) {
      await expect(
        verifyWebhook({ payload: during.body, signature, secrets: secret, now: DEFAULT_NOW }),
      ).resolves.toMatchObject({
        type: 'ping',
      })
    }
    harness.clock.now = DEFAULT_NOW + 86_400_000 + 1000
    try {
      await call('POST', `/v1/webhooks/endpoints/${id}/test`, clinic.sk)
      const after = received.at(-1)!
      const later = after.headers['frontdesk-signature'] as string
      expect(later.match(/v1=/g)).toHaveLength(1)
      const now = harness.clock.now
      await expect(
        verifyWebhook({ payload: after.body, signature: later, secrets: old, now }),
      ).rejects.toThrow()
      await expect(
        verifyWebhook({ payload: after.body, signature: later, secrets: fresh, now }),
      ).resolves.toBeTruthy()
    } finally {
      harness.clock.now = DEFAULT_NOW
    }
  })

  it('logs failures in plain words without the receiver’s body, and follows no redirect', async () => {
    const clinic = await createTestClinic(harness)
    const { call, id } = await endpointFor(clinic)
    answer = 500
    try {
      const failed = await call('POST', `/v1/webhooks/endpoints/${id}/test`, clinic.sk)
      expect(failed.body).toMatchObject({
        status: 'failed',
        responseStatus: 500,
        error: 'the receiver answered 500',
      })
    } finally {
      answer = 204
    }
    const moved = await endpointFor(clinic, '/moved')
    received.length = 0
    const redirected = await moved.call('POST', `/v1/webhooks/endpoints/${moved.id}/test`, clinic.sk)
    expect(redirected.body).toMatchObject({ status: 'failed', responseStatus: 302 })
    expect(received.map((request) => request.body.length > 0)).toEqual([true])
    const log = await call('GET', `/v1/webhooks/endpoints/${id}/deliveries`, clinic.sk)
    expect(log.body.data.map((entry: { status: string }) => entry.status)).toEqual(['failed'])
    expect(JSON.stringify(log.body)).not.toContain('receiver says')
  })

  it('refuses loopback and private addresses unless the server allows them, and plain http', async () => {
    const clinic = await createTestClinic(harness)
    const plain = await harness.call('POST', '/v1/webhooks/endpoints', {
      token: clinic.sk,
      body: { url: `${receiverUrl}/hook`, events: ['booking.created'] },
    })
    expect(plain.body.error.issues).toEqual([{ path: 'url', message: expect.any(String) }])
    for (const url of [
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://[::1]/hook',
      'https://169.254.169.254/latest',
      'https://10.1.2.3/hook',
    ]) {
      const created = await harness.call('POST', '/v1/webhooks/endpoints', {
        token: clinic.sk,
        body: { url, events: ['booking.created'] },
      })
      expect(created.status).toBe(201)
      const tried = await harness.call('POST', `/v1/webhooks/endpoints/${created.body.endpoint.id}/test`, {
        token: clinic.sk,
      })
      expect({ url, status: tried.body.status, error: tried.body.error }).toEqual({
        url,
        status: 'failed',
        error: expect.stringMatching(/may not be sent to .*loopback, private or link-local/),
      })
    }
  })

  it('reaches the example receiver in examples/, which refuses what is not signed with its secret', async () => {
    const clinic = await createTestClinic(harness)
    const events: string[] = []
    const call = devApp()
    const created = await call('POST', '/v1/webhooks/endpoints', clinic.sk, {
      url: 'http://127.0.0.1:1/placeholder',
      events: ['booking.created'],
    })
    const receiving = await startReceiver({
      secrets: [created.body.secret],
      port: 0,
      onEvent: (event) => events.push(event.type),
    })
    // The receiver checks timestamps against its own clock: sign with the real time.
    harness.clock.now = Date.now()
    try {
      await call('PATCH', `/v1/webhooks/endpoints/${created.body.endpoint.id}`, clinic.sk, {
        url: receiving.url,
      })
      const sent = await call('POST', `/v1/webhooks/endpoints/${created.body.endpoint.id}/test`, clinic.sk)
      expect(sent.body).toMatchObject({ status: 'delivered', responseStatus: 204 })
      expect(events).toEqual(['ping'])
      const forged = await fetch(receiving.url, {
        method: 'POST',
        headers: { 'Frontdesk-Signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
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
