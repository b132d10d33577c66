// Field-level encryption at rest: each clinic's data key, wrapped by the master key, seals its patient fields.
// During a master key rotation the previous keys still unwrap what they wrapped; only the current one wraps.
import { createHmac, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { decrypt, encrypt, IV_BYTES, TAG_BYTES } from './aes-gcm.js'
import { ChainHeadKeys } from './chain-head-keys.js'
import { MasterKeyError, SealedDataError } from './errors.js'
import { MASTER_KEY_ENV, MASTER_KEY_PREVIOUS_ENV, type MasterKey } from './master-key.js'

/** Sealed value: format (1 byte) | key version (2 bytes, big-endian) | IV (12) | ciphertext | tag (16). */
const FORMAT = 1
const HEADER_BYTES = 3
const MAX_KEY_VERSION = 0xffff
const DATA_KEY_BYTES = 32

export interface FieldCipherOptions {
  /**
   * The system connection: keys are read by the clinic id each call names, for requests and background
   * work alike, and `verifyMasterKey` looks across every clinic (the app connection would see none).
   */
  system: Kysely<Database>
  /** Wraps every data and index key made from now on, and unwraps those it wrapped. */
  masterKey: MasterKey
  /**
   * Master keys being rotated out (FRONTDESK_MASTER_KEY_PREVIOUS): they only unwrap the rows that name
   * them, until `frontdesk keys rotate-master` has re-wrapped those under `masterKey`.
   */
  previousMasterKeys?: readonly MasterKey[] | undefined
  /** Unwrapped data keys kept in memory, one per clinic and version; the least recently used go first. */
  cacheSize?: number
  /**
   * How long a process keeps sealing with the newest version it knows before it looks again, so a
   * rotation made by another process is picked up. Older versions keep opening meanwhile.
   */
  currentVersionTtlMs?: number
  now?: () => number
}

interface DataKeyRow {
  version: number
  wrapped: Uint8Array
  master_key_id: string
}

/**
 * Seals and opens patient fields with AES-256-GCM under the clinic's data key. The associated data
 * binds each value to its clinic and purpose (`intake_answer:<responseId>:<fieldId>`), so a value
 * copied to another row, field or clinic does not open.
 *
 * Seal before the transaction that stores the value: a clinic's first seal commits its data key on
 * its own connection, and PGlite's one connection would wait for that transaction to end.
 */
export class FieldCipher {
  readonly #db: Kysely<Database>
  readonly #masterKey: MasterKey
  /** Every master key this process holds, by id: a row's master_key_id picks the one that unwraps it. */
  readonly #masterKeys: ReadonlyMap<string, MasterKey>
  readonly #cacheSize: number
  readonly #ttl: number
  readonly #now: () => number
  /** `clinicId:version` → unwrapped key; a promise, so concurrent first uses load it once. */
  readonly #keys = new Map<string, Promise<Buffer>>()
  /** clinicId → the version new seals use, trusted until `until`. */
  readonly #current = new Map<string, { version: Promise<number>; until: number }>()
  /** clinicId → the unwrapped blind-index key. */
  readonly #indexKeys = new Map<string, Promise<Buffer>>()
  /** Signs the audit and consent chains' heads under keys derived from the same master keys. */
  readonly chainHeads: ChainHeadKeys

  constructor(options: FieldCipherOptions) {
    this.#db = options.system
    this.#masterKey = options.masterKey
    this.#masterKeys = new Map(
      [options.masterKey, ...(options.previousMasterKeys ?? [])].map((key) => [key.id, key]),
    )
    this.#cacheSize = options.cacheSize ?? 1000
    this.#ttl = options.currentVersionTtlMs ?? 60_000
    this.#now = options.now ?? Date.now
    this.chainHeads = new ChainHeadKeys(options)
  }

  async seal(clinicId: string, purpose: string, plaintext: string | Uint8Array): Promise<Uint8Array> {
    const aad = associatedData(clinicId, purpose)
    const version = await this.#currentVersion(clinicId)
    const key = await this.#key(clinicId, version)
    const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext
    return encrypt(key, Uint8Array.of(FORMAT, version >> 8, version & 0xff), bytes, aad)
  }

  /** Throws SealedDataError for a value of another clinic or purpose, an altered byte or an unknown key. */
  async open(clinicId: string, purpose: string, sealed: Uint8Array): Promise<Uint8Array> {
    const aad = associatedData(clinicId, purpose)
    if (sealed.length < HEADER_BYTES + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT) {
      throw new SealedDataError('MALFORMED')
    }
    const key = await this.#key(clinicId, (sealed[1]! << 8) | sealed[2]!)
    const plaintext = decrypt(key, sealed, HEADER_BYTES, aad)
    if (!plaintext) throw new SealedDataError('NOT_AUTHENTIC')
    return plaintext
  }

  async openText(clinicId: string, purpose: string, sealed: Uint8Array): Promise<string> {
    return Buffer.from(await this.open(clinicId, purpose, sealed)).toString('utf8')
  }

  /**
   * Opens many values of one clinic at once: each key version is loaded once, then every value is
   * opened without waiting in between (a name search over thousands of patients). Throws as `open`.
   */
  async openTexts(clinicId: string, values: { purpose: string; sealed: Uint8Array }[]): Promise<string[]> {
    const versions = new Set(values.map(({ sealed }) => FieldCipher.keyVersion(sealed) ?? 0))
    const keys = new Map(
      await Promise.all(
        [...versions].map(async (version) => [version, await this.#key(clinicId, version)] as const),
      ),
    )
    return values.map(({ purpose, sealed }) => {
      const version = FieldCipher.keyVersion(sealed)
      if (version === null) throw new SealedDataError('MALFORMED')
      const plaintext = decrypt(keys.get(version)!, sealed, HEADER_BYTES, associatedData(clinicId, purpose))
      if (!plaintext) throw new SealedDataError('NOT_AUTHENTIC')
      return plaintext.toString('utf8')
    })
  }

  /**
   * A blind index: HMAC-SHA-256 under the clinic's index key over `kind` and the normalised value. Equal
   * values of one kind in one clinic give equal indexes; without the key nothing links an index to its
   * value, and the same value in another clinic gives another index.
   */
  async blindIndex(clinicId: string, kind: string, normalisedValue: string): Promise<Buffer> {
    if (!kind || kind.includes('\0')) throw new TypeError('An index kind is needed, without NUL')
    const key = await this.#indexKey(clinicId)
    return createHmac('sha256', key).update(`${kind}\0${normalisedValue}`, 'utf8').digest()
  }

  /**
   * Adds the clinic's next data key version; this process seals with it from now on, others within
   * `currentVersionTtlMs`. Old versions stay and keep opening what they sealed. Two rotations racing
   * make one new version. Answers the version new seals use.
   */
  async rotate(clinicId: string): Promise<number> {
    const newest = await this.#newestRow(clinicId)
    if (newest) this.#masterKeyFor(newest.master_key_id)
    const version = (newest?.version ?? 0) + 1
    if (version > MAX_KEY_VERSION)
      throw new Error(`Clinic ${clinicId} has used all ${MAX_KEY_VERSION} key versions`)
    await this.#insertKey(clinicId, version)
    this.#current.delete(clinicId)
    return this.#currentVersion(clinicId)
  }

  /**
   * Drops what this process holds of a clinic's keys: after a clinic is closed and its key rows deleted,
   * nothing of it opens here any more (other processes never find the rows again either).
   */
  forget(clinicId: string): void {
    for (const id of this.#keys.keys()) if (id.startsWith(`${clinicId}:`)) this.#keys.delete(id)
    this.#current.delete(clinicId)
    this.#indexKeys.delete(clinicId)
  }

  /**
   * Refuses to go on when a data or index key is wrapped by a master key this process does not hold,
   * naming that key's id: `serve` calls it at start-up, so a wrong or missing key stops the start
   * rather than failing at the first read of some clinic's data.
   */
  async verifyMasterKey(): Promise<void> {
    for (const table of ['clinic_data_keys', 'clinic_index_keys'] as const) {
      const other = await this.#db
        .selectFrom(table)
        .select('master_key_id')
        .where('master_key_id', 'not in', [...this.#masterKeys.keys()])
        .limit(1)
        .executeTakeFirst()
      if (other) this.#masterKeyFor(other.master_key_id)
    }
  }

  #indexKey(clinicId: string): Promise<Buffer> {
    const cached = this.#indexKeys.get(clinicId)
    if (cached) return cached
    const loading = this.#loadIndexKey(clinicId)
    remember(this.#indexKeys, clinicId, loading, this.#cacheSize)
    loading.catch(() => {
      if (this.#indexKeys.get(clinicId) === loading) this.#indexKeys.delete(clinicId)
    })
    return loading
  }

  /** The clinic's index key, made on first use: of racing processes one insert wins and all read it back. */
  async #loadIndexKey(clinicId: string): Promise<Buffer> {
    const read = () =>
      this.#db
        .selectFrom('clinic_index_keys')
        .select(['wrapped', 'master_key_id'])
        .where('clinic_id', '=', clinicId)
        .executeTakeFirst()
    let row = await read()
    if (!row) {
      await this.#db
        .insertInto('clinic_index_keys')
        .values({
          clinic_id: clinicId,
          wrapped: this.#masterKey.wrapIndexKey(clinicId, randomBytes(DATA_KEY_BYTES)),
          master_key_id: this.#masterKey.id,
        })
        .onConflict((conflict) => conflict.column('clinic_id').doNothing())
        .execute()
      row = await read()
      if (!row) throw new Error(`No index key for clinic ${clinicId} after creating one`)
    }
    const key = this.#masterKeyFor(row.master_key_id).unwrapIndexKey(clinicId, row.wrapped)
    if (!key) throw new SealedDataError('DATA_KEY_DAMAGED')
    return key
  }

  /** The data key version new seals of the clinic use (a rotation elsewhere shows within the TTL). */
  currentVersion(clinicId: string): Promise<number> {
    return this.#currentVersion(clinicId)
  }

  /** The version of the data key that sealed `sealed`, read from its header; null if it is no sealed value. */
  static keyVersion(sealed: Uint8Array): number | null {
    if (sealed.length < HEADER_BYTES + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT) return null
    return (sealed[1]! << 8) | sealed[2]!
  }

  async #currentVersion(clinicId: string): Promise<number> {
    const now = this.#now()
    const known = this.#current.get(clinicId)
    if (known && known.until > now) return known.version
    const entry = { version: this.#loadCurrentVersion(clinicId), until: now + this.#ttl }
    remember(this.#current, clinicId, entry, this.#cacheSize)
    entry.version.catch(() => {
      if (this.#current.get(clinicId) === entry) this.#current.delete(clinicId)
    })
    return entry.version
  }

  /** The newest version, creating version 1 on first use: of racing processes one insert wins, all read it back. */
  async #loadCurrentVersion(clinicId: string): Promise<number> {
    let newest = await this.#newestRow(clinicId)
    if (!newest) {
      await this.#insertKey(clinicId, 1)
      newest = await this.#newestRow(clinicId)
      if (!newest) throw new Error(`No data key for clinic ${clinicId} after creating one`)
    }
    const unwrapped = this.#unwrap(clinicId, newest)
    remember(this.#keys, `${clinicId}:${newest.version}`, Promise.resolve(unwrapped), this.#cacheSize)
    return newest.version
  }

  #key(clinicId: string, version: number): Promise<Buffer> {
    const id = `${clinicId}:${version}`
    const cached = this.#keys.get(id)
    if (cached) {
      remember(this.#keys, id, cached, this.#cacheSize)
      return cached
    }
    const loading = this.#loadKey(clinicId, version)
    remember(this.#keys, id, loading, this.#cacheSize)
    // A failed load is not remembered: the next call asks the database again.
    loading.catch(() => {
      if (this.#keys.get(id) === loading) this.#keys.delete(id)
    })
    return loading
  }

  async #loadKey(clinicId: string, version: number): Promise<Buffer> {
    const row = await this.#db
      .selectFrom('clinic_data_keys')
      .select(['version', 'wrapped', 'master_key_id'])
      .where('clinic_id', '=', clinicId)
      .where('version', '=', version)
      .executeTakeFirst()
    if (!row) throw new SealedDataError('UNKNOWN_KEY_VERSION')
    return this.#unwrap(clinicId, row)
  }

  #newestRow(clinicId: string): Promise<DataKeyRow | undefined> {
    return this.#db
      .selectFrom('clinic_data_keys')
      .select(['version', 'wrapped', 'master_key_id'])
      .where('clinic_id', '=', clinicId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst()
  }

  async #insertKey(clinicId: string, version: number): Promise<void> {
    const dataKey = randomBytes(DATA_KEY_BYTES)
    // Of racing inserts one wins; the others' keys were never stored, and every caller reads the winner's back.
    await this.#db
      .insertInto('clinic_data_keys')
      .values({
        clinic_id: clinicId,
        version,
        wrapped: this.#masterKey.wrapDataKey(clinicId, version, dataKey),
        master_key_id: this.#masterKey.id,
      })
      .onConflict((conflict) => conflict.columns(['clinic_id', 'version']).doNothing())
      .execute()
  }

  #unwrap(clinicId: string, row: DataKeyRow): Buffer {
    const dataKey = this.#masterKeyFor(row.master_key_id).unwrapDataKey(clinicId, row.version, row.wrapped)
    if (!dataKey) throw new SealedDataError('DATA_KEY_DAMAGED')
    return dataKey
  }

  /** The master key that wrapped a row, or a MasterKeyError naming the one to configure; no key bytes in it. */
  #masterKeyFor(wrappedBy: string): MasterKey {
    const masterKey = this.#masterKeys.get(wrappedBy)
    if (masterKey) return masterKey
    const previous = [...this.#masterKeys.keys()].filter((id) => id !== this.#masterKey.id)
    throw new MasterKeyError(
      `this database's data keys were wrapped by master key ${wrappedBy}, not the one configured ` +
        `(${this.#masterKey.id})${previous.length ? ` nor a previous one (${previous.join(', ')})` : ''}: ` +
        `${MASTER_KEY_ENV} must hold master key ${wrappedBy} or, while a rotation re-wraps the keys under a ` +
        `new one, ${MASTER_KEY_PREVIOUS_ENV} must`,
    )
  }
}

/** `frontdesk:v1:<clinic>:<purpose>`. Clinic ids hold no colon, so no two (clinic, purpose) pairs collide. */
function associatedData(clinicId: string, purpose: string): Buffer {
  if (!clinicId || clinicId.includes(':')) throw new TypeError('A clinic id is needed, without ":"')
  if (!purpose) throw new TypeError("A purpose naming the field's place is needed")
  return Buffer.from(`frontdesk:v1:${clinicId}:${purpose}`, 'utf8')
}

/** Map order is insertion order: re-inserting marks an entry recent, and the oldest go past the limit. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key)
  map.set(key, value)
  for (const oldest of map.keys()) {
    if (map.size <= limit) break
    map.delete(oldest)
  }
}
