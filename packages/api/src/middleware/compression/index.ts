// Compresses an answer for a client that takes it compressed (brotli or gzip, by its Accept-Encoding), for
// the routes the endpoint table marks `compressed`: large public answers such as availability, the catalogue
// lists and the spec. node:zlib does the work off the main thread; Hono's own `compress` offers no brotli.
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'
import { pickEncoding } from '../../routes/script-response.js'

const brotliAsync = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

export interface CompressionOptions {
  /** Answers smaller than this many bytes go as they are: compressing them saves less than it costs. */
  threshold?: number
  /** 0–11. Quality 4 compresses JSON better than gzip's default in about the same time; 11 is far slower. */
  brotliQuality?: number
  /** 1–9. */
  gzipLevel?: number
}

const COMPRESSIBLE = /^(application\/(json|problem\+json)|text\/)/i
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i

export function compression(options: CompressionOptions = {}): MiddlewareHandler {
  const { threshold = 1024, brotliQuality = 4, gzipLevel = 6 } = options
  return async function compression(c, next) {
    await next()
    const answer = c.res
    // Errors are small and may echo the request's input: they always go as they are.
    if (answer.status !== 200 || c.req.method === 'HEAD' || !answer.body) return
    if (answer.headers.has('Content-Encoding')) return
    if (!COMPRESSIBLE.test(answer.headers.get('Content-Type') ?? '')) return
    if (NO_TRANSFORM.test(answer.headers.get('Cache-Control') ?? '')) return
    // The answer differs by Accept-Encoding whether this one is compressed or not: caches must keep both.
    appendVary(answer.headers, 'Accept-Encoding')
    const encoding = pickEncoding(c.req.header('Accept-Encoding'))
    if (!encoding) return
    const plain = new Uint8Array(await answer.arrayBuffer())
    const packed =
      plain.byteLength < threshold
        ? null
        : encoding === 'br'
          ? await brotliAsync(plain, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: brotliQuality,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: plain.byteLength,
              },
            })
          : await gzipAsync(plain, { level: gzipLevel })
    const headers = new Headers(answer.headers)
    headers.delete('Content-Length')
    if (packed) headers.set('Content-Encoding', encoding)
    // Hono's `c.res` setter would carry the old headers (Content-Length among them) onto the new answer.
    c.res = undefined
    c.res = new Response(packed ? new Uint8Array(packed) : plain, { status: answer.status, headers })
  }
}

function appendVary(headers: Headers, name: string): void {
  const current = headers.get('Vary')
  if (current === '*') return
  if (current?.split(',').some((each) => each.trim().toLowerCase() === name.toLowerCase())) return
  headers.set('Vary', current ? `${current}, ${name}` : name)
}
