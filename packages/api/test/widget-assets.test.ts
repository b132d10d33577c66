// The widget scripts' public URLs: caching headers, integrity, compression, one script per element, the
// manifest, and the not-built answer. Versions kept across upgrades are widget-versions.test.ts'.
import { createHash } from 'node:crypto'
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { WIDGET_SCRIPT_NAMES, type WidgetScriptName } from '@frontdesk/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { useHarness } from './harness.js'
import { expectError } from './security/fixtures.js'

const harness = useHarness()

const fixture = new TextEncoder().encode(
  'customElements.define("frontdesk-booking",class extends HTMLElement{});\n'.repeat(40),
)
const fixtureHash = createHash('sha256').update(fixture).digest('hex').slice(0, 16)

/** Each element's own script: different bytes, so different hashes. */
const elementScript = (name: WidgetScriptName) =>
  name === 'widgets'
    ? fixture
    : new TextEncoder().encode(`customElements.define("frontdesk-${name}",class extends HTMLElement{});\n`)
/** Isolated mode's loader: listed beside the element scripts, kept by its hash like them. */
const loaderScript = new TextEncoder().encode('/* isolated-mode loader */ export {};\n')
const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16)

let app: ReturnType<typeof createApp>
let loads = 0

beforeAll(() => {
  app = createApp(harness.deps, {
    widgetScripts: async (name) => {
      loads++
      return elementScript(name)
    },
    isolatedScripts: { loader: async () => loaderScript, frame: async () => null },
  })
})

// The files of a PostgreSQL run share one database: leave widget_bundles as found.
afterAll(async () => {
  const hashes = [...WIDGET_SCRIPT_NAMES.map((name) => hashOf(elementScript(name))), hashOf(loaderScript)]
  await harness.deps.system.deleteFrom('widget_bundles').where('hash', 'in', hashes).execute()
})

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers })
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer())

/** Parses an error answer the way the harness does, for the shared error-shape check. */
const asCall = async (response: Response) => ({
  status: response.status,
  body: await response.json(),
  headers: response.headers,
})

describe('GET /v1/widgets.js', () => {
  it('serves the bundle to any page, briefly cached, as JavaScript that is never sniffed', async () => {
    const response = await get('/v1/widgets.js')
    expect(response.status).toBe(200)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300, stale-while-revalidate=86400',
      etag: `"${fixtureHash}"`,
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
      vary: 'Accept-Encoding',
    })
    expect(response.headers.get('Content-Encoding')).toBeNull()
    expect(await bytesOf(response)).toEqual(fixture)
  })

  it('answers 304 without a body when the browser already has this version', async () => {
    const response = await get('/v1/widgets.js', { 'If-None-Match': `"0000000000000000", "${fixtureHash}"` })
    expect(response.status).toBe(304)
    expect(response.headers.get('ETag')).toBe(`"${fixtureHash}"`)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=86400')
    expect((await bytesOf(response)).byteLength).toBe(0)

    const stale = await get('/v1/widgets.js', { 'If-None-Match': '"0000000000000000"' })
    expect(stale.status).toBe(200)
    expect(await bytesOf(stale)).toEqual(fixture)
  })

  it('sends gzip or brotli when the browser accepts them, and they unpack to the same bytes', async () => {
    const gzipped = await get('/v1/widgets.js', { 'Accept-Encoding': 'gzip' })
    expect(gzipped.headers.get('Content-Encoding')).toBe('gzip')
    const gzipBody = await bytesOf(gzipped)
    expect(gzipBody.byteLength).toBeLessThan(fixture.byteLength)
    expect(new Uint8Array(gunzipSync(gzipBody))).toEqual(fixture)

    const brotli = await get('/v1/widgets.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' })
    expect(brotli.headers.get('Content-Encoding')).toBe('br')
    expect(new Uint8Array(brotliDecompressSync(await bytesOf(brotli)))).toEqual(fixture)

    const noBrotli = await get('/v1/widgets.js', { 'Accept-Encoding': 'br;q=0, gzip;q=0.8' })
    expect(noBrotli.headers.get('Content-Encoding')).toBe('gzip')

    const identity = await get('/v1/widgets.js', { 'Accept-Encoding': 'identity, *;q=0' })
    expect(identity.headers.get('Content-Encoding')).toBeNull()
    expect(await bytesOf(identity)).toEqual(fixture)

    // Different bytes, different strong tags; each revalidates as itself.
    const tags = [gzipped, brotli, identity].map((response) => response.headers.get('ETag'))
    expect(new Set(tags).size).toBe(3)
    const revalidated = await get('/v1/widgets.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': tags[0]! })
    expect(revalidated.status).toBe(304)
  })

  it('is public: no key is needed, and a bad one from a foreign page does not stand in the way', async () => {
    for (const authorization of [
      'Bearer sk_test_notARealKeyAtAllxxxxxxxxxx',
      'Bearer nonsense',
      'Basic eDp5',
    ]) {
      const response = await get('/v1/widgets.js', {
        Authorization: authorization,
        Origin: 'https://some-other-site.example',
      })
      expect(response.status).toBe(200)
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
      expect(await bytesOf(response)).toEqual(fixture)
    }
    const manifest = await get('/v1/widgets.json', { Authorization: 'Bearer pk_test_bad' })
    expect(manifest.status).toBe(200)
  })

  it('reads and prepares each script once per app, however many requests come', async () => {
    await get('/v1/widgets.json')
    await get('/v1/widgets/booking.js')
    expect(loads).toBe(WIDGET_SCRIPT_NAMES.length)
  })
})

