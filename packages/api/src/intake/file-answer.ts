// How an intake file leaves the API: an attachment that no browser will run or sniff, never cached.
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'

export function fileAnswer(
  c: Context<AppEnv>,
  opened: { file: { id: string; content_type: string }; bytes: Uint8Array },
) {
  return c.body(opened.bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': opened.file.content_type,
    'Content-Disposition': `attachment; filename="${opened.file.id}"`,
    // Stricter than the app's policy (middleware/security-headers), which keeps it: opened as a page,
    // a file the patient sent may load, run and frame nothing.
    'Content-Security-Policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
    'Cache-Control': 'no-store',
  })
}
