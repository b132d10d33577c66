// PGlite allows one process per data folder: a pid file turns a second opener into a clear error, not corruption.
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Another live process holds the data folder; `holder` is its pid, for commands that explain what to do instead. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError'
  constructor(
    readonly dataDir: string,
    readonly holder: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holder}. PGlite serves one process at a time: ` +
        'stop that process first (e.g. frontdesk serve), or set DATABASE_URL to share a PostgreSQL server.',
    )
  }
}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'frontdesk.pid')
  try {
    await writeFile(file, String(process.pid), { flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const holder = Number(await readFile(file, 'utf8').catch(() => ''))
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new DataDirInUseError(dataDir, holder)
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
