// Security headers on every answer: each route of the endpoint table and of the route table, successes
// and errors (401, 404, 422, better-auth's own), every HTML page under the one strict CSP, and
// Strict-Transport-Security exactly when the public URL is https.
import { type Endpoint, endpointList, fillPath } from '@frontdesk/contracts'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { useHarness } from '../harness.js'
import { createWorld, type World } from './fixtures.js'
import { routeTable } from './route-table.js'

const harness = useHarness()
const routes = routeTable(harness)
let world: World
/** Clinic A's hosted page, so /c/{slug} has a page to answer with. */
const hostedSlug = `headers-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`

beforeAll(async () => {
  world = await createWorld(harness)
  const opened = await harness.call('PATCH', '/v1/clinic', { token: world.a.sk, body: { slug: hostedSlug } })
  expect(opened.status).toBe(200)
})

const isPage = (entry: Endpoint) =>
  Object.values(entry.responses).some((response) => response.content && 'text/html' in response.content)

/** A path of the entry with made-up parameters: enough to reach its route, valid or not. */
const pathOf = (entry: Endpoint) =>
  fillPath(entry.path, new Proxy({}, { get: (_, name) => (name === 'file' ? 'x.js' : 'x') }))

/** What every answer carries, whatever its route, status or type. */
function expectEveryAnswerHeaders(headers: Headers, where: string, options: { https?: boolean } = {}) {
  expect({
    where,
    nosniff: headers.get('X-Content-Type-Options'),
    referrer: headers.get('Referrer-Policy'),
    frames: headers.get('X-Frame-Options'),
    hsts: headers.get('Strict-Transport-Security'),
  }).toEqual({
    where,
    nosniff: 'nosniff',
    referrer: 'no-referrer',
    frames: 'DENY',
    hsts: options.https ? expect.stringMatching(/^max-age=\d{7,}/) : null,
  })
  const policy = headers.get('Content-Security-Policy') ?? ''
  expect(policy, where).toContain("default-src 'none'")
  expect(policy, where).toContain("frame-ancestors 'none'")
  expect(policy, where).not.toMatch(/'unsafe-|\*/)
}

/** Each directive of a CSP header, by name. */
const directives = (policy: string) =>
  new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/)
      return [name, sources] as const
    }),
  )

