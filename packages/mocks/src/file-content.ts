// What an upload's first bytes show, for the formats patients send most, so a renamed file is refused as
// the API refuses it. The API knows many more formats; the mocks take any other type at its word.
const SIGNATURES: { type: string; matches: (bytes: Uint8Array) => boolean }[] = [
  {
    type: 'image/png',
    matches: (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { type: 'image/jpeg', matches: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', matches: (bytes) => ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a') },
  { type: 'image/webp', matches: (bytes) => ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP') },
  { type: 'application/pdf', matches: (bytes) => ascii(bytes, 0, '%PDF-') },
]

/** False only when the claimed type is one the mocks recognise and the content is not it. */
export function contentMatches(contentType: string, bytes: Uint8Array): boolean {
  const signature = SIGNATURES.find((each) => each.type === contentType)
  return signature ? signature.matches(bytes) : true
}

/** `image/jpeg; charset=…` → `image/jpeg`, lower case; `image/jpg` is what some phones send for JPEG. */
export function normalizeContentType(header: string | null): string | null {
  const type = header?.split(';')[0]?.trim().toLowerCase()
  if (!type || !/^[a-z]+\/[a-z0-9.+-]+$/.test(type)) return null
  return type === 'image/jpg' ? 'image/jpeg' : type
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte)
}

function ascii(bytes: Uint8Array, offset: number, text: string): boolean {
  return startsWith(
    bytes.subarray(offset),
    Array.from(text, (char) => char.charCodeAt(0)),
  )
}
