// Signs and checks the chains' heads (ledger/head.ts) with Ed25519 under keys derived from the master
// keys: only a process holding a master key can make a head, anyone holding its public key can check one.
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto'
import type { MasterKey, MasterKeyRing } from './master-key.js'

/** An Ed25519 private key in PKCS#8 DER is this prefix and its 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
/** The purpose the seed is derived for: a master key signs nothing itself. */
const PURPOSE = 'chain heads'
/** Signatures checked once are not checked again; this many are remembered. */
const TRUSTED_MAX = 10_000

interface SigningKey {
  /** First 8 bytes of the public key's SHA-256, hex: a head names the key that signed it. */
  id: string
  privateKey: KeyObject
  publicKey: KeyObject
  /** The raw 32-byte public key, base64url: what an auditor is given. */
  publicKeyText: string
}

export type HeadSignatureCheck = 'valid' | 'invalid' | 'unknown-key'

export class ChainHeadKeys {
  readonly #current: SigningKey
  readonly #byId: ReadonlyMap<string, SigningKey>
  /** Fingerprints of (key, message, signature) found valid: the hot path signs, it need not verify too. */
  readonly #trusted = new Set<string>()

  constructor(ring: Pick<MasterKeyRing, 'masterKey'> & { previousMasterKeys?: readonly MasterKey[] }) {
    this.#current = signingKey(ring.masterKey)
    const previous = (ring.previousMasterKeys ?? []).map(signingKey)
    this.#byId = new Map([this.#current, ...previous].map((key) => [key.id, key]))
  }

  /** The key new heads are signed with. */
  get keyId(): string {
    return this.#current.id
  }

  sign(message: Uint8Array): { keyId: string; signature: Buffer } {
    const signature = sign(null, message, this.#current.privateKey)
    this.#trust(fingerprint(this.#current.id, message, signature))
    return { keyId: this.#current.id, signature }
  }

  /** 'unknown-key' when `keyId` is none of the master keys this process holds (current and previous). */
  check(keyId: string, message: Uint8Array, signature: Uint8Array): HeadSignatureCheck {
    const key = this.#byId.get(keyId)
    if (!key) return 'unknown-key'
    const print = fingerprint(keyId, message, signature)
    if (this.#trusted.has(print)) return 'valid'
    if (!verify(null, message, key.publicKey, signature)) return 'invalid'
    this.#trust(print)
    return 'valid'
  }

  /** The public key (raw, base64url) of a key this process holds, or null. */
  publicKey(keyId: string): string | null {
    return this.#byId.get(keyId)?.publicKeyText ?? null
  }

  #trust(print: string) {
    if (this.#trusted.size >= TRUSTED_MAX) this.#trusted.delete(this.#trusted.values().next().value!)
    this.#trusted.add(print)
  }
}

function signingKey(masterKey: MasterKey): SigningKey {
  const seed = masterKey.deriveKey(PURPOSE)
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  })
  const publicKey = createPublicKey(privateKey)
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')
  return {
    id: createHash('sha256').update(raw).digest().subarray(0, 8).toString('hex'),
    privateKey,
    publicKey,
    publicKeyText: raw.toString('base64url'),
  }
}

const fingerprint = (keyId: string, message: Uint8Array, signature: Uint8Array) =>
  createHash('sha256').update(keyId).update('\0').update(message).update('\0').update(signature).digest('hex')
