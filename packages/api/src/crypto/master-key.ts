// The master key that wraps every clinic's data key: from FRONTDESK_MASTER_KEY, or generated beside PGlite's data;
// during a rotation FRONTDESK_MASTER_KEY_PREVIOUS adds the keys being replaced.
import { createHash, hkdfSync, randomBytes } from 'node:crypto'
import { link, mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../logger.js'
import { decrypt, encrypt } from './aes-gcm.js'
import { MasterKeyError } from './errors.js'

export const MASTER_KEY_ENV = 'FRONTDESK_MASTER_KEY'
export const MASTER_KEY_PREVIOUS_ENV = 'FRONTDESK_MASTER_KEY_PREVIOUS'
export const MASTER_KEY_FILE = 'master.key'
const KEY_BYTES = 32
const WRAP_FORMAT = 1
const HOW_TO_MAKE = 'make one with `openssl rand -base64 32`'

/**
 * 32 bytes that never leave the process: the field cipher asks it to wrap and unwrap data keys. The
 * bytes sit in a private field, so neither JSON.stringify nor util.inspect shows them.
 */
export class MasterKey {
  readonly #key: Buffer
  /** First 8 bytes of the key's SHA-256, hex: names the key in the database without revealing it. */
  readonly id: string

  private constructor(key: Buffer) {
    this.#key = key
    this.id = createHash('sha256').update(key).digest().subarray(0, 8).toString('hex')
  }

  static fromBytes(bytes: Uint8Array): MasterKey {
    if (bytes.length !== KEY_BYTES) throw new MasterKeyError(`A master key is ${KEY_BYTES} bytes`)
    return new MasterKey(Buffer.from(bytes))
  }

  /** A separate key for another purpose (e.g. signing staff sessions), so this one never leaves the class. */
  deriveKey(purpose: string): Uint8Array {
    return new Uint8Array(hkdfSync('sha256', this.#key, Buffer.alloc(0), `frontdesk ${purpose}`, KEY_BYTES))
  }

  /** The wrapped key is bound to its clinic and version: a row copied elsewhere does not unwrap. */
  wrapDataKey(clinicId: string, version: number, dataKey: Uint8Array): Buffer {
    return encrypt(this.#key, Uint8Array.of(WRAP_FORMAT), dataKey, wrappingAad(clinicId, version))
  }

  /** The data key, or null if `wrapped` was altered, moved, or wrapped by another master key. */
  unwrapDataKey(clinicId: string, version: number, wrapped: Uint8Array): Buffer | null {
    if (wrapped[0] !== WRAP_FORMAT) return null
    const dataKey = decrypt(this.#key, wrapped, 1, wrappingAad(clinicId, version))
    return dataKey?.length === KEY_BYTES ? dataKey : null
  }

  /** The clinic's blind-index key, bound to its clinic and to that purpose: it never unwraps as a data key. */
  wrapIndexKey(clinicId: string, indexKey: Uint8Array): Buffer {
    return encrypt(this.#key, Uint8Array.of(WRAP_FORMAT), indexKey, indexWrappingAad(clinicId))
  }

  unwrapIndexKey(clinicId: string, wrapped: Uint8Array): Buffer | null {
    if (wrapped[0] !== WRAP_FORMAT) return null
    const indexKey = decrypt(this.#key, wrapped, 1, indexWrappingAad(clinicId))
    return indexKey?.length === KEY_BYTES ? indexKey : null
  }
}

const wrappingAad = (clinicId: string, version: number) =>
  Buffer.from(`frontdesk:v1:data-key:${clinicId}:${version}`, 'utf8')
const indexWrappingAad = (clinicId: string) => Buffer.from(`frontdesk:v1:index-key:${clinicId}`, 'utf8')

export interface LoadMasterKeyOptions {
  /** Where FRONTDESK_MASTER_KEY and FRONTDESK_MASTER_KEY_PREVIOUS are read; default process.env. */
  env?: NodeJS.ProcessEnv
  /** PGlite's data folder, which keeps a generated key; `memory://` keeps it in memory only. */
  dataDir: string
  /** Set when the database is a PostgreSQL server: then the key must come from the environment. */
  databaseUrl?: string | undefined
  logger?: Logger | undefined
}

/**
 * The keys a process holds: the current one wraps every new key; the previous ones only unwrap keys
 * still wrapped by them, until `frontdesk keys rotate-master` has re-wrapped those. Spread it into
 * FieldCipherOptions.
 */
export interface MasterKeyRing {
  masterKey: MasterKey
  previousMasterKeys: MasterKey[]
}

/**
 * FRONTDESK_MASTER_KEY wins. Without it, the embedded database gets a key generated once into
 * `<dataDir>/master.key`; a PostgreSQL server is refused, because the processes sharing it must
 * share one key, and a key file per machine would split them without anyone noticing.
 * FRONTDESK_MASTER_KEY_PREVIOUS (comma-separated) adds the keys a rotation is replacing.
 */
export async function loadMasterKey(options: LoadMasterKeyOptions): Promise<MasterKeyRing> {
  const env = options.env ?? process.env
  // Read first: a malformed variable stops the start before a key file is made or a database touched.
  const previous = previousKeys(env[MASTER_KEY_PREVIOUS_ENV])
  if (previous.length > 0 && !env[MASTER_KEY_ENV]) {
    // A rotation needs the new key named: without it the key file (or a newly generated one) would be
    // taken for the new key, and the operator would not know which key wraps what.
    throw new MasterKeyError(
      `${MASTER_KEY_PREVIOUS_ENV} is set but ${MASTER_KEY_ENV} is not. During a rotation ${MASTER_KEY_ENV} ` +
        `holds the new master key and ${MASTER_KEY_PREVIOUS_ENV} the old one (see docs/security.md, ` +
        '"Rotating the master key").',
    )
  }
  const masterKey = await loadCurrentKey({ ...options, env })
  // The current key listed again as a previous one adds nothing.
  return { masterKey, previousMasterKeys: previous.filter((key) => key.id !== masterKey.id) }
}

/** FRONTDESK_MASTER_KEY_PREVIOUS: keys separated by commas, blanks ignored, each named by position if at fault. */
function previousKeys(value: string | undefined): MasterKey[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const keys = new Map<string, MasterKey>()
  for (const [index, entry] of entries.entries()) {
    const where =
      entries.length === 1
        ? MASTER_KEY_PREVIOUS_ENV
        : `${MASTER_KEY_PREVIOUS_ENV} (key ${index + 1} of ${entries.length})`
    const key = MasterKey.fromBytes(decodeKey(entry, where))
    keys.set(key.id, key)
  }
  return [...keys.values()]
}

async function loadCurrentKey(
  options: LoadMasterKeyOptions & { env: NodeJS.ProcessEnv },
): Promise<MasterKey> {
  const { env, dataDir, databaseUrl, logger } = options
  const configured = env[MASTER_KEY_ENV]
  if (configured) return MasterKey.fromBytes(decodeKey(configured, MASTER_KEY_ENV))
  if (databaseUrl) {
    throw new MasterKeyError(
      `${MASTER_KEY_ENV} is not set. With a PostgreSQL server (DATABASE_URL) Frontdesk does not generate ` +
        `a master key: every process sharing the database must use the same one. Set ${MASTER_KEY_ENV} ` +
        `to 32 random bytes in base64 (${HOW_TO_MAKE}) in every process, and back it up: ` +
        'without it the patient data cannot be read.',
    )
  }
  // Like openDatabase: a URL-like folder (memory://) is not on disk, and neither is its key.
  if (dataDir.includes('://')) return MasterKey.fromBytes(randomBytes(KEY_BYTES))

  const path = join(dataDir, MASTER_KEY_FILE)
  let key = await readKeyFile(path)
  const created = key === null
  if (!key) key = await createKeyFile(dataDir, path)
  logger?.warn(
    `Encrypted fields (intake answers, and patient details to come) are sealed under the master key in ${path}. Production must set ${MASTER_KEY_ENV} ` +
      'instead, and back the key up: losing it loses the data.',
    // `event` lets a caller that explains the key itself (the demo) tell this line apart.
    { event: 'master-key-file', path, created },
  )
  return MasterKey.fromBytes(key)
}

/** Base64 or base64url, padded or not, of exactly 32 bytes; `where` names the variable or file at fault. */
export function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim()
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)
    ? Buffer.from(trimmed, 'base64')
    : /^[A-Za-z0-9_-]+={0,2}$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64url')
      : null
  if (bytes?.length === KEY_BYTES) return bytes
  // The value itself stays out of the message: it may be a real key with a typo.
  throw new MasterKeyError(
    `${where} must hold exactly ${KEY_BYTES} bytes in base64 or base64url (44 characters; ${HOW_TO_MAKE}), ` +
      `but ${bytes ? `it decodes to ${bytes.length} bytes` : 'it is not base64'}`,
  )
}

async function readKeyFile(path: string): Promise<Buffer | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  return decodeKey(text, path)
}

/**
 * Writes a new key to a temp file (0600, flushed) and links it into place. A link, unlike a rename,
 * never replaces a key another process put there a moment before: the loser reads the winner's key.
 */
async function createKeyFile(dataDir: string, path: string): Promise<Buffer> {
  await mkdir(dataDir, { recursive: true })
  const temp = join(dataDir, `.${MASTER_KEY_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  const file = await open(temp, 'wx', 0o600)
  try {
    // The mode given to open() passes through the umask; chmod makes it exact.
    await file.chmod(0o600)
    await file.writeFile(`${randomBytes(KEY_BYTES).toString('base64')}\n`)
    await file.sync()
  } finally {
    await file.close()
  }
  try {
    await link(temp, path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // A file system without hard links: rename, which the data folder's lock keeps from racing in `serve`.
    if (code !== 'EEXIST') await rename(temp, path)
  } finally {
    await rm(temp, { force: true })
  }
  const key = await readKeyFile(path)
  if (!key) throw new MasterKeyError(`${path} vanished while it was being created`)
  return key
}
