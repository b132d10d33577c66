// Mounts <frontdesk-booking> with chosen attributes on a page of the demo site's origin, under the
// demo's own CSP, so a component test can try one attribute or one error path against the real API.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { browserEnv } from './browser.js'

export interface Embed {
  /** The demo page's script tag attributes and key: what a clinic pastes. */
  scriptSrc: string
  integrity: string
  publishableKey: string
  apiBase: string
  csp: string
  /** The demo clinic's ids by name, read through the API with its publishable key. */
  serviceIds: Record<string, string>
  practitionerIds: Record<string, string>
  locationIds: Record<string, string>
}

/** Reads the embed from the demo page itself, as a clinic would copy it. */
export async function readEmbed(browser: Browser): Promise<Embed> {
  const env = browserEnv()
  const page = await browser.newPage()
  try {
    const response = await page.goto(env.siteUrl)
    const csp = response?.headers()['content-security-policy'] ?? ''
    const read = await page.evaluate(async () => {
      const script = document.querySelector<HTMLScriptElement>('script[type="module"]')!
      const element = document.querySelector('frontdesk-booking')!
      const key = element.getAttribute('publishable-key')!
      const api = element.getAttribute('api-base')!
      const get = async (path: string) =>
        (await (await fetch(`${api}/v1/${path}`, { headers: { Authorization: `Bearer ${key}` } })).json())
          .data as { id: string; name: string }[]
      const byName = (rows: { id: string; name: string }[]) =>
        Object.fromEntries(rows.map((row) => [row.name, row.id]))
      return {
        scriptSrc: script.src,
        integrity: script.integrity,
        publishableKey: key,
        apiBase: api,
        serviceIds: byName(await get('services')),
        practitionerIds: byName(await get('practitioners')),
        locationIds: byName(await get('locations')),
      }
    })
    return { ...read, csp }
  } finally {
    await page.close()
  }
}

export interface Mounted {
  context: BrowserContext
  page: Page
  /** Paths of the API requests the page made, e.g. "POST /v1/holds". */
  apiCalls: string[]
}

let pages = 0

/**
 * A document Playwright fulfils has no address, so Chromium counts it as public and refuses its calls
 * to the loopback API (Local Network Access). The demo site itself is a real loopback server and needs
 * no such flag; only these mounted pages do.
 */
export const MOUNT_CHROMIUM_ARGS = [
  '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights',
]

/** A fresh context and page whose document is the two pasted lines with `attributes` on the element. */
export async function mount(
  browser: Browser,
  embed: Embed,
  attributes: Record<string, string>,
  options: BrowserContextOptions & {
    beforeLoad?: (page: Page) => Promise<void>
    /** Another script tag than the demo's all-in-one (an element's own script, `/v1/widgets/booking.js`). */
    script?: { src: string; integrity: string }
  } = {},
): Promise<Mounted> {
  const {
    beforeLoad,
    script = { src: embed.scriptSrc, integrity: embed.integrity },
    ...contextOptions
  } = options
  const context = await browser.newContext({ locale: 'en-US', ...contextOptions })
  const page = await context.newPage()
  const url = `${new URL(browserEnv().siteUrl).origin}/component-${++pages}.html`
  const all = { 'publishable-key': embed.publishableKey, 'api-base': embed.apiBase, ...attributes }
  const attrs = Object.entries(all)
    .map(([name, value]) => `${name}="${value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`)
    .join(' ')
  await page.route(url, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': embed.csp },
      body: `<!doctype html><html lang="${attributes.lang ?? 'en'}"><head><meta charset="utf-8"><title>Book</title></head>
<body><main><h1>Book</h1>
<script type="module" src="${script.src}" integrity="${script.integrity}" crossorigin="anonymous"></script>
<frontdesk-booking ${attrs}></frontdesk-booking>
</main></body></html>`,
    }),
  )
  const apiCalls: string[] = []
  page.on('request', (request) => {
    const requested = new URL(request.url())
    if (requested.origin === new URL(embed.apiBase).origin)
      apiCalls.push(`${request.method()} ${requested.pathname}`)
  })
  await beforeLoad?.(page)
  await page.goto(url)
  return { context, page, apiCalls }
}
