#!/usr/bin/env node
// Runs the frontdesk CLI: the built, bundled dist/cli.js once published, and in the repository too while it
// is newer than every source file it was built from (`serve` is ready in about a third of the time); from
// source through tsx when the sources changed since the last `npm run build`, under `node --watch` (npm run
// dev restarts on a source change), or with FRONTDESK_FROM_SOURCE=1.
import { existsSync, readdirSync, statSync } from 'node:fs'

const source = new URL('../src/cli-entry.ts', import.meta.url)
const built = new URL('../dist/cli.js', import.meta.url)

if (existsSync(source) && !builtIsCurrent()) {
  const { register } = await import('tsx/esm/api')
  register({ tsconfig: new URL('../../../tsconfig.json', import.meta.url).pathname })
  await import(source.href)
} else {
  await import(built.href)
}

/** dist/cli.js exists and was built after the last change to what it bundles (tests aside). */
function builtIsCurrent() {
  if (process.env.FRONTDESK_FROM_SOURCE === '1' || process.env.WATCH_REPORT_DEPENDENCIES) return false
  let builtAt
  try {
    builtAt = statSync(built).mtimeMs
  } catch {
    return false
  }
  const inputs = [
    new URL('../src/', import.meta.url),
    new URL('../../contracts/src/', import.meta.url),
    new URL('../package.json', import.meta.url),
    new URL('../tsup.config.ts', import.meta.url),
    new URL('../../../package-lock.json', import.meta.url),
  ]
  return inputs.every((input) => newestChange(input) < builtAt)
}

/** The newest modification time of a file, or of the files under a folder. */
function newestChange(url) {
  const stat = statSync(url, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(url, { recursive: true, withFileTypes: true })) {
    // A folder's own time moves when a file in it is added or removed.
    if (entry.name.endsWith('.test.ts')) continue
    const changed = statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs
    if (changed > newest) newest = changed
  }
  return newest
}
