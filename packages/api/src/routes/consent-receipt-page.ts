// The patient's consent receipt page: static HTML, CSS and a module script served by the API, which
// read the record id and receipt token from the link's fragment and talk to this API only. Public paths
// (the token travels in the Authorization header of the page's own requests), under a CSP that lets
// nothing else load or run.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import type { AppEnv } from '../env.js'

// From src/routes/ in the repo, or from dist/ once built and published.
const assetsDir = ['../../assets/consent-receipt/', '../assets/consent-receipt/']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((dir) => existsSync(dir)) as string

const ASSETS: Record<string, { file: string; type: string }> = {
  '/consent/receipt': { file: 'receipt.html', type: 'text/html; charset=utf-8' },
  '/consent/receipt.css': { file: 'receipt.css', type: 'text/css; charset=utf-8' },
  '/consent/receipt.js': { file: 'receipt.js', type: 'text/javascript; charset=utf-8' },
}

export const RECEIPT_PAGE_PATHS = new Set(Object.keys(ASSETS).map((path) => `/v1${path}`))

const POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export function consentReceiptPageRoutes() {
  const app = new Hono<AppEnv>()
  const cache = new Map<string, Promise<string>>()
  for (const [path, asset] of Object.entries(ASSETS)) {
    app.get(path, async (c) => {
      let text = cache.get(asset.file)
      if (!text) {
        text = readFile(`${assetsDir}${asset.file}`, 'utf8')
        cache.set(asset.file, text)
      }
      return c.body(await text, 200, {
        'Content-Type': asset.type,
        'Content-Security-Policy': POLICY,
        'Referrer-Policy': 'no-referrer',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      })
    })
  }
  return app
}