describe('every route of the route table', () => {
  for (const spec of routes) {
    it(`${spec.method} ${spec.path}: its answer and its errors carry the security headers`, async () => {
      const request = await spec.valid(world, spec.allowed[0]!)
      const body = request.body !== undefined ? { body: request.body } : {}
      const valid = await harness.call(spec.method, request.path, { token: request.token, ...body })
      expect(valid.status).toBe(spec.status)
      expectEveryAnswerHeaders(valid.headers, `${spec.method} ${spec.path} ${valid.status}`)
      // A JSON answer a clinic's page reads through CORS; no site may embed it as a resource.
      if (valid.headers.get('Content-Type')?.startsWith('application/json'))
        expect(valid.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin')

      const anonymous = await harness.call(spec.method, request.path, body)
      expect(anonymous.status).toBe(401)
      expectEveryAnswerHeaders(anonymous.headers, `${spec.method} ${spec.path} without a token`)

      for (const bad of spec.bad?.slice(0, 1) ?? []) {
        const changed = bad.change(request, world)
        const refused = await harness.call(spec.method, changed.path, {
          token: changed.token,
          ...(changed.body !== undefined && { body: changed.body }),
        })
        expect(refused.status).toBeGreaterThanOrEqual(400)
        expectEveryAnswerHeaders(refused.headers, `${spec.method} ${spec.path} ${refused.status}`)
      }
    })
  }
})

describe('every entry of the endpoint table, asked without a key', () => {
  for (const entry of endpointList) {
    it(`${entry.method.toUpperCase()} ${entry.path}`, async () => {
      const response = await harness.call(entry.method.toUpperCase(), pathOf(entry))
      expectEveryAnswerHeaders(response.headers, `${entry.operationId} ${response.status}`)
    })
  }
})

describe('answers outside the table', () => {
  it.each([
    ['GET', '/v1/no-such-route'],
    ['GET', '/'],
    ['GET', '/admin/'],
    ['POST', '/api/auth/sign-in/email'],
    ['GET', '/api/auth/get-session'],
  ])('%s %s', async (method, path) => {
    const response = await harness.call(method, path, {
      ...(method === 'POST' && { body: { email: 'nobody@clinic.example', password: 'wrong password' } }),
      origin: 'http://localhost',
    })
    expectEveryAnswerHeaders(response.headers, `${method} ${path} ${response.status}`)
  })
})

describe('every HTML page', () => {
  const pages = endpointList.filter(isPage)

  it("is in the table: the reference, the staff console, the patient pages and isolated mode's frame", () => {
    expect(pages.map((entry) => entry.path).sort()).toEqual(
      [
        '/admin',
        '/c/{slug}',
        '/docs',
        '/v1/bookings/manage',
        '/v1/consent/receipt',
        '/v1/rights/download',
        '/v1/unsubscribe',
        '/v1/frames/{element}',
      ].sort(),
    )
  })

  // The frame is the one page a frame may hold, its clinic's origins alone: widget-frames.test.ts.
  for (const entry of pages.filter((page) => page.operationId !== 'getWidgetFrame')) {
    it(`${entry.path} runs only this origin's scripts, no inline one, and no frame may hold it`, async () => {
      const response = await harness.app.request(fillPath(entry.path, { slug: hostedSlug }))
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Type')).toMatch(/^text\/html/)
      expectEveryAnswerHeaders(response.headers, entry.path)
      const policy = directives(response.headers.get('Content-Security-Policy') ?? '')
      expect(policy.get('script-src')).toEqual(["'self'"])
      expect(policy.get('base-uri')).toEqual(["'none'"])
      expect(policy.get('form-action')).toEqual(["'none'"])
      expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin')
      const page = await response.text()
      expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|\son\w+=|\sstyle=/i)
      // An inline stylesheet only with the nonce this answer's policy names.
      for (const [, nonce] of page.matchAll(/<style(?:\s+nonce="([^"]*)")?[^>]*>/g)) {
        expect(nonce, `${entry.path}: an inline <style> without a nonce`).toBeTruthy()
        expect(policy.get('style-src')).toContain(`'nonce-${nonce}'`)
      }
    })
  }

  it('gives the reference page a new nonce on every answer', async () => {
    const nonces = await Promise.all(
      [1, 2].map(async () => {
        const page = await (await harness.app.request('/docs')).text()
        return /<style nonce="([^"]+)">/.exec(page)?.[1]
      }),
    )
    expect(nonces[0]).toMatch(/^[A-Za-z0-9+/=]{16,}$/)
    expect(nonces[1]).not.toBe(nonces[0])
  })
})

describe('the widgets script', () => {
  const bundle = new TextEncoder().encode(
    'customElements.define("frontdesk-booking", class extends HTMLElement {})',
  )

  it('any site may load it, also with a plain <script src> (no CORS)', async () => {
    const app = createApp(harness.deps, { widgetBundle: async () => bundle })
    const response = await app.request('/v1/widgets.js', { headers: { Origin: 'https://clinic.example' } })
    expect(response.status).toBe(200)
    expectEveryAnswerHeaders(response.headers, '/v1/widgets.js')
    expect(response.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })
})

describe('with an https public URL', () => {
  it('pins browsers to https on every answer: JSON, errors and pages', async () => {
    const app = createApp({
      ...harness.deps,
      messaging: { ...harness.deps.messaging!, publicUrl: 'https://api.clinic.example' },
    })
    const secretKey = { headers: { Authorization: `Bearer ${world.a.sk}` } }
    const answers = {
      json: await app.request('/v1/services', secretKey),
      unauthenticated: await app.request('/v1/services'),
      missing: await app.request('/v1/no-such-route', secretKey),
      page: await app.request('/docs'),
      readiness: await app.request('/readyz'),
    }
    expect(Object.values(answers).map((response) => response.status)).toEqual([200, 401, 404, 200, 200])
    for (const [what, response] of Object.entries(answers))
      expectEveryAnswerHeaders(response.headers, what, { https: true })
  })
})
