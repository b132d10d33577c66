// `frontdesk backup` and `frontdesk restore`: the embedded database to one archive and back, never with its master key.
import { randomBytes } from 'node:crypto'
import { constants, existsSync } from 'node:fs'
import { copyFile, mkdir, open, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { type Kysely, sql } from 'kysely'
import { MasterKeyError } from './crypto/errors.js'
import { FieldCipher } from './crypto/field-cipher.js'
import {
  decodeKey,
  MASTER_KEY_ENV,
  MASTER_KEY_FILE,
  MASTER_KEY_PREVIOUS_ENV,
  MasterKey,
} from './crypto/master-key.js'
import {
  archiveDatabase,
  DataDirArchiveError,
  type LoadableArchive,
  readArchive,
} from './db/data-dir-archive.js'
import { DataDirInUseError, lockDataDir } from './db/data-dir-lock.js'
import { openDatabase } from './db/database.js'
import { migrate } from './db/migrate.js'
import type { Database } from './db/schema.js'
import type { StorageConfig } from './server.js'

const LOCK_FILE = 'frontdesk.pid'

const onServer = (verb: 'backup' | 'restore') =>
  `frontdesk ${verb} works on the embedded database (PGlite). DATABASE_URL points at a PostgreSQL server: ` +
  `${verb === 'backup' ? 'back it up' : 'restore it'} with PostgreSQL's own tools, e.g.\n` +
  '  pg_dump -Fc "$DATABASE_URL" -f frontdesk.dump\n' +
  '  pg_restore --no-owner --dbname "$EMPTY_DATABASE_URL" frontdesk.dump\n' +
  "and for point-in-time recovery archive the WAL, or use your provider's PITR. See docs/backup.md.\n" +
  `Either way keep ${MASTER_KEY_ENV} apart from the backups.`

export async function backupCommand(
  storage: StorageConfig,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  if (positionals.length !== 1) {
    console.error('Usage: frontdesk backup <file>   e.g. frontdesk backup frontdesk-backup.tar.gz')
    return 2
  }
  if (storage.databaseUrl) {
    console.error(onServer('backup'))
    return 2
  }
  const dataDir = storage.dataDir
  if (!hasDatabase(dataDir)) {
    console.error(
      `No embedded database in ${dataDir}: nothing to back up (FRONTDESK_DATA_DIR names the folder).`,
    )
    return 1
  }
  const file = resolve(positionals[0]!)
  // Inside, each backup would carry the one before it, and a restore would bring them all back.
  const fromDataDir = relative(resolve(dataDir), file)
  if (!fromDataDir.startsWith(`..${sep}`) && !isAbsolute(fromDataDir)) {
    console.error(`Write the backup outside the data folder ${dataDir}.`)
    return 2
  }
  // The key must not be in the archive under any name: whatever key is at hand is looked for in it.
  const secrets = (await masterKeys(env, dataDir)).flatMap((key) => key.texts)
  let opened: Awaited<ReturnType<typeof openDatabase>>
  try {
    opened = await openDatabase({ dataDir })
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error
    console.error(
      `Backup refused: ${dataDir} is in use by process ${error.holder} (frontdesk serve?). PGlite serves one ` +
        'process at a time, so stop the API first and back up then. To back up while the API runs, use a ' +
        'PostgreSQL server (DATABASE_URL) and pg_dump.',
    )
    return 1
  }
  let archive: Uint8Array
  let summary: DatabaseSummary
  try {
    summary = await describeDatabase(opened.system)
    archive = await archiveDatabase(opened.pglite!, { secrets })
  } catch (error) {
    if (!(error instanceof DataDirArchiveError)) throw error
    console.error(`Backup refused: ${error.message}.`)
    return 1
  } finally {
    await opened.close()
  }
  await writePrivateFile(file, archive)
  console.log(
    `Wrote ${file}: ${megabytes(archive.length)}, ${plural(summary.clinics, 'clinic')}, schema at ${summary.schema}.`,
  )
  console.log(
    `It holds no master key: its patient fields open only with ${keyNames(summary.masterKeyIds)}, which ` +
      `this installation reads from ${MASTER_KEY_ENV} or ${join(dataDir, MASTER_KEY_FILE)}. Keep that key ` +
      'apart from the backups, in a secret manager: a backup without its key cannot be read, and losing the ' +
      'key loses the data.',
  )
  return 0
}

export async function restoreCommand(
  storage: StorageConfig,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: 'boolean' } },
  })
  if (positionals.length !== 1) {
    console.error(
      'Usage: frontdesk restore <file> [--force]   into $FRONTDESK_DATA_DIR, which must hold no database',
    )
    return 2
  }
  if (storage.databaseUrl) {
    console.error(onServer('restore'))
    return 2
  }
  const source = positionals[0]!
  let archive: LoadableArchive
  try {
    archive = await readArchive(await readFile(source))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') console.error(`No file ${source}`)
    else if (error instanceof DataDirArchiveError)
      console.error(`Cannot restore ${source}: ${error.message}.`)
    else throw error
    return 1
  }
  const target = resolve(storage.dataDir)
  let unlock = async () => {}
  if (existsSync(target)) {
    try {
      unlock = await lockDataDir(target)
    } catch (error) {
      if (!(error instanceof DataDirInUseError)) throw error
      console.error(
        `Restore refused: ${storage.dataDir} is in use by process ${error.holder}; stop it first.`,
      )
      return 1
    }
  }
  try {
    const present = existsSync(target) ? (await readdir(target)).filter((name) => name !== LOCK_FILE) : []
    // A master.key put there to restore with is welcome; anything else is a database in the way.
    if (present.some((name) => name !== MASTER_KEY_FILE) && !values.force) {
      console.error(
        `Restore refused: ${storage.dataDir} is not empty${hasDatabase(target) ? ' (it holds a database)' : ''}. ` +
          'Restore into an empty or new FRONTDESK_DATA_DIR, or add --force to move the folder aside first ' +
          `(to ${basename(target)}.before-restore-<time>; nothing is deleted).`,
      )
      return 1
    }
    const available = await masterKeys(env, target)
    const key = available.find((each) => each.source !== 'previous')
    const previous = available.filter((each) => each.source === 'previous').map((each) => each.masterKey)
    // Loaded, migrated and checked beside the target, which changes only once all of that has worked.
    const staging = `${target}.restoring-${process.pid}-${randomBytes(3).toString('hex')}`
    let loaded: DatabaseSummary & { applied: string[] }
    try {
      loaded = await loadArchive(staging, archive, key, previous)
    } catch (error) {
      await rm(staging, { recursive: true, force: true })
      if (error instanceof MasterKeyError) {
        console.error(
          `Restore refused: the master key in ${key?.where} does not fit this backup: ${error.message}. ` +
            `Nothing was changed in ${storage.dataDir}.`,
        )
        return 1
      }
      console.error(
        `Restore failed: the archive (a PostgreSQL ${archive.postgresVersion} data folder) did not open. ` +
          `Nothing was changed in ${storage.dataDir}.`,
      )
      throw error
    }
    const aside = await clearTarget(target, staging, key?.source === 'file')
    await rename(staging, target)
    report(source, storage.dataDir, aside, loaded, key)
    return 0
  } finally {
    await unlock()
  }
}

