// The script-tag bundle stays within its gzip budget and names no URL a clinic's page would be sent to.
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Plugin } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import { dedentTemplates } from '../tsup.config.js'

// One script for every element a clinic embeds: booking (16 KB with Lit), intake (+12 KB with the
// validator, signature pad and file field) and consent to come.
const BUDGET_BYTES = 32 * 1024

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

let minified: Uint8Array
let gzipped: Uint8Array

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
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  console.log(
    `widgets.js: ${kb(minified.byteLength)} minified, ${kb(gzipped.byteLength)} gzipped (budget ${BUDGET_BYTES / 1024} KB)`,
  )
}, 60_000)

describe('the script-tag bundle', () => {
  it('gzips to no more than 25 KB, so a clinic page stays quick on a phone', () => {
    expect(gzipped.byteLength).toBeLessThanOrEqual(BUDGET_BYTES)
  })

  it('contains no URL but XML namespaces: the widget talks only to the API origin it is given', () => {
    const text = new TextDecoder().decode(minified)
    const urls = [...text.matchAll(/https?:\/\/[^\s"'`<>()\\]+/g)].map((match) => match[0])
    expect(urls.filter((url) => !ALLOWED_URL.test(url))).toEqual([])
  })
})
