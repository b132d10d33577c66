// Request bodies are limited by the kind of body their route takes, over a real socket: an oversized body
// is a 413 in the one error shape before the server has read it, and JSON nested too deep is a 400, on
// /v1 and on better-auth's /api/auth alike. A refused request writes nothing.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BODY_LIMITS, MAX_JSON_DEPTH } from '@frontdesk/contracts'
import { type ServerType, serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestClinic, ORIGIN, STAFF_ORIGIN, type TestClinic, useHarness } from './harness.js'
import { consentTestDocument, expectError } from './security/fixtures.js'
import { STAFF_PASSWORD, staffMember } from './staff-session.js'

const harness = useHarness()
let clinic: TestClinic
let server: ServerType
/** Bytes the app has pulled from the current request's body. */
let bodyRead = 0

/** The app behind a counter of the body bytes it reads; the counter pulls only as the app does. */
function countingFetch(request: Request, env: unknown) {
  bodyRead = 0
  if (!request.body) return harness.app.fetch(request, env)
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bodyRead += chunk.byteLength
        controller.enqueue(chunk)
      },
    }),
  )
  return harness.app.fetch(new Request(request, { body: counted, duplex: 'half' } as RequestInit), env)
}

beforeAll(async () => {
  clinic = await createTestClinic(harness)
  server = serve({ fetch: countingFetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
})

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
})

const MB = 1024 * 1024
const CHUNK = 16 * 1024

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: any
  /** How much of the body the client had handed to the socket when the answer came. */
  sent: number
}

/** `{"name":"aaaa…"}` of `size` bytes, made a chunk at a time as the socket asks for more. */
function* jsonChunks(size: number): Generator<Buffer> {
  const head = Buffer.from('{"name":"')
  const tail = Buffer.from('"}')
  yield head
  let left = size - head.length - tail.length
  while (left > 0) {
    const length = Math.min(CHUNK, left)
    yield Buffer.alloc(length, 'a')
    left -= length
  }
  yield tail
}

/**
 * POSTs a body pulled from `chunks` with backpressure, chunked unless `contentLength` is given, and stops
 * sending once the answer arrives, as a browser does.
 */
function post(
  path: string,
  chunks: Iterator<Buffer>,
  headers: Record<string, string | number>,
): Promise<Answer> {
  const { port } = server.address() as AddressInfo
  return new Promise((resolve, reject) => {
    let sent = 0
    let answered = false
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
      },
      (response) => {
        answered = true
        const atAnswer = sent
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (part: string) => {
          text += part
        })
        response.on('end', () => {
          request.destroy()
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: JSON.parse(text),
            sent: atAnswer,
          })
        })
      },
    )
    // Once it has answered, the server may close while we are still writing: that is the point.
    request.on('error', (error) => {
      if (!answered) reject(error)
    })
    const pump = () => {
      while (!answered) {
        const next = chunks.next()
        if (next.done) return void request.end()
        sent += next.value.length
        if (!request.write(next.value)) return void request.once('drain', pump)
      }
    }
    pump()
  })
}

/** The one error shape, read off a raw HTTP answer. */
function expectShape(answer: Answer, status: number, code: string) {
  expectError(
    {
      status: answer.status,
      body: answer.body,
      headers: new Headers(answer.headers as Record<string, string>),
    },
    status,
    code,
  )
}

const locationCount = async () => {
  const listed = await harness.call('GET', '/v1/locations', { token: clinic.sk })
  return listed.body.length as number
}

describe('a body larger than its route takes', () => {
  it('is refused 413 while it streams in, long before 20 MB are sent, and writes nothing', async () => {
    const before = await locationCount()
    const answer = await post('/v1/locations', jsonChunks(20 * MB), {
      Authorization: `Bearer ${clinic.sk}`,
    })
    expectShape(answer, 413, 'PAYLOAD_TOO_LARGE')
    expect(answer.body.error.message).toContain('64 KB')
    // The app stopped a chunk or two past the limit; the client had sent only what the sockets buffer.
    expect(bodyRead).toBeLessThan(BODY_LIMITS.small + 256 * 1024)
    expect(answer.sent).toBeLessThan(20 * MB)
    expect(await locationCount()).toBe(before)
  })

  it('is refused 413 on its Content-Length alone, before any of it is read', async () => {
    const before = await locationCount()
    const answer = await post('/v1/locations', jsonChunks(20 * MB), {
      Authorization: `Bearer ${clinic.sk}`,
      'Content-Length': 20 * MB,
    })
    expectShape(answer, 413, 'PAYLOAD_TOO_LARGE')
    expect(bodyRead).toBeLessThan(256 * 1024)
    expect(answer.sent).toBeLessThan(20 * MB)
    // The connection is about to close: a client told so sends its next request on a new one.
    expect(answer.headers.connection).toBe('close')
    expect(await locationCount()).toBe(before)
  })

  it('holds for better-auth too, before anyone is signed in', async () => {
    const answer = await post('/api/auth/sign-in/email', jsonChunks(20 * MB), { Origin: STAFF_ORIGIN })
    expectShape(answer, 413, 'PAYLOAD_TOO_LARGE')
    expect(bodyRead).toBeLessThan(BODY_LIMITS.small + 256 * 1024)
  })
})

