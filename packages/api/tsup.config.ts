// Builds the API library (index, testing) as ESM with contracts and every dependency external, and the
// CLI entry as one bundled file. The staff console's script is copied in beside them, so the published
// package serves /admin on its own.
import { rmSync } from 'node:fs'
import { copyFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { defineConfig } from 'tsup'

const require = createRequire(import.meta.url)

/**
 * Left outside the CLI's bundle: PGlite finds its wasm, data and extension files beside its own module;
 * pg-native is pg's optional native driver, never installed by us.
 */
const CLI_EXTERNAL = ['@electric-sql/pglite', 'pg-native']

/** The CLI's lazily loaded parts, in a folder of their own beside dist/cli.js. */
const CLI_CHUNKS = 'cli-chunks'

export default defineConfig([
  {
    entry: ['src/index.ts', 'src/testing.ts'],
    format: ['esm'],
    dts: { entry: ['src/index.ts', 'src/testing.ts'] },
    // The CLI's bundle and its chunks are the other build's: this one leaves them be.
    clean: ['!cli.js', `!${CLI_CHUNKS}/**`],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    // Fails the build when the console is not built: a package without it would answer 503 at /admin.
    onSuccess: () => copyFile(require.resolve('@frontdesk/console/bundle'), 'dist/console.js'),
  },
  {
    // `frontdesk serve` as one file: Node loads a thousand small ES modules (kysely, better-auth, zod…) one
    // by one, which took longer than everything else start-up does; one file of the same code loads in a
    // third of the time. The package still declares every dependency (the library entries import them).
    // dist/cli.js: the entry starts opening PGlite's folder, then loads the commands (src/cli.ts) as a chunk.
    entry: { cli: 'src/cli-entry.ts' },
    format: ['esm'],
    clean: false,
    // What `serve` imports on demand (staff sign-in, mail, the job queue, consent rendering…) in chunks of
    // their own, read only when first used: parsing a part Node never runs still took time before the first
    // answer. The chunks are this build's alone (the library build leaves the folder be), made anew each time.
    splitting: true,
    esbuildOptions(options) {
      options.chunkNames = `${CLI_CHUNKS}/[name]-[hash]`
      rmSync(`dist/${CLI_CHUNKS}`, { recursive: true, force: true })
    },
    // Several megabytes of map for a file Node runs without maps unless told: left out of the package.
    sourcemap: false,
    target: 'node20',
    platform: 'node',
    noExternal: [new RegExp(`^(?!(${CLI_EXTERNAL.join('|')})(/|$))`)],
    external: CLI_EXTERNAL,
    // Bundled CommonJS code calls require() for Node's built-ins; an ES module has none of its own.
    banner: {
      js: "import { createRequire as __frontdeskCreateRequire } from 'node:module';const require = __frontdeskCreateRequire(import.meta.url);",
    },
  },
])
