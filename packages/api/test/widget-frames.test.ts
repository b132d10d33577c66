// Isolated mode's frame page: shown only for a live publishable key on one of its clinic's own origins,
// under a policy that lets those origins, and no other, hold it in a frame; refusals render no widget.
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { createTestClinic, type Harness, ORIGIN, type TestClinic, useHarness } from './harness.js'
import { expectError } from './security/fixtures.js'

const harness: Harness = useHarness()
const OTHER_ORIGIN = 'https://other-clinic.example'
let a: TestClinic
let b: TestClinic

beforeAll(async () => {
  a = await createTestClinic(harness)
  b = await createTestClinic(harness)
  const changed = await harness.call('PATCH', '/v1/clinic', {
    token: b.sk,
    body: { allowedOrigins: [OTHER_ORIGIN, 'https://second.other-clinic.example'] },
  })
  expect(changed.status).toBe(200)
})

const frame = (element: string, query: Record<string, string>) =>
  harness.call('GET', `/v1/frames/${element}?${new URLSearchParams(query)}`)

/** Each directive of a CSP header, by name. */
const directives = (policy: string | null) =>
  new Map(
    (policy ?? '').split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/)
      return [name, sources] as const
    }),
  )

describe('GET /v1/frames/{element}', () => {
  it("shows the element for the clinic's own origin, framable by the clinic's origins alone", async () => {
    const response = await frame('booking', {
      key: a.pk,
      origin: ORIGIN,
      service: a.serviceId,
      locale: 'de',
      theme: 'dark',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    const policy = directives(response.headers.get('Content-Security-Policy'))
    expect(policy.get('frame-ancestors')).toEqual([ORIGIN])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('style-src')).toEqual(["'self'"])
    expect(policy.get('default-src')).toEqual(["'none'"])
    expect(response.headers.get('Content-Security-Policy')).not.toMatch(/unsafe-|\*/)
    expect(response.headers.get('X-Frame-Options')).toBeNull()
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const page: string = response.body
    expect(page).toContain('<html lang="de" data-host-origin="https://clinic.example">')
    expect(page).toMatch(
      new RegExp(
        `<frontdesk-booking data-frontdesk-frame publishable-key="${a.pk}" api-base="http://[^"]+" locale="de" theme="dark" service="${a.serviceId}">`,
      ),
    )
    // Its own script first, then the widgets; nothing inline.
    expect([...page.matchAll(/<script[^>]*>/g)].map(([tag]) => tag)).toEqual([
      '<script type="module" src="/v1/frames/frame.js">',
      '<script type="module" src="/v1/widgets.js">',
    ])
    expect(page).not.toMatch(/<style|\sstyle=|\son\w+=/i)
  })

  it("names every allowed origin of the key's clinic, and another of them may claim the page too", async () => {
    const response = await frame('intake', { key: b.pk, origin: 'https://second.other-clinic.example' })
    expect(response.status).toBe(200)
    expect(directives(response.headers.get('Content-Security-Policy')).get('frame-ancestors')).toEqual([
      OTHER_ORIGIN,
      'https://second.other-clinic.example',
    ])
    expect(response.body).toContain('<frontdesk-intake data-frontdesk-frame')
  })

  it("refuses another clinic's origin with no widget, under the page policy no frame may hold", async () => {
    const response = await frame('booking', { key: a.pk, origin: OTHER_ORIGIN })
    expectError(response, 403, 'ORIGIN_NOT_ALLOWED')
    expect(JSON.stringify(response.body)).not.toContain('frontdesk-booking')
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('X-Frame-Options')).toBe('DENY')
  })

  it('refuses an unknown, revoked or secret key as no key, whatever origin it claims', async () => {
    const revoked = await harness.call('POST', '/v1/keys', { token: a.sk, body: { kind: 'publishable' } })
    expect(revoked.status).toBe(201)
    const revoke = await harness.call('POST', `/v1/keys/${revoked.body.key.id}/revoke`, { token: a.sk })
    expect(revoke.status).toBe(200)
    for (const key of [`pk_test_${'A'.repeat(43)}`, revoked.body.token]) {
      const response = await frame('booking', { key, origin: ORIGIN })
      expectError(response, 401, 'UNAUTHENTICATED')
      expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
    }
    // A secret key has the wrong shape for the query: it never names a frame's clinic.
    expectError(await frame('booking', { key: a.sk, origin: ORIGIN }), 422, 'VALIDATION_FAILED')
  })

  it.each([
    ['a path after the origin', { origin: `${ORIGIN}/booking` }, 'origin'],
    ['a script in the origin', { origin: 'https://x.example"><script>' }, 'origin'],
    ['no origin', { origin: undefined }, 'origin'],
    ['a directive smuggled into the origin', { origin: `${ORIGIN}; frame-ancestors *` }, 'origin'],
    ['an element that does not exist', { element: 'patients' }, 'element'],
    ['a service id of the wrong shape', { service: 'x" onload="alert(1)' }, 'service'],
  ])('refuses %s as bad input (422)', async (_, change, field) => {
    const { element = 'booking', ...query } = { key: a.pk, origin: ORIGIN, ...change } as Record<
      string,
      string
    >
    const response = await frame(
      element,
      Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)),
    )
    expectError(response, 422, 'VALIDATION_FAILED')
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path)).toContain(field)
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
  })
})

describe('the isolated-mode scripts', () => {
  it('serves the loader to any page and the frame script beside the page, as JavaScript', async () => {
    const app = createApp(harness.deps, {
      isolatedScripts: {
        loader: async () => new TextEncoder().encode('/* loader */'),
        frame: async () => new TextEncoder().encode('/* frame */'),
      },
    })
    const loader = await app.request('/v1/widgets/isolated.js')
    expect(loader.status).toBe(200)
    expect(loader.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
    expect(loader.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
    expect(await loader.text()).toBe('/* loader */')
    const script = await app.request('/v1/frames/frame.js')
    expect(script.status).toBe(200)
    expect(await script.text()).toBe('/* frame */')
  })
})