describe("a widget's body too large", () => {
  it("is answered with the clinic's CORS headers, so the widget can word the 413", async () => {
    const response = await harness.call('POST', '/v1/holds', {
      token: clinic.pk,
      body: { serviceId: clinic.serviceId, startsAt: 'x'.repeat(BODY_LIMITS.small) },
    })
    expectError(response, 413, 'PAYLOAD_TOO_LARGE')
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
  })
})

describe('a document route', () => {
  it('takes a consent document larger than a small body may be', async () => {
    const body = 'I agree to be examined and treated. '.repeat(1_300) // ~47 KB a language
    const document = {
      ...consentTestDocument(),
      texts: ['en', 'de', 'fr'].map((language) => ({ language, title: 'Consent to treatment', body })),
    }
    const size = Buffer.byteLength(JSON.stringify(document))
    expect(size).toBeGreaterThan(BODY_LIMITS.small)
    const created = await harness.call('POST', '/v1/consent/documents', { token: clinic.sk, body: document })
    expect(created.status).toBe(201)
    // The same bytes on a route that takes a small body are too many.
    const refused = await harness.call('POST', '/v1/locations', {
      token: clinic.sk,
      body: { name: 'Main street', address: body.repeat(2) },
    })
    expectError(refused, 413, 'PAYLOAD_TOO_LARGE')
  })
})

const nested = (depth: number) => `{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`

describe('JSON nested too deep', () => {
  it('is a 400 in the one shape on /v1, and writes nothing', async () => {
    const before = await locationCount()
    const response = await harness.call('POST', '/v1/locations', { token: clinic.sk, body: nested(10_000) })
    expectError(response, 400, 'BAD_REQUEST')
    expect(response.body.error.message).toContain(String(MAX_JSON_DEPTH))
    expect(await locationCount()).toBe(before)
  })

  it('is a 400 over HTTP too, sent with its Content-Length or in chunks, and writes nothing', async () => {
    const before = await locationCount()
    const body = Buffer.from(nested(10_000))
    const framings: Record<string, number>[] = [{ 'Content-Length': body.length }, {}]
    for (const framing of framings) {
      const answer = await post('/v1/locations', [body].values(), {
        Authorization: `Bearer ${clinic.sk}`,
        ...framing,
      })
      expectShape(answer, 400, 'BAD_REQUEST')
    }
    expect(await locationCount()).toBe(before)
  })

  it('is a 400 in the one shape on /api/auth, whatever the body claims to be', async () => {
    const owner = await staffMember(harness, clinic.clinicId, 'owner')
    for (const [path, contentType] of [
      ['/api/auth/sign-in/email', 'application/json'],
      ['/api/auth/sign-in/email', 'text/plain'],
      ['/api/auth/organization/invite-member', 'application/json'],
    ] as const) {
      // Sent as a Blob so the harness keeps the claimed type.
      const response = await harness.call('POST', path, {
        body: new Blob([nested(10_000)], { type: contentType }),
        origin: STAFF_ORIGIN,
        cookie: owner.cookie,
      })
      expectError(response, 400, 'BAD_REQUEST')
    }
    // Brackets inside strings are text, not nesting: a password may hold them.
    const bracketed = await harness.call('POST', '/api/auth/sign-in/email', {
      body: { email: owner.email, password: `${'['.repeat(MAX_JSON_DEPTH + 6)}${STAFF_PASSWORD}` },
      origin: STAFF_ORIGIN,
    })
    expectError(bracketed, 401, 'UNAUTHENTICATED')
  })

  it('is taken at the depth real bodies have', async () => {
    const response = await harness.call('POST', '/v1/locations', {
      token: clinic.sk,
      body: `{"name":"Deep","address":null,"x":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`,
    })
    // Past the depth check, the route's own validation names the unknown field.
    expectError(response, 422, 'VALIDATION_FAILED')
  })
})
