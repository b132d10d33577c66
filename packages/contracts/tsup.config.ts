// Builds the contracts as ESM with type declarations.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { defineConfig } from 'tsup'

/**
 * esbuild's code splitting leaves `import "./chunk-….js"` in an entry to keep evaluation order, even when
 * the entry uses nothing from that chunk (the `__export` helper, the rules' constants). The package says it
 * has no side effects, so every bundler drops those imports anyway, and esbuild warns about each one
 * (`ignored-bare-import`). Dropping them here gives the same code without the warnings.
 */
async function dropBareChunkImports(dir: string) {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue
    const file = join(entry.parentPath, entry.name)
    const source = await readFile(file, 'utf8')
    const stripped = source.replace(/^import "(\.\.?\/)+chunk-[A-Z0-9]+\.js";\n/gm, '')
    if (stripped !== source) await writeFile(file, stripped)
  }
}

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/rules.ts',
    'src/intake/index.ts',
    'src/demo/index.ts',
    'src/staff/index.ts',
    'src/testing.ts',
  ],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  onSuccess: () => dropBareChunkImports('dist'),
})
