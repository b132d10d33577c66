#!/usr/bin/env node
// Runs the frontdesk CLI: from source in the repository (through tsx), from dist/ once published.
import { existsSync } from 'node:fs'

process.env.FRONTDESK_CLI = '1'
const source = new URL('../src/cli.ts', import.meta.url)
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api')
  register({ tsconfig: new URL('../../../tsconfig.json', import.meta.url).pathname })
  await import(source.href)
} else {
  await import(new URL('../dist/cli.js', import.meta.url).href)
}
