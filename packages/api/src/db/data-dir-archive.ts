// The embedded database as one archive: PGlite's own dump of its data folder, without the files Frontdesk keeps there.
import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import type { PGlite } from '@electric-sql/pglite'

const BLOCK = 512
const GZIP_MAGIC = [0x1f, 0x8b]

/**
 * PGlite's dump walks the whole data folder, and Frontdesk keeps a few files of its own there: the
 * generated master key (and its temp files while it is written), the folder's lock, and development
 * mail. None of them is the database, and the key must never travel with it.
 */
export function isFrontdeskFile(entryName: string): boolean {
  const top = entryName.replace(/^\/+/, '').split('/')[0] ?? ''
  return /master\.key/.test(top) || top === 'frontdesk.pid' || top === 'outbox'
}

/** The archive holds something it must not, or is not an archive of a data folder at all. */
export class DataDirArchiveError extends Error {
  override name = 'DataDirArchiveError'
}

export interface ArchiveOptions {
  /** Bytes that must not appear anywhere in the archive (the master key, raw and as text): checked after filtering. */
  secrets?: readonly Uint8Array[]
}

/**
 * Dumps the open database's data folder as a gzipped tar in PGlite's format (what `loadDataDir` reads).
 * A checkpoint first writes every change into the data files, so loading it needs no WAL replay; the
 * dump runs under PGlite's query lock, so no statement changes the folder meanwhile.
 */
export async function archiveDatabase(pglite: PGlite, options: ArchiveOptions = {}): Promise<Uint8Array> {
  await pglite.exec('CHECKPOINT')
  const dump = await pglite.dumpDataDir('none')
  const tar = withoutEntries(new Uint8Array(await dump.arrayBuffer()), isFrontdeskFile)
  for (const secret of options.secrets ?? []) {
    const at = Buffer.from(tar.buffer, tar.byteOffset, tar.byteLength).indexOf(secret)
    if (at >= 0) {
      throw new DataDirArchiveError(
        `${entryAt(tar, at) ?? 'a file in the data folder'} holds the master key: move it out of the data folder and back up again`,
      )
    }
  }
  return promisify(gzip)(tar)
}

export interface LoadableArchive {
  /** For `openDatabase({ loadDataDir })`: the tar, uncompressed, with Frontdesk's own files left out. */
  blob: Blob
  /** The PostgreSQL major version the data folder was written by (its PG_VERSION). */
  postgresVersion: string
}

/** Checks that `bytes` (gzipped or not) is a dumped data folder, and prepares it for loading. */
export async function readArchive(bytes: Uint8Array): Promise<LoadableArchive> {
  const zipped = GZIP_MAGIC.every((byte, index) => bytes[index] === byte)
  let tar: Uint8Array
  try {
    tar = zipped ? await promisify(gunzip)(bytes) : bytes
  } catch {
    throw new DataDirArchiveError('the file is damaged: it is gzip, but does not decompress')
  }
  const version = [...entries(tar)].find((entry) => entry.name.replace(/^\/+/, '') === 'PG_VERSION')
  if (!version) {
    throw new DataDirArchiveError(
      'the file is not a backup of an embedded Frontdesk database (no PG_VERSION inside); ' +
        'a pg_dump file goes to a PostgreSQL server with pg_restore',
    )
  }
  const postgresVersion = Buffer.from(tar.subarray(version.dataStart, version.dataStart + version.size))
    .toString('utf8')
    .trim()
  // A backup made by other means may hold the key or the lock of the process that made it: never load those.
  const clean = withoutEntries(tar, isFrontdeskFile)
  return { blob: new Blob([clean], { type: 'application/x-tar' }), postgresVersion }
}

interface TarEntry {
  name: string
  start: number
  dataStart: number
  size: number
  end: number
}

/**
 * The entries of a ustar archive by their header fields: enough to leave some out without unpacking
 * the rest. PGlite's dump writes regular files and folders only, names under 100 bytes.
 */
function* entries(tar: Uint8Array): Generator<TarEntry> {
  let start = 0
  while (start + BLOCK <= tar.length) {
    const header = tar.subarray(start, start + BLOCK)
    if (header.every((byte) => byte === 0)) return
    if (text(header, 257, 5) !== 'ustar') throw new DataDirArchiveError('the file is not a tar archive')
    const prefix = text(header, 345, 131)
    const name = prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100)
    const size = Number.parseInt(text(header, 124, 12).trim() || '0', 8)
    const dataStart = start + BLOCK
    const end = dataStart + Math.ceil(size / BLOCK) * BLOCK
    if (!Number.isFinite(size) || end > tar.length) throw new DataDirArchiveError('the archive is cut short')
    yield { name, start, dataStart, size, end }
    start = end
  }
}

/** The archive with the entries `drop` picks left out, ended by the two empty blocks tar expects. */
function withoutEntries(tar: Uint8Array, drop: (name: string) => boolean): Uint8Array<ArrayBuffer> {
  const kept = [...entries(tar)].filter((entry) => !drop(entry.name))
  const out = new Uint8Array(kept.reduce((total, entry) => total + entry.end - entry.start, 0) + 2 * BLOCK)
  let offset = 0
  for (const entry of kept) {
    out.set(tar.subarray(entry.start, entry.end), offset)
    offset += entry.end - entry.start
  }
  return out
}

function entryAt(tar: Uint8Array, offset: number): string | undefined {
  for (const entry of entries(tar)) if (offset < entry.end) return entry.name.replace(/^\/+/, '')
  return undefined
}

function text(header: Uint8Array, at: number, length: number): string {
  const field = header.subarray(at, at + length)
  const nul = field.indexOf(0)
  return Buffer.from(nul < 0 ? field : field.subarray(0, nul)).toString('utf8')
}
