// `npm run demo`: builds what the demo serves only when its sources changed, then runs serve.ts from one
// bundled file, kept in node_modules/.cache and made again when a file it was made from changed. Node
// loads the API's thousand dependency modules one by one (and through tsx, slower still); one file loads
// in a fraction of that, so an existing checkout with an existing data folder is ready in about two seconds.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const cache = `${root}node_modules/.cache/frontdesk-demo/`
const bundle = `${cache}serve.mjs`
const inputsFile = `${cache}inputs.json`
/** The packages whose browser bundles the demo serves (`npm run build:served`). */
const SERVED = ['contracts', 'sdk', 'widgets', 'console']

/** Sources (or the build's configuration) changed after the newest file in dist/ was written. */
function servedIsStale(dir) {
  const built = newest(`${dir}dist/`, (name) => name.endsWith('.js'))
  if (built === 0) return true
  return [`${dir}src/`, `${dir}package.json`, `${dir}tsup.config.ts`].some(
    (input) => newest(input, (name) => !name.endsWith('.test.ts')) > built,
  )
}

/** The bundle is newer than every file of this repository it was made from, and than the installed packages. */
function bundleIsCurrent() {
  if (!existsSync(bundle) || !existsSync(inputsFile)) return false
  const madeAt = statSync(bundle).mtimeMs
  const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'))
  return [...inputs, `${root}package-lock.json`].every(
    (input) => (statSync(input, { throwIfNoEntry: false })?.mtimeMs ?? Number.POSITIVE_INFINITY) < madeAt,
  )
}

async function makeBundle() {
  const { build } = await import('esbuild')
  // The chunks of the last bundle go with it.
  rmSync(cache, { recursive: true, force: true })
  mkdirSync(cache, { recursive: true })
  const result = await build({
    entryPoints: { serve: `${root}examples/clinic-site/serve.ts` },
    outdir: cache,
    outExtension: { '.js': '.mjs' },
    // What the API imports on demand (staff sign-in, mail, the job queue…) in chunks of their own, read when
    // first used rather than parsed before the demo answers.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The workspace packages from their sources, as tsx runs them (the root tsconfig's paths).
    tsconfig: `${root}tsconfig.json`,
    // PGlite finds its wasm and data files beside its own module; pg-native is pg's optional driver.
    external: ['@electric-sql/pglite', 'pg-native'],
    banner: {
      js: "import { createRequire as __frontdeskCreateRequire } from 'node:module';const require = __frontdeskCreateRequire(import.meta.url);",
    },
    plugins: [sourceLocations],
    metafile: true,
    logLevel: 'error',
  })
  // Only this repository's files: the installed packages change with package-lock.json, checked as well.
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes('node_modules/'))
    .map((input) => fileURLToPath(new URL(input, pathToFileURL(root))))
  writeFileSync(inputsFile, JSON.stringify(inputs))
}

/**
 * The repository's own files find their neighbours (migrations, patient pages, the site's HTML) from
 * import.meta.url: in the bundle each keeps the address of its source file.
 */
const sourceLocations = {
  name: 'source-locations',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined
      const text = readFileSync(args.path, 'utf8')
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      }
    })
  },
}

/** The newest modification time under `path` (a file or a folder) among files `keep` accepts; 0 if none. */
function newest(path, keep) {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  let time = 0
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !keep(entry.name)) continue
    time = Math.max(time, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs)
  }
  return time
}

if (SERVED.some((name) => servedIsStale(`${root}packages/${name}/`))) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const built = spawnSync(npm, ['run', 'build:served', '--silent'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  if (built.status !== 0) process.exit(built.status ?? 1)
}
if (!bundleIsCurrent()) await makeBundle()
// A timer of its own keeps the event loop waiting while the demo starts: with nothing else to wait for, Node
// would wait for V8 optimising PostgreSQL's wasm in the background (packages/api/src/serve-early.ts).
const holdingLoop = setInterval(() => {}, 60_000)
try {
  const { runDemo } = await import(pathToFileURL(bundle).href)
  await runDemo()
} finally {
  clearInterval(holdingLoop)
}
