// Compression over real HTTP: the answers the endpoint table allows go out gzip or brotli when the client
// takes them and decode to the same JSON; nothing is compressed unasked, and an answer carrying a secret
// (a booking's manage token) never is, whatever the client takes (BREACH).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { type ServerType, serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestClinic, ORIGIN, patient, type TestClinic, useHarness } from './harness.js'

const harness = useHarness()
let clinic: TestClinic
let server: ServerType

beforeAll(async () => {
  clinic = await createTestClinic(harness)
  server = serve({ fetch: (request, env) => harness.app.fetch(request, env), port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
})

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
})

interface RawAnswer {
  status: number
  headers: IncomingHttpHeaders
  bytes: Buffer
}

/** A request whose answer is kept as the bytes on the wire: node:http decodes nothing. */
function send(
  method: string,
  path: string,
  options: { token?: string; acceptEncoding?: string; body?: unknown } = {},
): Promise<RawAnswer> {
  const { port } = server.address() as AddressInfo
  const body = options.body === undefined ? undefined : JSON.stringify(options.body)
  const headers: Record<string, string> = { Origin: ORIGIN }
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  if (options.acceptEncoding) headers['Accept-Encoding'] = options.acceptEncoding
  if (body) headers['Content-Type'] = 'application/json'
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (incoming) => {
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('end', () =>
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          bytes: Buffer.concat(chunks),
        }),
      )
      incoming.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

const json = (bytes: Buffer) => JSON.parse(bytes.toString('utf8'))
const month = () => `serviceId=${clinic.serviceId}&from=2027-03-03&to=2027-04-01`

describe('compressed answers', () => {
  it('sends availability gzip to a client that takes gzip, decoding to the same JSON', async () => {
    const plain = await send('GET', `/v1/availability?${month()}`, { token: clinic.pk })
    const gzipped = await send('GET', `/v1/availability?${month()}`, {
      token: clinic.pk,
      acceptEncoding: 'gzip',
    })
    expect(gzipped.status).toBe(200)
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/)
    // The clinic's CORS answer still varies by Origin too.
    expect(gzipped.headers.vary).toMatch(/Origin/)
    expect(gzipped.bytes.byteLength * 5).toBeLessThan(plain.bytes.byteLength)
    expect(json(gunzipSync(gzipped.bytes))).toEqual(json(plain.bytes))
  })

  it('prefers brotli when a browser offers both, for the compact times and the spec alike', async () => {
    const offered = 'gzip, deflate, br, zstd'
    const plain = await send('GET', `/v1/availability/times?${month()}`, { token: clinic.pk })
    const brotli = await send('GET', `/v1/availability/times?${month()}`, {
      token: clinic.pk,
      acceptEncoding: offered,
    })
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(json(brotliDecompressSync(brotli.bytes))).toEqual(json(plain.bytes))
    const spec = await send('GET', '/openapi.json', { acceptEncoding: 'gzip' })
    expect(spec.headers['content-encoding']).toBe('gzip')
    expect(json(gunzipSync(spec.bytes)).openapi).toBe('3.1.0')
  })

  it('sends the plain bytes to a client that does not ask, and a small answer as it is', async () => {
    const plain = await send('GET', `/v1/availability?${month()}`, { token: clinic.pk })
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toMatch(/Accept-Encoding/)
    expect(json(plain.bytes).days).toHaveLength(30)
    // One location is a few hundred bytes: compressing it would save less than it costs.
    const small = await send('GET', '/v1/locations', { token: clinic.pk, acceptEncoding: 'gzip' })
    expect(small.status).toBe(200)
    expect(small.headers['content-encoding']).toBeUndefined()
    expect(json(small.bytes).data).toHaveLength(1)
  })

  it('never compresses an answer that carries a secret, nor an error, whatever the client takes', async () => {
    const booked = await send('POST', '/v1/bookings', {
      token: clinic.pk,
      acceptEncoding: 'gzip, br',
      body: { serviceId: clinic.serviceId, startsAt: '2027-03-03T10:00:00Z', patient },
    })
    expect(booked.status).toBe(201)
    expect(booked.headers['content-encoding']).toBeUndefined()
    expect(json(booked.bytes).manageToken).toMatch(/^mt_/)
    const refused = await send(
      'GET',
      `/v1/availability?serviceId=${clinic.serviceId}&from=2027-03-05&to=2027-03-01`,
      {
        token: clinic.pk,
        acceptEncoding: 'gzip',
      },
    )
    expect(refused.status).toBe(422)
    expect(refused.headers['content-encoding']).toBeUndefined()
  })
})
