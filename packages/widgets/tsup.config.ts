// Builds the widgets: an ESM library for bundlers, dist/widgets.js (one file a clinic loads with a script tag)
// and isolated mode's two small scripts, dist/isolated.js and dist/frame.js.
import { defineConfig } from 'tsup'

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
    dts: { entry: { index: 'src/index.ts', styles: 'src/styles.ts', widgets: 'src/bundle.ts' } },
    // Both builds run at once into dist/; sparing the bundle's file keeps this clean from racing its write.
    clean: ['!widgets.js', '!isolated.js', '!frame.js'],
    sourcemap: true,
    target: 'es2022',
  },
  {
    entry: { widgets: 'src/bundle.ts' },
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // A clinic's page has no bundler: Lit and the contracts' rules travel inside the one file.
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
