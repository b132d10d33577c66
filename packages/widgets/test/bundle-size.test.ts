// Every script-tag bundle stays within its gzip budget, stands alone, and names no URL a clinic's page
// would be sent to.
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Plugin } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import { dedentTemplates, scriptEntries } from '../tsup.config.js'

type ScriptName = keyof typeof scriptEntries

/**
 * Gzipped bytes per script, each a little above what it measured (docs/widgets.md says what is inside
 * each): about half a kilobyte for fixes, never room for another library. Lit alone is 6 KB of each.
 */
const BUDGETS: Record<ScriptName, number> = {
  // Every element, 43.8 KB: 42.0 KB, then the `isolated` attribute's frame host (+1.8 KB).
  widgets: 44.25 * 1024,
  // Booking alone, 21.9 KB: Lit, the booking steps, and the strings of every element in English and
  // German (17 KB minified of the 64 KB), and the `isolated` attribute's frame host (1.7 KB): 23.6 KB.
  // Never above 25 KB (DESIGN.md).
  'scripts/booking': 24.25 * 1024,
  // Intake alone, 31.8 KB: its validator, the file field and signature_pad (4.5 KB), the frame host.
  'scripts/intake': 32.5 * 1024,
  // Consent alone, 26.4 KB: its signature box is the intake's, signature_pad included; the frame host.
  'scripts/consent': 27 * 1024,
  // The rights request alone, 19.6 KB with the frame host.
  'scripts/rights-request': 20.25 * 1024,
}

// The isolated-mode loader: the four tags as frame hosts, no Lit. 2.2 KB gzipped (2,254 bytes).
const LOADER_BUDGET_BYTES = 6 * 1024

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// The contracts' sources stand in for their dist/, so this test needs no build to run first.
const contractsFromSource: Plugin = {
  name: 'contracts-from-source',
  setup(esbuild) {
    const entries: Record<string, string> = {
      '@frontdesk/contracts': '../../contracts/src/index.ts',
      '@frontdesk/contracts/rules': '../../contracts/src/rules.ts',
      '@frontdesk/contracts/intake': '../../contracts/src/intake/index.ts',
    }
    esbuild.onResolve({ filter: /^@frontdesk\/contracts(\/rules|\/intake)?$/ }, (args) => ({
      path: source(entries[args.path]!),
    }))
  },
}

/** XML namespaces are identifiers, never fetched; Lit's templates may carry the SVG and MathML ones. */
const ALLOWED_URL = /^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xhtml|1999\/xlink|1998\/Math\/MathML)$/

/**
 * esbuild gathers the libraries' licence comments in one block at the end; a homepage named there is
 * text for a reader, never fetched, so the code before it is what the URL check reads.
 */
function splitLicences(text: string): { code: string; licences: string } {
  const start = text.lastIndexOf('/*! Bundled license information:')
  return start < 0
    ? { code: text, licences: '' }
    : { code: text.slice(0, start), licences: text.slice(start) }
}

let loader: Uint8Array
interface Built {
  text: string
  gzipBytes: number
}

const built = new Map<ScriptName, Built>()
const names = Object.keys(scriptEntries) as ScriptName[]
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

beforeAll(async () => {
  for (const name of names) {
    const result = await build({
      entryPoints: [source(`../${scriptEntries[name]}`)],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      plugins: [contractsFromSource],
    })
    // As tsup.config.ts builds dist/.
    const text = dedentTemplates(result.outputFiles[0]!.text)
    const gzipBytes = gzipSync(new TextEncoder().encode(text), { level: 9 }).byteLength
    built.set(name, { text, gzipBytes })
    console.log(
      `${name}.js: ${kb(text.length)} minified, ${kb(gzipBytes)} gzipped (budget ${kb(BUDGETS[name])})`,
    )
  }
  const loaderBuild = await build({
    entryPoints: [source('../src/isolated/loader.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  loader = new TextEncoder().encode(loaderBuild.outputFiles[0]!.text)
  console.log(
    `isolated.js: ${kb(gzipSync(loader, { level: 9 }).byteLength)} gzipped (budget ${kb(LOADER_BUDGET_BYTES)})`,
  )
}, 120_000)

const script = (name: ScriptName) => built.get(name)!

describe.each(names)('the script-tag bundle %s.js', (name) => {
  it('gzips to no more than its budget, so a clinic page stays quick on a phone', () => {
    expect(BUDGETS[name], `${name} has no budget in this file`).toBeGreaterThan(0)
    expect(script(name).gzipBytes).toBeLessThanOrEqual(BUDGETS[name])
  })

  it('imports nothing and contains no URL but XML namespaces: it talks only to the API it is given', () => {
    const { code } = splitLicences(script(name).text)
    expect(code).not.toMatch(/^import\b|[;}]import[\s{*"']/m)
    const urls = [...code.matchAll(/https?:\/\/[^\s"'`<>()\\]+/g)].map((match) => match[0])
    expect(urls.filter((url) => !ALLOWED_URL.test(url))).toEqual([])
  })
})

describe('what each script holds', () => {
  it('keeps booking alone within 25 KB gzipped, without the intake, consent or signature pad', () => {
    const booking = script('scripts/booking')
    expect(booking.gzipBytes).toBeLessThanOrEqual(25 * 1024)
    expect(booking.text).not.toContain('Signature Pad')
    for (const tag of ['frontdesk-intake', 'frontdesk-consent', 'frontdesk-rights-request'])
      expect(booking.text).not.toMatch(new RegExp(`define\\("${tag}"`))
    expect(booking.text).toMatch(/define\("frontdesk-booking"/)
  })

  it('defines each element in its own script and all four in widgets.js', () => {
    for (const tag of ['intake', 'consent', 'rights-request']) {
      expect(script(`scripts/${tag}` as ScriptName).text).toMatch(new RegExp(`define\\("frontdesk-${tag}"`))
      expect(script(`scripts/${tag}` as ScriptName).text).not.toMatch(/define\("frontdesk-booking"/)
    }
    for (const tag of ['booking', 'intake', 'consent', 'rights-request'])
      expect(script('widgets').text).toMatch(new RegExp(`define\\("frontdesk-${tag}"`))
  })

  it("keeps the bundled libraries' licence notices, as their licences ask", () => {
    for (const name of ['widgets', 'scripts/intake', 'scripts/consent'] as const) {
      const { licences } = splitLicences(script(name).text)
      expect(licences).toContain('SPDX-License-Identifier: BSD-3-Clause')
      expect(licences).toMatch(/Signature Pad v[\d.]+ .*\n.*Released under the MIT license/)
    }
    expect(splitLicences(script('scripts/booking').text).licences).toContain(
      'SPDX-License-Identifier: BSD-3-Clause',
    )
  })
})

describe('the isolated-mode loader', () => {
  it(`gzips to no more than ${LOADER_BUDGET_BYTES / 1024} KB and carries no Lit: it only frames the widgets`, () => {
    expect(gzipSync(loader, { level: 9 }).byteLength).toBeLessThanOrEqual(LOADER_BUDGET_BYTES)
    const code = new TextDecoder().decode(loader)
    expect(code).not.toMatch(/lit-html|LitElement|reactive-element/)
    expect(code).toContain('/v1/frames/')
  })
})
