// Bad input on every route that takes a body or a query: 400/422 naming the field, and nothing half-written.
import { beforeAll, describe, expect, it } from 'vitest'
import { useHarness } from '../harness.js'
import { createWorld, expectError, issuePaths, type World } from './fixtures.js'
import { type RouteRequest, routeTable } from './route-table.js'

const harness = useHarness()
const routes = routeTable(harness)
let world: World

beforeAll(async () => {
  world = await createWorld(harness)
})

const send = (method: string, request: RouteRequest, headers?: Record<string, string>) =>
  harness.call(method, request.path, {
    token: request.token,
    ...(request.body !== undefined && { body: request.body }),
    ...(headers && { headers }),
  })

describe('the route table', () => {
  it('has a bad-input case for every keyed route that takes a body, a query or a date in its path', async () => {
    const document = await harness.call('GET', '/openapi.json')
    // Routes signed by a provider, a download token or an unsubscribe token check it first and are tried in
    // their own files (message-replies.test.ts, rights-requests.test.ts, unsubscribe.test.ts); public pages
    // take no input. Routes a staff session alone may call have no key to try them with here: their bad input
    // is tried with a session in their own files (leave-clinic.test.ts, practitioner-account.test.ts).
    const signedOrPublic = new Set(['twilioSignature', 'downloadToken', 'unsubscribeToken', 'staffSession'])
    const keyed = (operation: { security: Record<string, unknown>[] }) =>
      operation.security.some((entry) => Object.keys(entry).some((scheme) => !signedOrPublic.has(scheme)))
    const needInput = Object.entries(document.body.paths as Record<string, Record<string, any>>).flatMap(
      ([path, operations]) =>
        Object.entries(operations)
          .filter(
            ([, operation]) =>
              keyed(operation) &&
              (operation.requestBody ||
                (operation.parameters ?? []).some(
                  (parameter: { in: string; name: string }) =>
                    parameter.in === 'query' || parameter.name === 'date',
                )),
          )
          .map(([method]) => `${method.toUpperCase()} ${path}`),
    )
    const covered = routes.filter((spec) => spec.bad?.length).map((spec) => `${spec.method} ${spec.path}`)
    // Revoking takes no input but its id; every other route with input must be covered.
    expect(needInput.filter((route) => !covered.includes(route))).toEqual([])
  })
})

for (const spec of routes) {
  for (const bad of spec.bad ?? []) {
    const as = bad.as ?? (spec.allowed.includes('secret') ? 'secret' : spec.allowed[0]!)
    it(`${spec.method} ${spec.path}: a bad ${bad.field} (as ${as}) → 422 naming it, nothing written`, async () => {
      const request = bad.change(await spec.valid(world, as), world)
      const before = await request.observe?.()
      const response = await send(spec.method, request)
      expectError(response, 422, 'VALIDATION_FAILED')
      expect(issuePaths(response)).toContainEqual(
        typeof bad.field === 'string' ? bad.field : expect.stringMatching(bad.field),
      )
      for (const issue of response.body.error.issues) expect(issue.message).toEqual(expect.any(String))
      expect(await request.observe?.()).toEqual(before)
    })
  }
}

describe('malformed requests', () => {
  it('a body that is not JSON → 400 BAD_REQUEST, and nothing written', async () => {
    const request = await routes
      .find((spec) => spec.path === '/v1/locations' && spec.method === 'POST')!
      .valid(world, 'secret')
    const before = await request.observe!()
    const response = await send('POST', { ...request, body: '{"name": "Branch",' })
    expectError(response, 400, 'BAD_REQUEST')
    expect(await request.observe!()).toEqual(before)
  })

  it('a JSON route sent another media type → 415 UNSUPPORTED_MEDIA_TYPE, and nothing written', async () => {
    const request = await routes
      .find((spec) => spec.path === '/v1/locations' && spec.method === 'POST')!
      .valid(world, 'secret')
    const before = await request.observe!()
    const response = await harness.call('POST', request.path, {
      token: request.token,
      body: new Blob([JSON.stringify(request.body)], { type: 'text/plain' }),
    })
    expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE')
    expect(await request.observe!()).toEqual(before)
  })

  it('a misspelt field is refused and the issue names it', async () => {
    const request = await routes
      .find((spec) => spec.path === '/v1/locations' && spec.method === 'POST')!
      .valid(world, 'secret')
    const before = await request.observe!()
    const response = await send('POST', { ...request, body: { name: 'Branch', adress: '3 Typo Lane' } })
    expectError(response, 422, 'VALIDATION_FAILED')
    expect(issuePaths(response)).toContain('adress')
    expect(await request.observe!()).toEqual(before)
  })

  it('a bad Idempotency-Key → 400 and no hold is made', async () => {
    const request = await routes
      .find((spec) => spec.path === '/v1/holds' && spec.method === 'POST')!
      .valid(world, 'publishable')
    const before = await request.observe!()
    const response = await send('POST', request, { 'Idempotency-Key': 'x'.repeat(300) })
    expectError(response, 400, 'BAD_REQUEST')
    expect(await request.observe!()).toEqual(before)
  })

  it('an id of the wrong shape in a path → 422 naming it', async () => {
    const response = await harness.call('GET', '/v1/bookings/DROP TABLE', { token: world.a.sk })
    expectError(response, 422, 'VALIDATION_FAILED')
    expect(issuePaths(response)).toEqual(['id'])
  })
})
