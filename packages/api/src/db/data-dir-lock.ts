// PGlite allows one process per data folder: a pid file turns a second opener into a clear error, not corruption.
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'frontdesk.pid')
  try {
    await writeFile(file, String(process.pid), { flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const holder = Number(await readFile(file, 'utf8').catch(() => ''))
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The data folder ${dataDir} is in use by process ${holder}. PGlite serves one process at a time: ` +
          'stop that process first (e.g. frontdesk serve), or set DATABASE_URL to share a PostgreSQL server.',
      )
    }
    await writeFile(file, String(process.pid))
  }
  return async () => {
    await rm(file, { force: true })
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
