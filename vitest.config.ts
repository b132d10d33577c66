// Test projects: units, the API on PGlite (and PostgreSQL if set), the SDK over HTTP, the widget bundle, Chromium,
// and the public packages installed from their tarballs.
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

const source = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url))
// Packages resolve to their sources, so tests never need a build; exact matches keep subpaths apart.
const alias = [
  { find: /^@frontdesk\/contracts\/rules$/, replacement: source('contracts/src/rules.ts') },
  { find: /^@frontdesk\/contracts\/intake$/, replacement: source('contracts/src/intake/index.ts') },
  { find: /^@frontdesk\/contracts\/demo$/, replacement: source('contracts/src/demo/index.ts') },
  { find: /^@frontdesk\/contracts\/staff$/, replacement: source('contracts/src/staff/index.ts') },
  { find: /^@frontdesk\/contracts\/testing$/, replacement: source('contracts/src/testing.ts') },
  { find: /^@frontdesk\/api\/testing$/, replacement: source('api/src/testing.ts') },
  ...['contracts', 'sdk', 'mocks', 'api', 'widgets'].map((name) => ({
    find: new RegExp(`^@frontdesk/${name}$`),
    replacement: source(`${name}/src/index.ts`),
  })),
]

const postgresUrl = process.env.TEST_DATABASE_URL
if (!postgresUrl) {
  console.warn(
    '\n[frontdesk] PostgreSQL server tests are SKIPPED: TEST_DATABASE_URL is not set.\n' +
      '            Run them with TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test\n',
  )
}

const storageTests = ['packages/api/test/**/*.test.ts']

/**
 * Vitest queues the files project by project, in the order of the projects' names, so the packages' one file
 * (packing and installing every public package, two minutes or more) would start last and end the run alone.
 * It goes first instead, beside the storage suites; the rest keep Vitest's order.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const first = (file: TestSpecification) => file.project.name === 'packages'
    return [...sorted.filter(first), ...sorted.filter((file) => !first(file))]
  }
}

export default defineConfig({
  resolve: { alias },
  test: {
    // At least two files at a time, even on a 2-core machine where Vitest's default is one: most files wait
    // on PostgreSQL, Chromium or a child process rather than on the CPU, and one at a time took the suite
    // past 25 minutes there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'api:pglite',
          include: storageTests,
          globalSetup: ['packages/api/test/setup/pglite-template.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'widgets',
          include: ['packages/widgets/test/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'sdk',
          include: ['packages/sdk/test/**/*.test.ts', 'packages/mocks/test/**/*.test.ts'],
          globalSetup: ['packages/sdk/test/setup/api-server.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'browser',
          include: ['e2e/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['e2e/browser/setup.ts'],
          // Each file has a demo server (and its clinic's calendar) to itself while it runs: it takes one of the
          // demos the setup started, as many as files run at once, so they no longer take turns on one.
          setupFiles: ['e2e/browser/demo-lease.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A page waits on the API between steps; a second is too short to call a step broken.
          expect: { poll: { timeout: 5_000 } },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'packages',
          include: ['e2e/packages/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
      ...(postgresUrl
        ? [
            {
              resolve: { alias },
              test: {
                name: 'api:postgres',
                include: storageTests,
                globalSetup: ['packages/api/test/setup/postgres-database.ts'],
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
})
