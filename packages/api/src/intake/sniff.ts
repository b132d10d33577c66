// What an upload really is, from its first bytes: a file claiming to be a JPEG must start like one.
// file-type knows the signatures of the formats patients send (JPEG, PNG, HEIC, WebP, PDF, …), which a
// hand-kept table would trail behind.
import { fileTypeFromBuffer } from 'file-type'

/** The MIME type the content shows, or null when it shows none file-type recognises. */
export async function sniffContentType(bytes: Uint8Array): Promise<string | null> {
  const found = await fileTypeFromBuffer(bytes)
  return found?.mime ?? null
}

/** `image/jpeg; charset=…` → `image/jpeg`, lower case; `image/jpg` is what some phones send for JPEG. */
export function normalizeContentType(header: string | undefined): string | null {
  const type = header?.split(';')[0]?.trim().toLowerCase()
  if (!type || !/^[a-z]+\/[a-z0-9.+-]+$/.test(type)) return null
  return type === 'image/jpg' ? 'image/jpeg' : type
}
