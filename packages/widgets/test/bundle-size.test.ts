// The script-tag bundle stays within its gzip budget and names no URL a clinic's page would be sent to.
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Plugin } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import { dedentTemplates } from '../tsup.config.js'

// One script for every element a clinic embeds, 41.6 KB gzipped (42,597 bytes): booking 20.5 KB (Lit,
// and the booking, intake and consent strings in English and German), intake +15 KB (its validator,
// the file field and signature_pad, 4.5 KB of it), consent +3.5 KB (its signature box is intake's) and
// the rights request +2.9 KB (2 KB of code, 1 KB of its strings) and the `isolated` attribute's frame
// host +1.9 KB (43.2 KB, 44,280 bytes). The budget leaves about 0.8 KB for fixes, not room for another library.
const BUDGET_BYTES = 44 * 1024

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

let minified: Uint8Array
let gzipped: Uint8Array
let loader: Uint8Array

beforeAll(async () => {
  const result = await build({
    entryPoints: [source('../src/bundle.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [contractsFromSource],
  })
  // As tsup.config.ts builds dist/widgets.js.
  minified = new TextEncoder().encode(dedentTemplates(result.outputFiles[0]!.text))
  gzipped = gzipSync(minified, { level: 9 })
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
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  console.log(
    `widgets.js: ${kb(minified.byteLength)} minified, ${kb(gzipped.byteLength)} gzipped (budget ${BUDGET_BYTES / 1024} KB)`,
  )
}, 60_000)

describe('the script-tag bundle', () => {
  it(`gzips to no more than ${BUDGET_BYTES / 1024} KB, so a clinic page stays quick on a phone`, () => {
    expect(gzipped.byteLength).toBeLessThanOrEqual(BUDGET_BYTES)
  })

  it('contains no URL but XML namespaces: the widget talks only to the API origin it is given', () => {
    const { code } = splitLicences(new TextDecoder().decode(minified))
    const urls = [...code.matchAll(/https?:\/\/[^\s"'`<>()\\]+/g)].map((match) => match[0])
    expect(urls.filter((url) => !ALLOWED_URL.test(url))).toEqual([])
  })

  it("keeps the bundled libraries' licence notices, as their licences ask", () => {
    const { licences } = splitLicences(new TextDecoder().decode(minified))
    expect(licences).toContain('SPDX-License-Identifier: BSD-3-Clause')
    expect(licences).toMatch(/Signature Pad v[\d.]+ .*\n.*Released under the MIT license/)
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
