// Builds the widgets: an ESM library for bundlers, and the scripts a clinic loads with a script tag:
// dist/widgets.js with every element, dist/scripts/<name>.js with one element each, and isolated mode's
// two small scripts, dist/isolated.js and dist/frame.js.
import { defineConfig } from 'tsup'

/**
 * The script-tag bundles, one self-contained file each (served by the API as /v1/widgets.js and
 * /v1/widgets/<name>.js). One line per script: the key is the file under dist/, the value its entry.
 */
export const scriptEntries = {
  widgets: 'src/bundle.ts',
  'scripts/booking': 'src/bundles/booking.ts',
  'scripts/intake': 'src/bundles/intake.ts',
  'scripts/consent': 'src/bundles/consent.ts',
  'scripts/rights-request': 'src/bundles/rights-request.ts',
}

/**
 * Drops the indentation Lit templates and css blocks keep from the source: a browser collapses it
 * anyway, and it is 600 bytes of the bundle's gzip budget. Minified code has line breaks only inside
 * template literals (and the licence comments), and every template literal here is markup or CSS.
 */
export function dedentTemplates(code: string): string {
  return code.replace(/\n\s+/g, '\n')
}

export default defineConfig([
  {
    // styles.ts on its own too: the staff console (@frontdesk/console) wears the same design tokens.
    entry: ['src/index.ts', 'src/styles.ts'],
    format: ['esm'],
    // widgets.d.ts types the script-tag bundle built below. The bundle exports nothing: its types import
    // index.d.ts, which declares the tags and events on HTMLElementTagNameMap and HTMLElementEventMap.
    dts: {
      entry: {
        index: 'src/index.ts',
        styles: 'src/styles.ts',
        widgets: 'src/bundle.ts',
        // Isolated mode's scripts export nothing; typed all the same, so every entry point of the package is.
        isolated: 'src/isolated/loader.ts',
        frame: 'src/isolated/frame-guest.ts',
      },
    },
    // Both builds run at once into dist/; sparing the scripts' files keeps this clean from racing their write.
    clean: ['!widgets.js', '!scripts/**', '!isolated.js', '!frame.js'],
    sourcemap: true,
    target: 'es2022',
  },
  {
    entry: scriptEntries,
    format: ['esm'],
    // Each script stands alone on a page: no chunk shared between them, whatever they have in common.
    splitting: false,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // A clinic's page has no bundler: Lit and the contracts' rules travel inside each file.
    noExternal: [/.*/],
    dts: false,
    clean: false,
    sourcemap: false,
    outExtension: () => ({ js: '.js' }),
    plugins: [{ name: 'dedent-templates', renderChunk: (code) => ({ code: dedentTemplates(code) }) }],
  },
  // Isolated mode: the host-only loader a clinic's page loads, and the frame page's own script (no Lit in either).
  isolatedScript({ isolated: 'src/isolated/loader.ts' }),
  isolatedScript({ frame: 'src/isolated/frame-guest.ts' }),
])

function isolatedScript(entry: Record<string, string>) {
  return {
    entry,
    format: ['esm' as const],
    platform: 'browser' as const,
    target: 'es2022',
    minify: true,
    noExternal: [/.*/],
    dts: false,
    clean: false,
    sourcemap: false,
    outExtension: () => ({ js: '.js' }),
  }
}