/** Opens the archive as a new data folder, brings its schema up to date and checks the master key on it. */
async function loadArchive(
  dataDir: string,
  archive: LoadableArchive,
  key: AvailableKey | undefined,
  /** FRONTDESK_MASTER_KEY_PREVIOUS, during a rotation: a backup from before it is wrapped by one of them. */
  previousMasterKeys: MasterKey[],
) {
  // Patient data: the folder is the operator's alone (the archive's files are kept as PGlite wrote them).
  await mkdir(dataDir, { mode: 0o700 })
  const opened = await openDatabase({ dataDir, loadDataDir: archive.blob })
  try {
    const { applied } = await migrate(opened.system)
    if (key) {
      await new FieldCipher({
        system: opened.system,
        masterKey: key.masterKey,
        previousMasterKeys,
      }).verifyMasterKey()
    }
    return { ...(await describeDatabase(opened.system)), applied }
  } finally {
    await opened.close()
  }
}

/**
 * Empties the target's place: the master key file moves (or, beside a database, is copied) into the
 * restored folder when it is the key that was checked; what else is there moves aside, never deleted.
 */
async function clearTarget(target: string, staging: string, keyFromFile: boolean): Promise<string | null> {
  if (!existsSync(target)) return null
  await rm(join(target, LOCK_FILE), { force: true })
  const keyFile = join(target, MASTER_KEY_FILE)
  const present = await readdir(target)
  const others = present.filter((name) => name !== MASTER_KEY_FILE)
  if (others.length === 0 && (keyFromFile || present.length === 0)) {
    if (keyFromFile) await rename(keyFile, join(staging, MASTER_KEY_FILE))
    await rmdir(target)
    return null
  }
  if (keyFromFile) await copyFile(keyFile, join(staging, MASTER_KEY_FILE), constants.COPYFILE_EXCL)
  const aside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
  await rename(target, aside)
  return aside
}

