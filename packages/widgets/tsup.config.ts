// Builds the widgets twice: an ESM library for bundlers, and dist/widgets.js, one file a clinic loads with a script tag.
import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    // Both builds run at once into dist/; sparing the bundle's file keeps this clean from racing its write.
    clean: ['!widgets.js'],
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
  },
])
