// Test projects: pure units, the API on PGlite, the API again on a PostgreSQL server, and the SDK over real HTTP.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const alias = Object.fromEntries(
  ['contracts', 'sdk', 'mocks', 'api'].map((name) => [
    `@frontdesk/${name}`,
    fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
  ]),
)

const postgresUrl = process.env.TEST_DATABASE_URL
if (!postgresUrl) {
  console.warn(
    '\n[frontdesk] PostgreSQL server tests are SKIPPED: TEST_DATABASE_URL is not set.\n' +
      '            Run them with TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test\n',
  )
}

const storageTests = ['packages/api/test/**/*.test.ts']

export default defineConfig({
  resolve: { alias },
  test: {
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
          name: 'sdk',
          include: ['packages/sdk/test/**/*.test.ts', 'packages/mocks/test/**/*.test.ts'],
          globalSetup: ['packages/sdk/test/setup/api-server.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
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
