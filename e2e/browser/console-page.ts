// Staff console test support: open /admin on the demo API
// recording CSP violations and page errors, sign in, and ask the API as the session or a key.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect, inject } from 'vitest'
import { browserEnv, DESKTOP, type ReadyBrowserEnv, type Viewport } from './browser.js'
import { inboxMessages } from './inbox.js'

/** What the demo adds for the console: its owner's credentials. */
export interface StaffEnv extends ReadyBrowserEnv {
  staffEmail: string
  staffPassword: string
}

/** For describe.skipIf: Chromium is there and the demo has a staff owner to sign in as. */
export function staffAvailable(): boolean {
  if (!inject('browser').available) return false
  const env: Partial<StaffEnv> = browserEnv()
  return typeof env.staffEmail === 'string' && typeof env.staffPassword === 'string'
}

export function staffEnv(): StaffEnv {
  return browserEnv() as StaffEnv
}

/** The owner sees every section, in this order, under these names. */
export const SECTIONS = [
  'Bookings',
  'Patients',
  'Go live',
  'Clinic settings',
  'Services',
  'Hours and time off',
  'Messages',
  'Intake forms',
  'Consent documents',
  'API keys',
  'Webhooks',
  'Staff',
  'Audit trail',
  'Rights requests',
  'Retention',
  'Account',
  'Leave Frontdesk',
] as const

export interface OpenedConsole {
  context: BrowserContext
  page: Page
  pageErrors: string[]
  cspViolations(): Promise<string[]>
  close(): Promise<void>
}

export async function openConsole(
  browser: Browser,
  {
    viewport = DESKTOP,
    hash = '',
    locale = 'en-GB',
  }: {
    viewport?: Viewport
    hash?: string /** The browser's language, such as de-DE. */
    locale?: string
  } = {},
): Promise<OpenedConsole> {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    locale,
  })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  const pageErrors: string[] = []
  const cspConsole: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspConsole.push(message.text())
  })
  await page.addInitScript(() => {
    ;(window as unknown as { __csp: string[] }).__csp = []
    document.addEventListener('securitypolicyviolation', (event) => {
      ;(window as unknown as { __csp: string[] }).__csp.push(`${event.violatedDirective} ${event.blockedURI}`)
    })
  })
  await page.goto(new URL(`/admin${hash}`, staffEnv().apiUrl).href)
  return {
    context,
    page,
    pageErrors,
    async cspViolations() {
      return [...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)), ...cspConsole]
    },
    close: () => context.close(),
  }
}

export function consoleUi(page: Page) {
  const root = page.locator('frontdesk-console')
  return {
    root,
    heading: root.getByRole('heading', { level: 1 }),
    nav: root.getByRole('navigation', { name: 'Sections' }),
    navLink: (name: string) =>
      root.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }),
    // Located by role attribute: an empty alert is display:none, which role queries skip.
    alert: root.locator('[role="alert"]'),
    status: root.locator('[role="status"]'),
    field: (label: string) => root.getByLabel(label, { exact: true }),
    button: (name: string | RegExp) => root.getByRole('button', { name, exact: typeof name === 'string' }),
  }
}

/** Signs in with email and password (no TOTP) and waits for the first section's heading. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  const ui = consoleUi(page)
  await headingShown(page, 'Sign in to the staff console')
  await ui.field('Email address').fill(email)
  await ui.field('Password').fill(password)
  await ui.button('Sign in').click()
}

export async function signInAsOwner(page: Page): Promise<void> {
  const env = staffEnv()
  await signIn(page, env.staffEmail, env.staffPassword)
  await headingShown(page, SECTIONS[0])
}

/** Waits for the page's h1 to read `text` (outside a test too, where expect.poll may not run). */
export async function headingShown(page: Page, text: string): Promise<void> {
  await consoleUi(page).root.getByRole('heading', { level: 1, name: text, exact: true }).waitFor()
}

/** The Cookie header the browser holds for the API, to replay outside it. */
export async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookies = await context.cookies(staffEnv().apiUrl)
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
}

/** GET /v1/staff/me with the given Cookie header: 200 while the session lives, 401 after. */
export async function staffMeStatus(cookie: string): Promise<number> {
  const response = await fetch(new URL('/v1/staff/me', staffEnv().apiUrl), { headers: { Cookie: cookie } })
  await response.body?.cancel()
  return response.status
}

/** Waits until the view has loaded what it shows. */
export async function settled(page: Page, message?: string): Promise<void> {
  // A section such as Go live reads several lists before it shows: on a loaded 2-core machine that can
  // take longer than the default poll, which is not the page being stuck.
  await expect
    .poll(() => consoleUi(page).root.getByText('Loading…').count(), { message, timeout: 15_000 })
    .toBe(0)
}

export interface Mail {
  to: string
  subject: string
  text: string
  link: string
}

/** The newest mail to `to` whose subject matches, as the dev inbox caught it over SMTP, with its console link. */
export async function mailTo(to: string, subject: RegExp): Promise<Mail> {
  for (let tries = 0; tries < 50; tries++) {
    const found = (await inboxMessages()).find(
      (message) =>
        message.channel === 'email' &&
        message.to.toLowerCase().includes(to.toLowerCase()) &&
        subject.test(message.subject ?? ''),
    )
    const link = found?.text.match(/https?:\/\/\S+\/admin#\S+/)?.[0]
    if (found && link) return { to, subject: found.subject ?? '', text: found.text, link }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no mail to ${to} matching ${subject} in the dev inbox`)
}
