// Browser test support: launch Chromium, open the demo site recording requests, CSP, events; axe; screenshots.
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { type Browser, type BrowserContext, chromium, type Page, type Response } from 'playwright-core'
import { inject } from 'vitest'
import type { DemoEnv } from './setup.js'

/** The demo this file holds, with the browser to drive it. */
export type ReadyBrowserEnv = DemoEnv & { executablePath: string }

/** The events the widgets dispatch (booking, intake, consent, rights requests), as the page saw them. */
export const WIDGET_EVENTS = [
  'frontdesk-ready',
  'frontdesk-step',
  'frontdesk-booking-confirmed',
  'frontdesk-intake-step',
  'frontdesk-intake-saved',
  'frontdesk-intake-submitted',
  'frontdesk-consent-recorded',
  'frontdesk-rights-request-sent',
] as const

export interface RecordedEvent {
  type: (typeof WIDGET_EVENTS)[number]
  /** `JSON.stringify(event.detail)`, so a test can also check what the detail must not carry. */
  detail: string
}

declare global {
  interface Window {
    __csp: string[]
    __events: RecordedEvent[]
  }
}

export interface Viewport {
  name: string
  width: number
  height: number
  deviceScaleFactor?: number
}

export const DESKTOP: Viewport = { name: 'desktop', width: 1280, height: 800 }
export const PHONE: Viewport = { name: 'phone', width: 390, height: 844, deviceScaleFactor: 2 }

// Flags from FIELD-NOTES: without the background-networking ones Chromium keeps calling unreachable hosts.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url))
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/** The demo this file took (demo-lease.ts, run before the file). */
let leasedDemo: DemoEnv | undefined

export function useDemo(demo: DemoEnv): void {
  leasedDemo = demo
}

/**
 * The provided environment with the demo this file holds; only call it inside a
 * `describe.skipIf(!inject('browser').available)`.
 */
export function browserEnv(): ReadyBrowserEnv {
  const env = inject('browser')
  if (!env.available) throw new Error(`browser tests are not available: ${env.reason}`)
  if (!leasedDemo)
    throw new Error('this file holds no demo: e2e/browser/demo-lease.ts is the project’s setup file')
  return { ...leasedDemo, executablePath: env.executablePath }
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  // Playwright gives every launch a fresh temporary --user-data-dir of its own.
  return chromium.launch({
    executablePath: browserEnv().executablePath,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  })
}

export interface OpenedSite {
  context: BrowserContext
  page: Page
  /** The site document's response. */
  response: Response | null
  siteOrigin: string
  apiOrigin: string
  /** Origins of every http(s) request the page made. */
  origins: Set<string>
  /** Uncaught errors thrown in the page. */
  pageErrors: string[]
  /** CSP violations: from the `securitypolicyviolation` event and from console reports. */
  cspViolations(): Promise<string[]>
  events(): Promise<RecordedEvent[]>
  /** Saves the screen as screenshots/<label>-<NN>-<step>.png, numbered in the order they are taken. */
  screenshot(step: string): Promise<void>
  close(): Promise<void>
}

export interface OpenSiteOptions {
  viewport?: Viewport
  /** Screenshot file prefix; the viewport's name unless given. */
  label?: string
  /** The page of the site to open, e.g. `/intake.html#frontdesk-resume=rt_…`; the home page unless given. */
  path?: string
  /** A whole address instead, such as the API's hosted booking page. */
  url?: string
  /** Runs before the page loads: init scripts of the test's own (isolated.test.ts's hostile page script). */
  beforeLoad?: (page: Page) => Promise<void>
}

export async function openSite(browser: Browser, options: OpenSiteOptions = {}): Promise<OpenedSite> {
  const { viewport = DESKTOP, label = viewport.name, path = '/', url, beforeLoad } = options
  const env = browserEnv()
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    deviceScaleFactor: viewport.deviceScaleFactor ?? 1,
    // en-US because Chromium's date input takes its field order (mm/dd/yyyy) from it.
    locale: 'en-US',
  })
  // Everything is on this machine: a step that has not shown up in 15 s is not coming.
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  const origins = new Set<string>()
  const pageErrors: string[] = []
  const cspConsole: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    // data: and blob: URLs never leave the page; only network requests say where the widget talks to.
    if (url.protocol === 'http:' || url.protocol === 'https:') origins.add(url.origin)
  })
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspConsole.push(message.text())
  })
  await page.addInitScript((eventNames) => {
    window.__csp = []
    window.__events = []
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__csp.push(`${event.violatedDirective} ${event.blockedURI}`)
    })
    for (const type of eventNames) {
      document.addEventListener(type, (event) => {
        window.__events.push({ type, detail: JSON.stringify((event as CustomEvent).detail ?? null) })
      })
    }
  }, WIDGET_EVENTS)
  await beforeLoad?.(page)
  const response = await page.goto(url ?? new URL(path, env.siteUrl).href)

  let shots = 0
  return {
    context,
    page,
    response,
    siteOrigin: new URL(url ?? env.siteUrl).origin,
    apiOrigin: new URL(env.apiUrl).origin,
    origins,
    pageErrors,
    async cspViolations() {
      return [...(await page.evaluate(() => window.__csp)), ...cspConsole]
    },
    events: () => page.evaluate(() => window.__events),
    async screenshot(step) {
      shots += 1
      mkdirSync(SCREENSHOTS, { recursive: true })
      const file = `${label}-${String(shots).padStart(2, '0')}-${step}.png`
      // What the patient sees: the screen where the widget is. Focus already brings it there, except on load.
      const tags = ['frontdesk-booking', 'frontdesk-intake', 'frontdesk-rights-request']
      const focusInWidget = await page.evaluate(
        (names) => names.includes(document.activeElement?.localName ?? ''),
        tags,
      )
      const shown = page.locator(tags.join(', ')).first()
      // A page without a widget (the API's own patient pages) is shown as it is.
      if (!focusInWidget && (await shown.count())) await shown.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOTS}${file}` })
    },
    close: () => context.close(),
  }
}

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/**
 * Runs axe-core over the whole page, open shadow roots included, and returns one readable line per
 * violation (empty when the page passes). The source goes in through the DevTools protocol, which the
 * page's CSP does not govern; a script tag would be blocked by it.
 */
export async function axeCheck(page: Page, options: { disabledRules?: string[] } = {}): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window)
  if (!loaded) await page.evaluate(AXE_SOURCE)
  const rules = Object.fromEntries((options.disabledRules ?? []).map((id) => [id, { enabled: false }]))
  const violations = await page.evaluate(
    ([tags, rules]) =>
      (window as any).axe
        .run(document, { runOnly: tags, rules })
        .then((result: { violations: unknown }) => JSON.parse(JSON.stringify(result.violations))),
    [AXE_TAGS, rules] as const,
  )
  return (violations as AxeViolation[]).map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help}\n` +
      violation.nodes.map(describeNode).join('\n'),
  )
}

/** "at [target] — what to fix", on one line; a target inside a shadow root is a list of selectors. */
function describeNode(node: AxeViolation['nodes'][number]): string {
  const fix = node.failureSummary?.replace(/\s*\n\s*/g, ' ')
  return `    at ${JSON.stringify(node.target)}${fix ? ` — ${fix}` : ''}`
}
