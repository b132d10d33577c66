// Vitest global setup: one migrated PGlite database, dumped once, that every test file starts from.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../src/db/database.js'
import { migrate } from '../../src/db/migrate.js'

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'frontdesk-pglite-'))
  const opened = await openDatabase({ dataDir: 'memory://' })
  await migrate(opened.system)
  const dump = await opened.pglite!.dumpDataDir('none')
  const file = join(dir, 'template.tar')
  await writeFile(file, Buffer.from(await dump.arrayBuffer()))
  await opened.close()
  project.provide('storage', { kind: 'pglite', template: file })
  return async () => {
    await rm(dir, { recursive: true, force: true })
  }
}
