// Vitest global setup for the browser tests: find Chromium, start the demos (API + site) the files take in turn.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'
import type { TestProject } from 'vitest/node'
import { startDemoPool } from './demo-pool.js'

/** One demo (API, clinic site and dev inbox) that one test file at a time has to itself. */
export interface DemoEnv {
  siteUrl: string
  apiUrl: string
  /** The demo clinic's secret key: the clinic's side of the tests reads intake answers with it. */
  secretKey: string
  publishableKey: string
  /** The demo clinic's hosted booking page on the API (`/c/demo`). */
  hostedBookingUrl: string
  /** The demo's new-patient history, which follows a booking on the home page. */
  intakeFormId: string
  /** The demo clinic's owner, for the staff console at `${apiUrl}/admin`. */
  staffEmail: string
  staffPassword: string
  /** The dev inbox: every email, SMS and WhatsApp message the demo sends patients and staff. */
  inboxUrl: string
  /** A clinic of its own, not the demo's, with its owner: console-leave.test.ts closes it. */
  leavingClinic: { clinicId: string; name: string; email: string; password: string }
  /** Where a test moves this demo's clock (demo-clock.ts). */
  clockUrl: string
}

export type BrowserTestEnv =
  | { available: false; reason: string }
  | {
      available: true
      executablePath: string
      /** Where each test file takes a demo for itself (demo-lease.ts, the project's setup file). */
      leaseUrl: string
    }

declare module 'vitest' {
  export interface ProvidedContext {
    browser: BrowserTestEnv
  }
}

/** Demos at most, whatever the number of workers: each is an API with its database in memory (~300 MB). */
const MAX_DEMOS = 4

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

function findChromium(): string | undefined {
  const configured = process.env.CHROMIUM_PATH
  // A CHROMIUM_PATH that points nowhere is a mistake to report, not a reason to pick another browser.
  if (configured) return existsSync(configured) ? configured : undefined
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path))
}

export default async function setup(project: TestProject) {
  const executablePath = findChromium()
  if (!executablePath) {
    const configured = process.env.CHROMIUM_PATH
    const reason = `the browser tests need Chromium${configured ? `; CHROMIUM_PATH=${configured} does not exist` : ''}.`
    console.warn(
      `\n[frontdesk] Browser tests are SKIPPED: ${reason}\n` +
        '            On Debian: sudo apt-get install -y chromium, or set CHROMIUM_PATH.\n',
    )
    project.provide('browser', { available: false, reason })
    return
  }
  // Every console file signs the demo's owner in, more often than the 10 sign-ins per account in 15 minutes
  // a person gets; the limit itself is proven in packages/api/test/rate-limits.test.ts, not here.
  process.env.FRONTDESK_RATE_LIMITS ??= 'signInAccount=200/900'
  // A demo for each file Vitest runs at once (a few at most: each holds a database in memory), so the browser
  // files run beside each other and beside the other projects' rather than one after another at the end.
  const count = Math.min(MAX_DEMOS, project.config.maxWorkers || project.vitest.config.maxWorkers || 1)
  await buildServedPackages()
  const pool = await startDemoPool(count, async (now) => {
    // Loaded only when the tests will run, and by Node itself through tsx rather than by Vitest's module
    // runner, which lacks import.meta.resolve: the API finds the widget bundle with it. startDemo builds
    // packages/widgets/dist/widgets.js if it is missing; the build above keeps it current. The demos start
    // while the other projects' files run; a browser file that comes before they are up waits for its demo.
    const { startDemo }: typeof import('../../examples/clinic-site/serve.js') = await tsImport(
      '../../examples/clinic-site/serve.ts',
      import.meta.url,
    )
    const started = await Promise.allSettled(
      Array.from({ length: count }, (_, index) =>
        startDemo({
          apiPort: 0,
          sitePort: 0,
          inboxPort: 0,
          dataDir: 'memory://',
          quiet: true,
          now: () => now(index),
        }),
      ),
    )
    const demos = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
    const failed = started.find((result) => result.status === 'rejected')
    if (failed) {
      await Promise.all(demos.map((demo) => demo.close()))
      throw failed.reason
    }
    return Promise.all(
      demos.map(async (demo) => ({
        env: {
          siteUrl: demo.siteUrl,
          apiUrl: demo.apiUrl,
          // memory:// seeds the clinic afresh on every start, so its secret key is always shown.
          secretKey: demo.secretKey ?? '',
          publishableKey: demo.publishableKey,
          hostedBookingUrl: demo.hostedBookingUrl,
          intakeFormId: demo.intakeFormId,
          staffEmail: demo.staff.email,
          staffPassword: demo.staff.password ?? '',
          inboxUrl: demo.inboxUrl,
          leavingClinic: await demo.addClinic('Praxis Abschied'),
        },
        close: () => demo.close(),
      })),
    )
  })
  project.provide('browser', { available: true, executablePath, leaseUrl: pool.leaseUrl })
  return async () => {
    await pool.close()
  }
}

const SERVED = ['contracts', 'sdk', 'widgets', 'console']

/**
 * The tests must see the widgets and the staff console (which bundles the SDK) as the source is now, not as
 * they were last built: built again (about 15 s) unless every package's dist/ is newer than its sources, as
 * in CI, which has just built them. Done before any file runs: API tests serve the widgets' dist/ too.
 */
async function buildServedPackages(): Promise<void> {
  const repo = fileURLToPath(new URL('../../', import.meta.url))
  const stale = await Promise.all(
    SERVED.map(async (name) => {
      const folder = join(repo, 'packages', name)
      const built = await mtimes(join(folder, 'dist'))
      const sources = [
        ...(await mtimes(join(folder, 'src'))),
        ...(await mtimes(join(folder, 'package.json'))),
        ...(await mtimes(join(folder, 'tsup.config.ts'))),
      ]
      return built.length === 0 || Math.max(...sources) > Math.min(...built)
    }),
  )
  if (!stale.includes(true)) return
  const build = spawn('npm', ['run', 'build', ...SERVED.flatMap((name) => ['-w', `@frontdesk/${name}`])], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const code = await new Promise<number | null>((resolve, reject) => {
    build.once('error', reject)
    build.once('exit', resolve)
  })
  if (code !== 0)
    throw new Error(`building the served packages failed (exit code ${code}); see the output above`)
}

/** When each file under `path` (or `path` itself) last changed; none if it does not exist. */
async function mtimes(path: string): Promise<number[]> {
  const found = await stat(path).catch(() => undefined)
  if (!found) return []
  if (!found.isDirectory()) return [found.mtimeMs]
  const entries = await readdir(path, { recursive: true, withFileTypes: true })
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => (await stat(join(entry.parentPath, entry.name))).mtimeMs),
  )
}
