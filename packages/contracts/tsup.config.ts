// Builds the contracts as ESM with type declarations.
import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/rules.ts', 'src/intake/index.ts', 'src/demo/index.ts', 'src/staff/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
})
