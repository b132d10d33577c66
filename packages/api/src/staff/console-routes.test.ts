import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../env.js'
import { adminConsoleRoutes, isAdminConsolePath } from './console-routes.js'

const SCRIPT = new TextEncoder().encode(
  'customElements.define("frontdesk-console", class extends HTMLElement {})',
)

function app(script: Uint8Array | null) {
  return new Hono<AppEnv>().route('/', adminConsoleRoutes({ script: async () => script }))
}

describe('the staff console route', () => {
  // Its CSP and the other security headers are the app's: test/security/headers.test.ts.
  it('serves a page with nothing inline, never stored', async () => {
    const response = await app(SCRIPT).request('/admin')
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const page = await response.text()
    expect(page).toContain('<frontdesk-console></frontdesk-console>')
    expect(page).toContain('<script type="module" src="/admin/console.js"></script>')
    expect(page).not.toMatch(/<style|style=|<script>/)
  })

  it('serves the script compressed, and answers a repeat with 304', async () => {
    const routes = app(SCRIPT)
    const response = await routes.request('/admin/console.js', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/^text\/javascript/)
    expect(response.headers.get('Content-Encoding')).toBe('gzip')
    const etag = response.headers.get('ETag') ?? ''
    const again = await routes.request('/admin/console.js', {
      headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': etag },
    })
    expect(again.status).toBe(304)
    const plain = await routes.request('/admin/console.js')
    expect(new Uint8Array(await plain.arrayBuffer())).toEqual(SCRIPT)
  })

  it('says plainly when the console is not built', async () => {
    for (const path of ['/admin', '/admin/console.js']) {
      const response = await app(null).request(path)
      expect(response.status).toBe(503)
      expect(await response.text()).toMatch(/not built yet: run npm run build/)
    }
  })

  it('names its own paths, and no others, as public', () => {
    expect(['/admin', '/admin/', '/admin/console.js'].every(isAdminConsolePath)).toBe(true)
    expect(
      ['/admin/x', '/administrator', '/v1/admin', '/admin/console.js.map'].some(isAdminConsolePath),
    ).toBe(false)
  })
})
