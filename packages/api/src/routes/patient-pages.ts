// The patient's own pages, from the links in their messages: the consent receipt, the booking's manage
// page and the download of their data. Static HTML, CSS and a module script served by the API, which
// read the object's id and token from the link's fragment and talk to this API only. Public paths (the
// token travels in the Authorization header of the page's own requests), under a CSP that lets nothing
// else load or run.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import type { AppEnv } from '../env.js'

// From src/routes/ in the repo, or from dist/ once built and published.
const assetsDir = ['../../assets/', '../assets/']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((dir) => existsSync(`${dir}consent-receipt`)) as string

const ASSETS: Record<string, { file: string; type: string }> = {
  '/patient-page.css': { file: 'patient-page/page.css', type: 'text/css; charset=utf-8' },
  '/patient-page.js': { file: 'patient-page/page.js', type: 'text/javascript; charset=utf-8' },
  '/consent/receipt': { file: 'consent-receipt/receipt.html', type: 'text/html; charset=utf-8' },
  '/consent/receipt.js': { file: 'consent-receipt/receipt.js', type: 'text/javascript; charset=utf-8' },
  '/bookings/manage': { file: 'booking-manage/manage.html', type: 'text/html; charset=utf-8' },
  '/bookings/manage.js': { file: 'booking-manage/manage.js', type: 'text/javascript; charset=utf-8' },
  '/rights/download': { file: 'rights-download/download.html', type: 'text/html; charset=utf-8' },
  '/rights/download.js': { file: 'rights-download/download.js', type: 'text/javascript; charset=utf-8' },
}

export const PATIENT_PAGE_PATHS = new Set(Object.keys(ASSETS).map((path) => `/v1${path}`))

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

export function patientPageRoutes() {
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