describe('GET /v1/widgets/{name}.js', () => {
  it.each(['booking', 'intake', 'consent', 'rights-request'] as const)(
    'serves %s.js alone, briefly cached, with its own tag, compressed on request',
    async (name) => {
      const bytes = elementScript(name)
      const response = await get(`/v1/widgets/${name}.js`)
      expect(response.status).toBe(200)
      expect(Object.fromEntries(response.headers)).toMatchObject({
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=300, stale-while-revalidate=86400',
        etag: `"${hashOf(bytes)}"`,
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
      })
      expect(await bytesOf(response)).toEqual(bytes)

      const gzipped = await get(`/v1/widgets/${name}.js`, { 'Accept-Encoding': 'gzip' })
      expect(new Uint8Array(gunzipSync(await bytesOf(gzipped)))).toEqual(bytes)
      const again = await get(`/v1/widgets/${name}.js`, { 'If-None-Match': `"${hashOf(bytes)}"` })
      expect(again.status).toBe(304)
    },
  )

  it('knows no other name: 404 in the one error shape', async () => {
    for (const file of ['widgets.js', 'booking.mjs', 'Booking.js', 'frame.js', '.js']) {
      expectError(await asCall(await get(`/v1/widgets/${file}`)), 404, 'NOT_FOUND')
    }
  })
})

describe('GET /v1/widgets.json', () => {
  it('names every script: its immutable URL, and the integrity a browser will check against the served bytes', async () => {
    const response = await get('/v1/widgets.json')
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=60')
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const manifest = await response.json()
    expect(Object.keys(manifest.scripts).sort()).toEqual([...WIDGET_SCRIPT_NAMES].sort())
    for (const name of WIDGET_SCRIPT_NAMES) {
      const bytes = elementScript(name)
      const entry = manifest.scripts[name]
      const served = await bytesOf(await get(entry.url))
      expect(served).toEqual(bytes)
      expect(entry).toEqual({
        url: `/v1/widgets/${hashOf(bytes)}.js`,
        integrity: `sha384-${createHash('sha384').update(served).digest('base64')}`,
        bytes: bytes.byteLength,
        gzipBytes: gzipSync(bytes, { level: 9 }).byteLength,
      })
    }
    // The all-in-one at the top level, as before there were scripts per element.
    const { scripts, isolated, ...allInOne } = manifest
    expect(allInOne).toEqual(scripts.widgets)
    // The isolated-mode loader, pinnable like the rest: its hashed URL serves exactly the bytes its integrity names.
    const loader = await bytesOf(await get(isolated.url))
    expect(loader).toEqual(loaderScript)
    expect(isolated.url).toBe(`/v1/widgets/${hashOf(loaderScript)}.js`)
    expect(isolated.integrity).toBe(`sha384-${createHash('sha384').update(loader).digest('base64')}`)
    expect(allInOne.url).toBe(`/v1/widgets/${fixtureHash}.js`)
  })
})

describe('GET /v1/widgets/{hash}.js', () => {
  it('serves the same bytes and headers, cached for a year because the name changes with the content', async () => {
    const latest = await get('/v1/widgets.js')
    const hashed = await get(`/v1/widgets/${fixtureHash}.js`)
    expect(hashed.status).toBe(200)
    expect(hashed.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    for (const header of [
      'Content-Type',
      'ETag',
      'Access-Control-Allow-Origin',
      'Cross-Origin-Resource-Policy',
    ]) {
      expect(hashed.headers.get(header)).toBe(latest.headers.get(header))
    }
    expect(await bytesOf(hashed)).toEqual(await bytesOf(latest))

    const revalidated = await get(`/v1/widgets/${fixtureHash}.js`, { 'If-None-Match': `"${fixtureHash}"` })
    expect(revalidated.status).toBe(304)
  })

  it('answers another version, or a name that is no version, with a 404 in the one error shape', async () => {
    for (const file of ['0123456789abcdef.js', `${fixtureHash}.css`, `${fixtureHash.toUpperCase()}.js`]) {
      const response = await get(`/v1/widgets/${file}`)
      expectError(await asCall(response), 404, 'NOT_FOUND')
    }
  })
})

describe('a bundle that is not built yet', () => {
  it('answers 404 with how to build it, and is served without a restart once it exists', async () => {
    let built: Uint8Array | null = null
    const unbuilt = createApp(harness.deps, { widgetScripts: async () => built })
    for (const path of ['/v1/widgets.js', '/v1/widgets.json', '/v1/widgets/booking.js']) {
      const response = await asCall(await unbuilt.request(path))
      expectError(response, 404, 'NOT_FOUND')
      expect(response.body.error.message, path).toBe(
        'The widget bundle is not built yet: run npm run build -w @frontdesk/widgets',
      )
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    }
    built = fixture
    const response = await unbuilt.request('/v1/widgets.js')
    expect(response.status).toBe(200)
    expect(await bytesOf(response)).toEqual(fixture)
  })
})