function report(
  source: string,
  dataDir: string,
  aside: string | null,
  loaded: DatabaseSummary & { applied: string[] },
  key: AvailableKey | undefined,
) {
  const applied = loaded.applied.length ? ` (brought up to date: ${loaded.applied.join(', ')})` : ''
  console.log(
    `Restored ${source} into ${dataDir}: ${plural(loaded.clinics, 'clinic')}, schema at ${loaded.schema}${applied}.`,
  )
  if (aside)
    console.log(`The folder that was there is now ${aside}; delete it once you have checked the restore.`)
  if (loaded.masterKeyIds.length === 0) {
    console.log('No master key is needed yet: nothing in the backup is sealed.')
  } else if (key) {
    console.log(`The master key from ${key.where} fits the restored data keys.`)
  } else {
    console.log(
      `No master key here. The restored patient fields open only with ${keyNames(loaded.masterKeyIds)}: ` +
        `before frontdesk serve, set ${MASTER_KEY_ENV} to it, or put the ${MASTER_KEY_FILE} file you kept ` +
        `apart into ${dataDir}. A backup does not hold its key.`,
    )
  }
  console.log('Check it with: frontdesk audit verify && frontdesk consent verify')
}

interface AvailableKey {
  masterKey: MasterKey
  source: 'env' | 'previous' | 'file'
  where: string
  /** The key as bytes and as the texts it is written in, for looking for it in an archive. */
  texts: Uint8Array[]
}

/** FRONTDESK_MASTER_KEY first, then `<dir>/master.key`, as `serve` reads them; neither is ever generated here. */
async function masterKeys(env: NodeJS.ProcessEnv, dir: string): Promise<AvailableKey[]> {
  const found: AvailableKey[] = []
  const configured = env[MASTER_KEY_ENV]
  if (configured) found.push(availableKey(configured, 'env', MASTER_KEY_ENV))
  // Keys being rotated out are kept out of archives too, and open a backup made before the rotation.
  for (const text of (env[MASTER_KEY_PREVIOUS_ENV] ?? '').split(',').filter((each) => each.trim())) {
    found.push(availableKey(text, 'previous', MASTER_KEY_PREVIOUS_ENV))
  }
  const path = join(dir, MASTER_KEY_FILE)
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  if (text !== null) found.push(availableKey(text, 'file', path))
  return found
}

function availableKey(text: string, source: AvailableKey['source'], where: string): AvailableKey {
  const bytes = decodeKey(text, where)
  const texts = [text.trim(), bytes.toString('base64'), bytes.toString('base64url')]
  return {
    masterKey: MasterKey.fromBytes(bytes),
    source,
    where,
    texts: [bytes, ...texts.map((written) => Buffer.from(written, 'utf8'))],
  }
}

interface DatabaseSummary {
  clinics: number
  schema: string
  /** Which master keys wrapped the data keys (ids: the first 8 bytes of each key's SHA-256). */
  masterKeyIds: string[]
}

async function describeDatabase(db: Kysely<Database>): Promise<DatabaseSummary> {
  const counted = await sql<{ clinics: string; schema: string | null }>`
    SELECT (SELECT count(*) FROM clinics) AS clinics, (SELECT max(name) FROM schema_migrations) AS schema`.execute(
    db,
  )
  const keys = await db.selectFrom('clinic_data_keys').select('master_key_id').distinct().execute()
  return {
    clinics: Number(counted.rows[0]?.clinics ?? 0),
    schema: counted.rows[0]?.schema ?? 'no migration',
    masterKeyIds: keys.map((row) => row.master_key_id),
  }
}

/** Temp file beside the target (0600, flushed), then renamed over it: a reader never sees half a backup. */
async function writePrivateFile(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    const file = await open(temp, 'wx', 0o600)
    try {
      // The mode given to open() passes through the umask; chmod makes it exact.
      await file.chmod(0o600)
      await file.writeFile(bytes)
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temp, path)
  } finally {
    await rm(temp, { force: true })
  }
}

const hasDatabase = (dataDir: string) => !dataDir.includes('://') && existsSync(join(dataDir, 'PG_VERSION'))
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`
const keyNames = (ids: string[]) =>
  ids.length === 0
    ? 'the master key'
    : `master key ${ids.join(' or ')} (an id: the first 8 bytes of the key's SHA-256)`
