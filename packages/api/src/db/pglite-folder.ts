// Opens PGlite on its data folder, once the folder is locked to this process; `frontdesk serve` starts this
// before the rest of the CLI has loaded (./serve-early.ts), so the database comes up while the code does.
import { readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { PGlite, type PGliteOptions } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { lockDataDir } from './data-dir-lock.js'

/** FRONTDESK_DATA_DIR's default: ../server.ts's storageFromEnv and ../serve-early.ts. */
export const DEFAULT_DATA_DIR = './.frontdesk'

/**
 * PGlite's own start parameters, plus a smaller buffer cache than PostgreSQL's default 128 MB: wasm zeroes
 * the whole cache before the database answers, a third of a restart (about 0.3 s of 1 s, measured), and
 * the folder's files stay in the operating system's cache behind it. One clinic's calendar fits many times.
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB']

const DATE_OID = 1082
const INT8_OID = 20

export interface OpenedFolder {
  pglite: PGlite
  /** Lets the folder go (the pid file), once PGlite is closed. */
  unlock(): Promise<void>
}

/**
 * PostgreSQL's wasm, compiled on V8's background threads while the caller goes on; undefined if that fails,
 * and PGlite then loads it itself. Read at once (some 9 MB), so the compiling has begun when this returns:
 * read in turn with the caller's next files, it could wait behind them.
 */
export function compilePgliteWasm(): Promise<WebAssembly.Module | undefined> {
  try {
    const wasm = new URL('pglite.wasm', import.meta.resolve('@electric-sql/pglite'))
    return WebAssembly.compile(readFileSync(wasm)).catch(() => undefined)
  } catch {
    return Promise.resolve(undefined)
  }
}

export async function openPgliteFolder(
  dataDir: string,
  loadDataDir?: Blob | File,
  /** PostgreSQL's wasm compiled already (compilePgliteWasm), if the caller started that earlier. */
  compiled?: Promise<WebAssembly.Module | undefined>,
): Promise<OpenedFolder> {
  let unlock = async () => {}
  if (!dataDir.includes('://')) {
    await mkdir(dataDir, { recursive: true })
    unlock = await lockDataDir(dataDir)
  }
  const options: PGliteOptions = {
    extensions: { btree_gist },
    loadDataDir,
    startParams: PGLITE_START_PARAMS,
    // Dates stay 'YYYY-MM-DD' strings (a Date would shift them by the process's zone); bigints stay strings.
    parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => value },
  }
  const pgliteWasmModule = await compiled?.catch(() => undefined)
  if (pgliteWasmModule) options.pgliteWasmModule = pgliteWasmModule
  try {
    return { pglite: await PGlite.create(dataDir, options), unlock }
  } catch (error) {
    await unlock()
    throw error
  }
}

let early: { dataDir: string; opening: Promise<OpenedFolder> } | undefined

/**
 * Starts opening `dataDir` now, for the next `openDatabase` on the same folder to take. PostgreSQL's wasm
 * starts compiling at once, on other threads, while the caller goes on to load the rest of its code.
 */
export function openPgliteFolderEarly(dataDir: string): void {
  const opening = openPgliteFolder(dataDir, undefined, compilePgliteWasm())
  // Heard when taken; a process that never gets that far ends for its own reason.
  opening.catch(() => {})
  early = { dataDir, opening }
}

/** The early opening of `dataDir`, once; undefined when none was started for that folder. */
export function takeEarlyPgliteFolder(dataDir: string): Promise<OpenedFolder> | undefined {
  if (early?.dataDir !== dataDir) return undefined
  const { opening } = early
  early = undefined
  return opening
}
