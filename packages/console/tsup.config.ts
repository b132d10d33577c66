// Builds the staff console into dist/console.js: one minified module with Lit, the SDK and zod inside,
// which the API serves at /admin/console.js under a CSP that allows scripts from its own origin only.
import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { console: 'src/index.ts' },
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  minify: true,
  noExternal: [/.*/],
  dts: false,
  clean: true,
  sourcemap: false,
  outExtension: () => ({ js: '.js' }),
})
