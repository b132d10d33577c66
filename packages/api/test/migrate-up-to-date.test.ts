// Every `serve` migrates as it starts: on an up-to-date database that is one read of schema_migrations,
// and anything it does not find there (a file or a data step) still takes the whole way.
import { readdir } from 'node:fs/promises'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type OpenedDatabase, openDatabase } from '../src/db/database.js'
import { migrate, migrationsDir } from '../src/db/migrate.js'
import { ANCHORING_STEP } from '../src/ledger/head.js'

let opened: OpenedDatabase

beforeEach(async () => {
  opened = await openDatabase({ dataDir: 'memory://' })
  await migrate(opened.system)
})

afterEach(async () => {
  await opened.close()
})

const applied = async () =>
  (
    await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(opened.system)
  ).rows.map((row) => row.name)

describe('migrate on a database that is up to date', () => {
  it('applies nothing, changes nothing, and reports both data steps done', async () => {
    const files = (await readdir(migrationsDir)).filter((name) => name.endsWith('.sql')).sort()
    const before = await applied()
    const result = await migrate(opened.system)
    expect(result).toEqual({
      applied: [],
      alreadyApplied: files,
      sealing: { state: 'done', sealed: 0 },
      anchoring: { state: 'done', anchored: 0 },
    })
    expect(await applied()).toEqual(before)
  })

  it('takes the whole way when a step is missing, and records it again', async () => {
    await sql`DELETE FROM schema_migrations WHERE name = ${ANCHORING_STEP}`.execute(opened.system)
    const result = await migrate(opened.system)
    expect(result.applied).toEqual([])
    expect(result.anchoring).toEqual({ state: 'done', anchored: 0 })
    expect(await applied()).toContain(ANCHORING_STEP)
  })
})
