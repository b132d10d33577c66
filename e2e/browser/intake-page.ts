// A clinic page with <frontdesk-intake> under a strict CSP, talking to the real API the browser tests
// start: Playwright serves only the page itself. The clinic's side (forms, reading responses back) goes
// through the SDK with the demo clinic's secret key, from Node, as a clinic's server would.
import type { FormDefinition } from '@frontdesk/contracts/intake'
import { createFrontdeskAdmin, type FrontdeskAdmin } from '@frontdesk/sdk'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { browserEnv } from './browser.js'

/** The clinic's site: a public https origin, so the page meets the API as a real clinic's page would. */
export const SITE = 'https://clinic.test'
/** The time zone the pages run in, so a test can format a time as the widget shows it. */
export const TIME_ZONE = 'Europe/Berlin'

export function clinicAdmin(): FrontdeskAdmin {
  const env = browserEnv()
  return createFrontdeskAdmin({ secretKey: env.secretKey, baseUrl: env.apiUrl })
}

/** Adds SITE to the demo clinic's allowed origins once; its publishable key works only from those. */
export async function allowSite(admin: FrontdeskAdmin): Promise<void> {
  const { allowedOrigins } = await admin.settings.get()
  if (!allowedOrigins.includes(SITE))
    await admin.settings.update({ allowedOrigins: [...allowedOrigins, SITE] })
}

let forms = 0

/** A form of the test's own, so the responses the test reads back are only the ones it made. */
export async function createForm(admin: FrontdeskAdmin, definition: FormDefinition): Promise<string> {
  const form = await admin.intake.forms.create({ name: `${definition.title} ${++forms}`, definition })
  return form.id
}

/** The one response the widget made for `formId`, read as the clinic reads it (decrypted). */
export async function onlyResponse(admin: FrontdeskAdmin, formId: string) {
  const { data } = await admin.intake.responses.list({ formId })
  expect(data, `exactly one response for ${formId}`).toHaveLength(1)
  return admin.intake.responses.get(data[0]!.id)
}

/** Waits until the widget has started a draft for `formId` and it holds `answers`. */
export async function expectSaved(admin: FrontdeskAdmin, formId: string, answers: unknown): Promise<string> {
  await expect
    .poll(async () => {
      const { data } = await admin.intake.responses.list({ formId })
      return data.length === 1 ? (await admin.intake.responses.get(data[0]!.id)).answers : data.length
    })
    .toEqual(answers)
  return (await onlyResponse(admin, formId)).id
}

export interface IntakePage {
  context: BrowserContext
  page: Page
  /** Events the element dispatched, as `type detail-json`. */
  events(): Promise<string[]>
  cspViolations(): Promise<string[]>
}

export async function openIntakePage(
  browser: Browser,
  formId: string,
  options: { attributes?: Record<string, string>; path?: string } = {},
): Promise<IntakePage> {
  const env = browserEnv()
  const api = new URL(env.apiUrl).origin
  const csp = [
    "default-src 'none'",
    `script-src 'self' ${api}`,
    `connect-src ${api}`,
    "style-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
  ].join('; ')
  const context = await browser.newContext({ locale: 'en-US', timezoneId: TIME_ZONE })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  const attributes = { 'api-base': env.apiUrl, 'publishable-key': env.publishableKey, form: formId }
  const attrs = Object.entries({ ...attributes, ...options.attributes })
    .map(([name, value]) => `${name}="${value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`)
    .join(' ')
  await page.route(`${SITE}/**`, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intake</title></head>
<body><main><h1>Before your visit</h1>
<script type="module" src="${api}/v1/widgets.js"></script>
<frontdesk-intake ${attrs}></frontdesk-intake>
</main></body></html>`,
    }),
  )
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as any).__seen = seen
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`csp ${event.violatedDirective} ${event.blockedURI}`)
    })
    for (const type of [
      'frontdesk-ready',
      'frontdesk-intake-step',
      'frontdesk-intake-saved',
      'frontdesk-intake-submitted',
    ]) {
      document.addEventListener(type, (event) => {
        seen.push(`${type} ${JSON.stringify((event as CustomEvent).detail)}`)
      })
    }
  })
  await page.goto(`${SITE}${options.path ?? '/before-your-visit'}`)
  const seen = () => page.evaluate(() => (window as any).__seen as string[])
  return {
    context,
    page,
    events: async () => (await seen()).filter((line) => !line.startsWith('csp ')),
    cspViolations: async () => (await seen()).filter((line) => line.startsWith('csp ')),
  }
}
