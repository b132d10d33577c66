// The patient's own pages, from the links in their messages: the consent receipt, the booking's manage
// page, the download of their data and the unsubscribe page of an optional email. Static HTML, CSS and a module script served by the API, which
// read the object's id and token from the link's fragment and talk to this API only. Public paths (the
// token travels in the Authorization header of the page's own requests), under the app's CSP, which lets
// nothing else load or run (middleware/security-headers). The scripts name the operations they call;
// their methods and paths come from the endpoint table, in a module written here.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { type Endpoint, endpoints, type OperationId } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import { serve } from './define.js'

// From src/routes/ in the repo, or from dist/ once built and published.
export const assetsDir = ['../../assets/', '../assets/']
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
  [endpoints.getUnsubscribePage, { file: 'unsubscribe/unsubscribe.html', type: 'text/html; charset=utf-8' }],
  [
    endpoints.getUnsubscribeScript,
    { file: 'unsubscribe/unsubscribe.js', type: 'text/javascript; charset=utf-8' },
  ],
]

/** What the pages' scripts call, by operation id (`api('cancelBooking', { id })` in assets/patient-page/page.js). */
const PAGE_OPERATIONS = [
  'getBooking',
  'getClinic',
  'getService',
  'getPractitioner',
  'cancelBooking',
  'getAvailability',
  'rescheduleBooking',
  'getConsentReceipt',
  'getConsentDocumentVersion',
  'withdrawConsent',
  'downloadRightsExport',
  'unsubscribeEmail',
] as const satisfies readonly OperationId[]

/** The module the shared script imports: each operation's method and path, as the table has them. */
function operationsModule(): string {
  const operations = Object.fromEntries(
    PAGE_OPERATIONS.map((id) => [
      id,
      { method: endpoints[id].method.toUpperCase(), path: endpoints[id].path },
    ]),
  )
  return `// Written by the API from its endpoint table.\nexport default ${JSON.stringify(operations, null, 2)}\n`
}

// The CSP (nothing but this origin, no frames), no-referrer and nosniff are the app's, as on every answer.
const answer = (c: Context, text: string, type: string) =>
  c.body(text, 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' })

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
      return answer(c, await text, asset.type)
    })
  }
  const operations = operationsModule()
  serve(app, endpoints.getPatientPageOperations, (c) =>
    answer(c, operations, 'text/javascript; charset=utf-8'),
  )
  return app
}
