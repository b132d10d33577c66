// The patient's own pages, from the links in their messages: the consent receipt, the booking's manage
// page and the download of their data. Static HTML, CSS and a module script served by the API, which
// read the object's id and token from the link's fragment and talk to this API only. Public paths (the
// token travels in the Authorization header of the page's own requests), under a CSP that lets nothing
// else load or run.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { type Endpoint, endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { serve } from './define.js'

// From src/routes/ in the repo, or from dist/ once built and published.
const assetsDir = ['../../assets/', '../assets/']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((dir) => existsSync(`${dir}consent-receipt`)) as string

const ASSETS: [Endpoint, { file: string; type: string }][] = [
  [endpoints.getPatientPageStyles, { file: 'patient-page/page.css', type: 'text/css; charset=utf-8' }],
  [endpoints.getPatientPageScript, { file: 'patient-page/page.js', type: 'text/javascript; charset=utf-8' }],
  [
    endpoints.getConsentReceiptPage,
    { file: 'consent-receipt/receipt.html', type: 'text/html; charset=utf-8' },
  ],
  [
    endpoints.getConsentReceiptScript,
    { file: 'consent-receipt/receipt.js', type: 'text/javascript; charset=utf-8' },
  ],
  [endpoints.getManageBookingPage, { file: 'booking-manage/manage.html', type: 'text/html; charset=utf-8' }],
  [
    endpoints.getManageBookingScript,
    { file: 'booking-manage/manage.js', type: 'text/javascript; charset=utf-8' },
  ],
  [
    endpoints.getRightsDownloadPage,
    { file: 'rights-download/download.html', type: 'text/html; charset=utf-8' },
  ],
  [
    endpoints.getRightsDownloadScript,
    { file: 'rights-download/download.js', type: 'text/javascript; charset=utf-8' },
  ],
]

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
  const app = new OpenAPIHono<AppEnv>()
  const cache = new Map<string, Promise<string>>()
  for (const [entry, asset] of ASSETS) {
    serve(app, entry, async (c) => {
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
