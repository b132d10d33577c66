// Answers a prepared script (the widgets' bundles, the staff console's) the way a browser caches it best:
// a strong ETag per encoding, 304 on a match, and brotli or gzip when the browser takes them.
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import type { WidgetBundle } from '../widgets/bundle.js'

export interface ScriptResponseOptions {
  cacheControl: string
  /** More headers on every answer, 304 included (the widgets' cross-origin ones). */
  headers?: Record<string, string>
}

/** The script's bytes in the encoding the request prefers, or a 304 when the browser has them. */
export async function scriptResponse(
  c: Context<AppEnv>,
  bundle: Pick<WidgetBundle, 'hash' | 'identity' | 'gzip' | 'brotli'>,
  options: ScriptResponseOptions,
): Promise<Response> {
  const encoding = pickEncoding(c.req.header('Accept-Encoding'))
  // A strong tag names exact bytes, so each encoding has its own (RFC 9110 8.8.3).
  const etag = `"${bundle.hash}${encoding ? `-${encoding}` : ''}"`
  const headers: Record<string, string> = {
    ...options.headers,
    'Cache-Control': options.cacheControl,
    ETag: etag,
    Vary: 'Accept-Encoding',
  }
  if (matchesETag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers)
  headers['Content-Type'] = 'text/javascript; charset=utf-8'
  if (encoding) headers['Content-Encoding'] = encoding
  const body = encoding === 'br' ? await bundle.brotli() : encoding === 'gzip' ? bundle.gzip : bundle.identity
  return c.body(body, 200, headers)
}

/** If-None-Match compares weakly: a cache that weakened our tag while compressing still revalidates. */
export function matchesETag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header.split(',').some((tag) => {
    const trimmed = tag.trim()
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag
  })
}

/** Brotli or gzip, whichever the client weighs higher (brotli on a tie), or null for the plain bytes. */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null
  const weights = new Map<string, number>()
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase())
    const q = params.find((param) => param.startsWith('q='))
    weights.set(coding, q ? Number(q.slice(2)) || 0 : 1)
  }
  const weight = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0
  const br = weight('br')
  const gzip = weight('gzip')
  if (br > 0 && br >= gzip) return 'br'
  if (gzip > 0) return 'gzip'
  return null
}
