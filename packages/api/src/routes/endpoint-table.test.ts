import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../env.js'
import { route, serve } from './define.js'
import { assertTableServed, bodyKinds, publicPaths } from './endpoint-table.js'

describe('the start-up check against the endpoint table', () => {
  const table = [endpoints.getHealth, endpoints.listBookings]

  it('passes when every entry has its handler and nothing else answers', () => {
    const app = new OpenAPIHono<AppEnv>()
    serve(app, endpoints.getHealth, (c) => c.json({ status: 'ok' }))
    app.openapi(route(endpoints.listBookings), (c) => c.json({ data: [], nextCursor: null }, 200))
    expect(() => assertTableServed(app, table)).not.toThrow()
  })

  it('fails for an entry without a handler, naming it', () => {
    const app = new OpenAPIHono<AppEnv>()
    serve(app, endpoints.getHealth, (c) => c.json({ status: 'ok' }))
    expect(() => assertTableServed(app, table)).toThrow(/listBookings \(get \/v1\/bookings\) has no handler/)
  })

  it('fails for a handler whose operation is not in the table', () => {
    const app = new OpenAPIHono<AppEnv>()
    serve(app, endpoints.getHealth, (c) => c.json({ status: 'ok' }))
    app.openapi(route(endpoints.listBookings), (c) => c.json({ data: [], nextCursor: null }, 200))
    expect(() => assertTableServed(app, [endpoints.getHealth])).toThrow(
      /get \/v1\/bookings answers but is not in the endpoint table/,
    )
  })
})

describe('the public paths', () => {
  const isPublic = publicPaths()

  it("are the table's entries without a principal, with their parameters", () => {
    expect(isPublic('/healthz')).toBe(true)
    expect(isPublic('/v1/widgets/0123456789abcdef.js')).toBe(true)
    expect(isPublic('/v1/rights-requests/rr_1/export')).toBe(true)
    expect(isPublic('/v1/bookings/manage')).toBe(true)
  })

  it('leave out every keyed route, and do not stretch a parameter across segments', () => {
    expect(isPublic('/v1/bookings')).toBe(false)
    expect(isPublic('/v1/bookings/bkg_1')).toBe(false)
    expect(isPublic('/v1/rights-requests/rr_1/decision')).toBe(false)
    expect(isPublic('/v1/rights-requests/a/b/export')).toBe(false)
    expect(isPublic('/v1/widgetsXjs')).toBe(false)
  })
})

// Each request's body kind comes from its row of the endpoint table, before any route has matched.
describe('bodyKinds', () => {
  const kindOf = bodyKinds()

  it('reads documents from the table, uploads from a body of bytes, and small bodies otherwise', () => {
    expect(kindOf('POST', '/v1/consent/documents')).toBe('document')
    expect(kindOf('POST', '/v1/consent/records')).toBe('document')
    expect(kindOf('PUT', '/v1/intake/drafts/draft_1')).toBe('document')
    expect(kindOf('POST', '/v1/intake/drafts/draft_1/files')).toBe('upload')
    expect(kindOf('POST', '/v1/locations')).toBe('small')
    expect(kindOf('POST', '/v1/bookings/bkg_1/cancel')).toBe('small')
  })

  it('gives a small body to what the table does not answer: better-auth, a wrong path or method', () => {
    expect(kindOf('POST', '/api/auth/sign-in/email')).toBe('small')
    expect(kindOf('POST', '/v1/nothing-here')).toBe('small')
    expect(kindOf('DELETE', '/v1/consent/documents')).toBe('small')
  })
})
