// The patient's own pages (consent receipt, booking manage page) are served without a key, under a CSP
// that lets only this API's own script and styles load, and never ask to be framed or cached for long.
import { endpoints, type OperationId } from '@frontdesk/contracts'
import { describe, expect, it } from 'vitest'
import { useHarness } from './harness.js'

const harness = useHarness()

describe.each([
  ['/v1/consent/receipt', 'receipt.js'],
  ['/v1/bookings/manage', 'manage.js'],
  ['/v1/rights/download', 'download.js'],
])('%s', (page, script) => {
  it('is a page that loads its own script under a strict CSP', async () => {
    const response = await harness.app.request(page)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    const policy = response.headers.get('Content-Security-Policy') ?? ''
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer')
    expect(await response.text()).toContain(`src="${script}"`)
    const code = await harness.app.request(page.replace(/[^/]+$/, script))
    expect(code.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
    // The token is read from the fragment (here or through the shared helper) and sent as a bearer
    // token, never in a URL.
    expect(await code.text()).toMatch(/location\.hash|openedFromLink\(/)
  })
})

it('serves the look and helpers both pages share, under the same policy', async () => {
  for (const [path, type] of [
    ['/v1/patient-page.css', 'text/css; charset=utf-8'],
    ['/v1/patient-page.js', 'text/javascript; charset=utf-8'],
  ]) {
    const response = await harness.app.request(path!)
    expect({ path, status: response.status, type: response.headers.get('Content-Type') }).toEqual({
      path,
      status: 200,
      type,
    })
    expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
  }
})

it('does not take /v1/bookings/manage for a booking id: the page wins, the API is untouched', async () => {
  const response = await harness.app.request('/v1/bookings/manage', {
    headers: { Authorization: 'Bearer sk_x' },
  })
  expect(response.status).toBe(200)
})

it('tells the pages the method and path of each operation their scripts name, as the table has them', async () => {
  const response = await harness.app.request('/v1/patient-page-operations.js')
  expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
  expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
  const module = await response.text()
  const operations = JSON.parse(module.slice(module.indexOf('{'), module.lastIndexOf('}') + 1))
  const scripts = await Promise.all(
    [
      'patient-page.js',
      'bookings/manage.js',
      'consent/receipt.js',
      'rights/download.js',
      'unsubscribe.js',
    ].map(async (path) => (await harness.app.request(`/v1/${path}`)).text()),
  )
  const code = scripts.join('\n')
  const named = new Set([...code.matchAll(/\b(?:api|operation)\('(\w+)'/g)].map((match) => match[1]!))
  expect([...named].sort()).toEqual(Object.keys(operations).sort())
  for (const id of named) {
    const entry = endpoints[id as OperationId]
    expect(operations[id]).toEqual({ method: entry.method.toUpperCase(), path: entry.path })
  }
  // No script writes a path of its own: every request goes through the module.
  expect(code).not.toMatch(/v1\/[\w-]+\//)
})
