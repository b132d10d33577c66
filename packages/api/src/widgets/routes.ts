// Public routes for the widget bundle: a short-cached latest URL, an immutable hashed URL, and its integrity.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { serve } from '../routes/define.js'
import type { WidgetBundle } from './bundle.js'
import { frameRoutes } from './frame-routes.js'

/** Isolated mode's two scripts: the loader a clinic's page uses, and the frame page's own. */
export interface IsolatedScripts {
  loader: () => Promise<WidgetBundle | null>
  frame: () => Promise<WidgetBundle | null>
}

const SHORT_CACHE = 'public, max-age=300, stale-while-revalidate=86400'
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable'
const HASHED_FILE = /^([0-9a-f]{16})\.js$/

/**
 * Any page may load the script: it is the same for every clinic and carries no key. A plain `<script src>`
 * is a no-cors request, which the app's default `Cross-Origin-Resource-Policy: same-origin` would block.
 */
const PUBLIC_ASSET_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
}

export function widgetAssetRoutes(
  widgetBundle: () => Promise<WidgetBundle | null>,
  isolated: IsolatedScripts,
) {
  const app = new OpenAPIHono<AppEnv>()

  const current = async (c: Context<AppEnv>, source = widgetBundle) => {
    // Set before a possible throw, so a page's loader can read why the script is missing.
    c.header('Access-Control-Allow-Origin', '*')
    const bundle = await source()
    if (!bundle) {
      throw new ApiError(
        'NOT_FOUND',
        'The widget bundle is not built yet: run npm run build -w @frontdesk/widgets',
      )
    }
    return bundle
  }

  serve(app, endpoints.getWidgetScript, async (c) => serveScript(c, await current(c), SHORT_CACHE))
  // Before the hashed versions' route, whose {file} would take isolated.js for a hash.
  serve(app, endpoints.getIsolatedWidgetScript, async (c) =>
    serveScript(c, await current(c, isolated.loader), SHORT_CACHE),
  )
  frameRoutes(app, async (c) => serveScript(c, await current(c, isolated.frame), SHORT_CACHE))

  serve(app, endpoints.getWidgetScriptVersion, async (c) => {
    const bundle = await current(c)
    const hash = HASHED_FILE.exec(c.req.param('file') ?? '')?.[1]
    if (hash !== bundle.hash) {
      throw new ApiError('NOT_FOUND', 'No such widget bundle version; /v1/widgets.json names the current one')
    }
    return serveScript(c, bundle, IMMUTABLE_CACHE)
  })

  serve(app, endpoints.getWidgetManifest, async (c) => {
    const bundle = await current(c)
    return c.json(
      {
        url: `/v1/widgets/${bundle.hash}.js`,
        integrity: bundle.integrity,
        bytes: bundle.identity.byteLength,
        gzipBytes: bundle.gzip.byteLength,
      },
      200,
      { ...PUBLIC_ASSET_HEADERS, 'Cache-Control': 'public, max-age=60' },
    )
  })

  return app
}

function serveScript(c: Context<AppEnv>, bundle: WidgetBundle, cacheControl: string): Response {
  const encoding = pickEncoding(c.req.header('Accept-Encoding'))
  // A strong tag names exact bytes, so each encoding has its own (RFC 9110 8.8.3).
  const etag = `"${bundle.hash}${encoding ? `-${encoding}` : ''}"`
  const headers: Record<string, string> = {
    ...PUBLIC_ASSET_HEADERS,
    'Cache-Control': cacheControl,
    ETag: etag,
    Vary: 'Accept-Encoding',
  }
  if (matchesETag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers)
  headers['Content-Type'] = 'text/javascript; charset=utf-8'
  if (encoding) headers['Content-Encoding'] = encoding
  const body = encoding === 'br' ? bundle.brotli : encoding === 'gzip' ? bundle.gzip : bundle.identity
  return c.body(body, 200, headers)
}

/** If-None-Match compares weakly: a cache that weakened our tag while compressing still revalidates. */
function matchesETag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header.split(',').some((tag) => {
    const trimmed = tag.trim()
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag
  })
}

/** Brotli or gzip, whichever the client weighs higher (brotli on a tie), or null for the plain bytes. */
function pickEncoding(header: string | undefined): 'br' | 'gzip' | null {
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
