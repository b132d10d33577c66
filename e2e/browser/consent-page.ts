// A clinic page with <frontdesk-consent> under a strict CSP, talking to the real API the browser tests
// start: Playwright serves only the page. The clinic's side (writing documents, making the booking whose
// visit token the page gets, reading records back) calls the API from Node with the demo clinic's
// secret key, as a clinic's server would.
import type { ConsentDocument, ConsentRecord } from '@frontdesk/contracts'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { browserEnv } from './browser.js'
import { SITE, TIME_ZONE } from './intake-page.js'

/** One call to the API with the clinic's secret key; anything but `status` fails the test. */
export async function clinicCall<T>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const env = browserEnv()
  const response = await fetch(`${env.apiUrl}/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${env.secretKey}`,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...(method === 'POST' && { 'Idempotency-Key': crypto.randomUUID() }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  if (response.status !== status) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return JSON.parse(text) as T
}

/** A treatment consent signed by hand, in English and German. */
export const TREATMENT = {
  purpose: 'treatment' as const,
  method: 'drawn_signature' as const,
  texts: [
    { language: 'en', title: 'Consent to treatment', body: 'I agree to be **examined and treated**.' },
    {
      language: 'de',
      title: 'Einwilligung in die Behandlung',
      body: 'Ich willige in die **Behandlung** ein.',
    },
  ],
}

/** A privacy notice agreed to with a tick, in English and German. */
export const PRIVACY = {
  purpose: 'privacy_notice' as const,
  method: 'checkbox' as const,
  texts: [
    {
      language: 'en',
      title: 'Privacy notice',
      body: 'We keep your records for ten years. Questions: [privacy@clinic.test](mailto:privacy@clinic.test)',
    },
    { language: 'de', title: 'Datenschutzhinweis', body: 'Wir bewahren Ihre Unterlagen zehn Jahre auf.' },
  ],
}

/** <frontdesk-consent>'s contract as Playwright locators: roles, labels, text. */
export function consent(page: Page) {
  const root = page.locator('frontdesk-consent')
  const section = (title: string) =>
    root.locator('section').filter({ has: page.getByRole('heading', { name: title }) })
  return {
    root,
    section,
    heading: (name: string) => root.getByRole('heading', { level: 2, name }),
    button: (name: string) => root.getByRole('button', { name, exact: true }),
    field: (label: string) => root.getByLabel(label, { exact: true }),
    summary: root.locator('.summary'),
  }
}

let documents = 0

export interface DocumentSpec {
  purpose: ConsentDocument['purpose']
  method: ConsentDocument['current']['method']
  texts: { language: string; title: string; body: string }[]
}

/** A consent document of the test's own, so the records it reads back are only the ones it made. */
export async function createDocument(spec: DocumentSpec): Promise<ConsentDocument> {
  const legalBasis = spec.purpose === 'treatment' ? 'explicit_consent' : 'consent'
  return clinicCall<ConsentDocument>(
    'POST',
    '/consent/documents',
    { name: `${spec.texts[0]?.title} ${++documents}`, legalBasis, ...spec },
    201,
  )
}

/** The records made for a document, oldest first, as the clinic reads them (who signed decrypted). */
export async function recordsOf(documentId: string): Promise<ConsentRecord[]> {
  return (await clinicCall<{ data: ConsentRecord[] }>('GET', `/consent/records?documentId=${documentId}`))
    .data
}

let bookings = 0

/**
 * A booking made by the clinic's server for a patient born on `dateOfBirth`, late in the booking window
 * so the booking tests' first free times stay free. Its visit token is what the consent page records with.
 */
export async function bookVisit(
  dateOfBirth = '1985-04-12',
): Promise<{ bookingId: string; visitToken: string }> {
  const services = await clinicCall<{ data: { id: string; name: string }[] }>('GET', '/services')
  const service = services.data.find((candidate) => candidate.name === 'General consultation')!
  const from = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10)
  const to = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10)
  const availability = await clinicCall<{ days: { slots: { startsAt: string }[] }[] }>(
    'GET',
    `/availability?serviceId=${service.id}&from=${from}&to=${to}`,
  )
  const slots = availability.days.flatMap((day) => day.slots)
  const slot = slots[slots.length - 1 - bookings++]
  if (!slot) throw new Error('no free time left late in the booking window')
  const created = await clinicCall<{ booking: { id: string }; visitToken: string }>(
    'POST',
    '/bookings',
    {
      serviceId: service.id,
      startsAt: slot.startsAt,
      patient: { name: 'Lena Brandt', dateOfBirth, email: 'lena.brandt@example.org' },
    },
    201,
  )
  return { bookingId: created.booking.id, visitToken: created.visitToken }
}

export interface ConsentPage {
  context: BrowserContext
  page: Page
  /** Events the element dispatched, as `type detail-json`. */
  events(): Promise<string[]>
  cspViolations(): Promise<string[]>
  /** Dialogs the page tried to open (alert, confirm, prompt): none may ever appear. */
  dialogs: string[]
  pageErrors: string[]
}

export async function openConsentPage(
  browser: Browser,
  attributes: Record<string, string>,
): Promise<ConsentPage> {
  const env = browserEnv()
  const api = new URL(env.apiUrl).origin
  const csp = [
    "default-src 'none'",
    `script-src 'self' ${api}`,
    `connect-src ${api}`,
    "style-src 'self'",
    "img-src 'self'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ')
  const context = await browser.newContext({ locale: 'en-US', timezoneId: TIME_ZONE })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  const dialogs: string[] = []
  const pageErrors: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()} ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('pageerror', (error) => pageErrors.push(error.message))
  const all = { 'api-base': env.apiUrl, 'publishable-key': env.publishableKey, ...attributes }
  const attrs = Object.entries(all)
    .map(([name, value]) => `${name}="${value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`)
    .join(' ')
  await page.route(`${SITE}/**`, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Consent</title></head>
<body><main><h1>Before your visit</h1>
<script type="module" src="${api}/v1/widgets.js"></script>
<frontdesk-consent ${attrs}></frontdesk-consent>
</main></body></html>`,
    }),
  )
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as any).__seen = seen
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`csp ${event.violatedDirective} ${event.blockedURI}`)
    })
    for (const type of ['frontdesk-ready', 'frontdesk-consent-recorded']) {
      document.addEventListener(type, (event) => {
        seen.push(`${type} ${JSON.stringify((event as CustomEvent).detail)}`)
      })
    }
  })
  await page.goto(`${SITE}/consent`)
  const seen = () => page.evaluate(() => (window as any).__seen as string[])
  return {
    context,
    page,
    dialogs,
    pageErrors,
    events: async () => (await seen()).filter((line) => !line.startsWith('csp ')),
    cspViolations: async () => (await seen()).filter((line) => line.startsWith('csp ')),
  }
}
