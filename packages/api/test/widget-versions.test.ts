// A pinned widget script survives upgrades: every version the API served is kept in widget_bundles by its
// hash, and an API with newer widgets still answers the old hashed URL with the exact bytes whose
// integrity it published before.
import { createHash } from 'node:crypto'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { WidgetScriptName } from '@frontdesk/contracts'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { useHarness } from './harness.js'
import { expectError } from './security/fixtures.js'

const harness = useHarness()

/** One release of the widgets: every script's bytes carry the release's name, so each hash is its own. */
const release = (version: string) => (name: WidgetScriptName) =>
  new TextEncoder().encode(
    `/* ${version} */customElements.define("frontdesk-${name}",class extends HTMLElement{});\n`.repeat(30),
  )
const releaseA = release(`A ${Math.random()}`)
const releaseB = release(`B ${Math.random()}`)
const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16)
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer())
const sha384 = (bytes: Uint8Array) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`

const written: string[] = []
// The files of a PostgreSQL run share one database: leave widget_bundles as found.
afterAll(async () => {
  if (written.length)
    await harness.deps.system.deleteFrom('widget_bundles').where('hash', 'in', written).execute()
})

/** An API serving one release, as after a deployment: a new app on the same database. */
function apiWith(load: (name: WidgetScriptName) => Uint8Array) {
  return createApp(harness.deps, { widgetScripts: async (name) => load(name) })
}

async function manifestOf(app: ReturnType<typeof createApp>) {
  const response = await app.request('/v1/widgets.json')
  expect(response.status).toBe(200)
  const manifest = await response.json()
  for (const script of Object.values(manifest.scripts) as { url: string }[])
    written.push(script.url.slice('/v1/widgets/'.length, -3))
  return manifest
}

describe('a pinned script after an upgrade', () => {
  it("answers release A's hashed URLs with A's exact bytes once the API serves release B", async () => {
    const before = await manifestOf(apiWith(releaseA))
    const upgraded = apiWith(releaseB)
    const after = await manifestOf(upgraded)
    expect(after.scripts.booking.url).not.toBe(before.scripts.booking.url)

    for (const name of ['widgets', 'booking'] as const) {
      const pinned = before.scripts[name]
      const response = await upgraded.request(pinned.url)
      expect(response.status, name).toBe(200)
      expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
      expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
      expect(response.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
      const served = await bytesOf(response)
      expect(served).toEqual(releaseA(name))
      // What the browser checks: the bytes against the integrity published before the upgrade.
      expect(sha384(served)).toBe(pinned.integrity)
      // The current scripts are release B's.
      const current = name === 'widgets' ? '/v1/widgets.js' : `/v1/widgets/${name}.js`
      expect(await bytesOf(await upgraded.request(current))).toEqual(releaseB(name))
    }
  })

  it('compresses an old version on the fly, with a strong tag per encoding and 304s', async () => {
    const before = await manifestOf(apiWith(releaseA))
    const upgraded = apiWith(releaseB)
    const { url } = before.scripts.intake
    const hash = url.slice('/v1/widgets/'.length, -3)
    const gzipped = await upgraded.request(url, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(gzipped.headers.get('Content-Encoding')).toBe('gzip')
    expect(gzipped.headers.get('ETag')).toBe(`"${hash}-gzip"`)
    expect(new Uint8Array(gunzipSync(await bytesOf(gzipped)))).toEqual(releaseA('intake'))
    const brotli = await upgraded.request(url, { headers: { 'Accept-Encoding': 'br' } })
    expect(new Uint8Array(brotliDecompressSync(await bytesOf(brotli)))).toEqual(releaseA('intake'))
    const revalidated = await upgraded.request(url, { headers: { 'If-None-Match': `"${hash}"` } })
    expect(revalidated.status).toBe(304)
  })

  it('keeps each version once, by hash, with its name and integrity, and nothing of any clinic', async () => {
    await manifestOf(apiWith(releaseA))
    await manifestOf(apiWith(releaseA))
    const booking = releaseA('booking')
    const rows = await harness.deps.system
      .selectFrom('widget_bundles')
      .selectAll()
      .where('hash', '=', hashOf(booking))
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ name: 'booking', integrity: sha384(booking) })
    expect(new Uint8Array(rows[0]!.body)).toEqual(booking)
    const { rows: columns } = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'widget_bundles'`.execute(
      harness.deps.system,
    )
    expect(columns.map((column) => column.column_name).sort()).toEqual([
      'body',
      'created_at',
      'hash',
      'integrity',
      'name',
    ])
  })

  it('lets the app role read and add versions, never change or remove one', async () => {
    const hash = hashOf(releaseA('consent'))
    await manifestOf(apiWith(releaseA))
    const db = harness.deps.db
    await expect(
      db.selectFrom('widget_bundles').select('hash').where('hash', '=', hash).execute(),
    ).resolves.toHaveLength(1)
    await expect(
      db.updateTable('widget_bundles').set({ name: 'booking' }).where('hash', '=', hash).execute(),
    ).rejects.toThrow(/permission denied/)
    await expect(db.deleteFrom('widget_bundles').where('hash', '=', hash).execute()).rejects.toThrow(
      /permission denied/,
    )
  })

  it('answers a hash no API here ever served, or stored bytes changed since, with a 404 in the one error shape', async () => {
    const upgraded = apiWith(releaseB)
    await manifestOf(upgraded)
    const unknown = await upgraded.request('/v1/widgets/0123456789abcdef.js')
    expectError(
      { status: unknown.status, body: await unknown.json(), headers: unknown.headers },
      404,
      'NOT_FOUND',
    )

    // Someone with the database alone changes an old version's bytes: it is no longer served as that hash.
    const tampered = new TextEncoder().encode('alert("not the widgets")')
    const hash = hashOf(new TextEncoder().encode(`tampered ${Math.random()}`))
    written.push(hash)
    await harness.deps.system
      .insertInto('widget_bundles')
      .values({ hash, name: 'booking', body: tampered, integrity: sha384(tampered) })
      .execute()
    const refused = await upgraded.request(`/v1/widgets/${hash}.js`)
    expectError(
      { status: refused.status, body: await refused.json(), headers: refused.headers },
      404,
      'NOT_FOUND',
    )
  })
})
