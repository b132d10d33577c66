// Random bytes for ids, tokens and IVs from one 4 KiB pool of the system's CSPRNG: one call into OpenSSL
// (which also asks the kernel for the process id each time, to notice a fork) per 4 KiB instead of one per
// value; a booking needs about ten of them. Each byte is handed out once and the pool refilled, never reused.
import { randomFillSync } from 'node:crypto'

const POOL_BYTES = 4096
const pool = Buffer.allocUnsafe(POOL_BYTES)
let offset = POOL_BYTES

function take(bytes: number): number {
  if (bytes > POOL_BYTES) throw new RangeError(`at most ${POOL_BYTES} random bytes at a time`)
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool)
    offset = 0
  }
  const start = offset
  offset += bytes
  return start
}

/** `bytes` fresh random bytes, in a buffer of their own. */
export function randomPoolBytes(bytes: number): Buffer {
  const start = take(bytes)
  return Buffer.from(pool.subarray(start, start + bytes))
}

/** `bytes` fresh random bytes as base64url text. */
export function randomPoolBase64url(bytes: number): string {
  const start = take(bytes)
  return pool.toString('base64url', start, start + bytes)
}
