// The staff console's sign-in and sign-out in Chromium: the session is the server's, and a failed
// sign-in says nothing about whether the account exists.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './browser.js'
import {
  consoleUi,
  type OpenedConsole,
  openConsole,
  SECTIONS,
  sessionCookie,
  signIn,
  signInAsOwner,
  staffAvailable,
  staffEnv,
  staffMeStatus,
} from './console-page.js'

describe.skipIf(!staffAvailable())('signing in to the staff console', () => {
  let browser: Browser
  let opened: OpenedConsole | undefined

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('serves /admin under a strict CSP that the console keeps to', async () => {
    opened = await openConsole(browser)
    const response = await fetch(new URL('/admin', staffEnv().apiUrl))
    const policy = response.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).not.toMatch(/unsafe/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    await expect
      .poll(() => consoleUi(opened!.page).heading.textContent())
      .toBe('Sign in to the staff console')
    expect(await opened.cspViolations()).toEqual([])
    expect(opened.pageErrors).toEqual([])
    await opened.close()
  })

  it('signs in, and signing out ends the session on the server, not just in the browser', async () => {
    opened = await openConsole(browser)
    const { page, context } = opened
    const ui = consoleUi(page)
    await signInAsOwner(page)
    await expect.poll(() => ui.navLink(SECTIONS[0]).getAttribute('aria-current')).toBe('page')
    // The cookie is httpOnly: the page's scripts cannot read it, and the console stores nothing itself.
    expect(await page.evaluate(() => document.cookie)).toBe('')
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0)
    const cookie = await sessionCookie(context)
    expect(cookie).not.toBe('')
    expect(await staffMeStatus(cookie)).toBe(200)

    await ui.button('Sign out').first().click()
    await expect.poll(() => ui.heading.textContent()).toBe('Sign in to the staff console')
    // The same cookie, replayed from outside the browser, no longer opens anything.
    expect(await staffMeStatus(cookie)).toBe(401)
    expect(await staffMeStatus(await sessionCookie(context))).toBe(401)
    expect(await opened.cspViolations()).toEqual([])
    expect(opened.pageErrors).toEqual([])
    await opened.close()
  })

  it('refuses a wrong password with words that do not tell whether the account exists', async () => {
    opened = await openConsole(browser)
    const { page } = opened
    const ui = consoleUi(page)
    const env = staffEnv()

    await signIn(page, env.staffEmail, `${env.staffPassword}-not-it`)
    await expect.poll(() => ui.alert.textContent()).not.toBe('')
    const wrongPassword = (await ui.alert.textContent())?.trim()

    await ui.field('Password').fill('')
    await signIn(page, 'nobody-here@example.org', 'some password long enough')
    await expect.poll(async () => (await ui.alert.textContent())?.trim()).toBe(wrongPassword)

    expect(wrongPassword).toBe('The email address or password is not right.')
    expect(wrongPassword).not.toMatch(/exist|no account|unknown|not found|registered|invalid user/i)
    expect(await ui.heading.textContent()).toBe('Sign in to the staff console')
    expect(await ui.field('Password').evaluate((input) => input.getAttribute('type'))).toBe('password')
    await opened.close()
  })

  it('shows the reset link request the same way for any address', async () => {
    opened = await openConsole(browser)
    const ui = consoleUi(opened.page)
    await expect.poll(() => ui.heading.textContent()).toBe('Sign in to the staff console')
    await ui.button('Forgot your password?').click()
    await expect.poll(() => ui.heading.textContent()).toBe('Reset your password')
    await ui.field('Email address').fill('nobody-here@example.org')
    await ui.button('Send the link').click()
    await expect
      .poll(() => ui.root.getByText(/If that address has a staff account, a link is on its way/).count())
      .toBe(1)
    expect(await ui.alert.textContent()).toBe('')
    await opened.close()
  })
})
