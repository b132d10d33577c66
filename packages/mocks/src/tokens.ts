// Opaque random ids and tokens shaped like the API's, made with Web Crypto so they work in browsers too.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function randomText(length: number, alphabet = ALPHABET): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length))
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('')
}

export function newId(prefix: 'hold' | 'bkg' | 'pat' | 'req' | 'intake' | 'file' | 'cons'): string {
  return `${prefix}_${randomText(22)}`
}

export function newToken(prefix: 'vt' | 'mt' | 'rt' | 'ct'): string {
  return `${prefix}_${randomText(43, `${ALPHABET}-_`)}`
}
