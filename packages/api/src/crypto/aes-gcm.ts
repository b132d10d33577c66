// AES-256-GCM with a fresh 12-byte IV: the one cipher behind wrapped data keys and sealed fields.
// node:crypto (OpenSSL underneath) is the well-kept implementation: no third-party crypto to audit or update.
import { createCipheriv, createDecipheriv } from 'node:crypto'
import { randomPoolBytes } from './random-pool.js'

const ALGORITHM = 'aes-256-gcm'
export const IV_BYTES = 12
export const TAG_BYTES = 16

/** `header | IV | ciphertext | tag`. The header travels in the clear; the caller makes it select the key. */
export function encrypt(key: Uint8Array, header: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Buffer {
  // A random IV per message: with 96 bits, one key may seal billions of values before a repeat matters.
  const iv = randomPoolBytes(IV_BYTES)
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(aad)
  const body = cipher.update(plaintext)
  const last = cipher.final()
  return Buffer.concat([header, iv, body, last, cipher.getAuthTag()])
}

/**
 * The plaintext, or null when `sealed` is too short, altered, or was sealed under another key or
 * associated data. Null rather than OpenSSL's error, so callers throw their own, which says nothing
 * about the data.
 */
export function decrypt(
  key: Uint8Array,
  sealed: Uint8Array,
  headerBytes: number,
  aad: Uint8Array,
): Buffer | null {
  if (sealed.length < headerBytes + IV_BYTES + TAG_BYTES) return null
  const iv = sealed.subarray(headerBytes, headerBytes + IV_BYTES)
  const body = sealed.subarray(headerBytes + IV_BYTES, sealed.length - TAG_BYTES)
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES })
  decipher.setAAD(aad)
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
  try {
    // GCM releases plaintext before it checks the tag: nothing is returned unless final() accepts it.
    const opened = decipher.update(body)
    return Buffer.concat([opened, decipher.final()])
  } catch {
    return null
  }
}
