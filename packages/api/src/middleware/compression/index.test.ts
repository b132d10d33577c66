// The compression middleware on a bare Hono app: what it compresses, what it leaves, and the headers it keeps.
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { compression } from './index.js'

const large = { times: Array.from({ length: 300 }, (_, i) => `${String(i % 24).padStart(2, '0')}:00+01:00`) }

function app() {
  const hono = new Hono()
  hono.use(compression())
  hono.get('/large', (c) => {
    c.header('Vary', 'Origin')
    return c.json(large)
  })
  hono.get('/small', (c) => c.json({ ok: true }))
  hono.get('/kept', (c) => c.json(large, 200, { 'Cache-Control': 'no-transform' }))
  hono.get('/error', (c) => c.json({ error: { code: 'VALIDATION_FAILED', echo: 'x'.repeat(4000) } }, 422))
  return hono
}

const get = (path: string, acceptEncoding?: string) =>
  app().request(path, acceptEncoding ? { headers: { 'Accept-Encoding': acceptEncoding } } : {})

describe('compression', () => {
  it('sends brotli or gzip as the client weighs them, adding Accept-Encoding to the Vary it found', async () => {
    const brotli = await get('/large', 'gzip;q=0.5, br')
    expect(brotli.headers.get('Content-Encoding')).toBe('br')
    expect(brotli.headers.get('Vary')).toBe('Origin, Accept-Encoding')
    expect(brotli.headers.get('Content-Length')).toBeNull()
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await brotli.arrayBuffer())).toString())).toEqual(
      large,
    )
    const gzip = await get('/large', 'gzip')
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip')
    expect(JSON.parse(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString())).toEqual(large)
  })

  it('leaves plain what the client did not ask for, a small answer, a no-transform answer and an error', async () => {
    const unasked = await get('/large')
    expect(unasked.headers.get('Content-Encoding')).toBeNull()
    expect(unasked.headers.get('Vary')).toBe('Origin, Accept-Encoding')
    expect(await unasked.json()).toEqual(large)
    for (const path of ['/small', '/kept', '/error']) {
      const answer = await get(path, 'gzip, br')
      expect(answer.headers.get('Content-Encoding'), path).toBeNull()
      expect(await answer.json()).toBeTruthy()
    }
  })
})
