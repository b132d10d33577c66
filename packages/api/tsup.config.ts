// Builds the API library and the CLI entry as ESM; contracts stay an external dependency. The staff
// console's script is copied in beside them, so the published package serves /admin on its own.
import { copyFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { defineConfig } from 'tsup'

const require = createRequire(import.meta.url)

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts', 'src/testing.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts', 'src/testing.ts'] },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  // Fails the build when the console is not built: a package without it would answer 503 at /admin.
  onSuccess: () => copyFile(require.resolve('@frontdesk/console/bundle'), 'dist/console.js'),
})
