// The console's Go live page, from the owner's sign-in: a malformed origin refused beside its field, a good
// one saved; a slug set, with the hosted link and its QR code; the ordinary snippet copied; axe clean, by
// keyboard. (Reception not seeing the page is checked with the invited receptionist in console-invitation.)
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeCheck, launchChromium } from './browser.js'
import {
  consoleUi,
  headingShown,
  openConsole,
  settled,
  signInAsOwner,
  staffAvailable,
  staffEnv,
} from './console-page.js'

async function clinic(method: 'GET' | 'PATCH', body?: unknown) {
  const path = method === 'GET' ? '/v1/clinic/settings' : '/v1/clinic'
  const response = await fetch(new URL(path, staffEnv().apiUrl), {
    method,
    headers: { Authorization: `Bearer ${staffEnv().secretKey}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as { allowedOrigins: string[]; slug: string | null }
}

describe.skipIf(!staffAvailable())('Go live in the staff console', () => {
  let browser: Browser
  // Other files use the demo's slug and origins: they are put back afterwards.
  let before: { allowedOrigins: string[]; slug: string | null }

  beforeAll(async () => {
    before = await clinic('GET')
    browser = await launchChromium()
  })
  afterAll(async () => {
    if (before) await clinic('PATCH', { allowedOrigins: before.allowedOrigins, slug: before.slug })
    await browser?.close()
  })

  it('sets an origin and a slug, shows the hosted link and QR, and copies the snippet', async () => {
    const opened = await openConsole(browser)
    const { page, context } = opened
    const apiOrigin = new URL(staffEnv().apiUrl).origin
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: apiOrigin })
    const ui = consoleUi(page)
    await signInAsOwner(page)

    // By keyboard from the nav.
    await ui.navLink('Go live').focus()
    await page.keyboard.press('Enter')
    await headingShown(page, 'Go live')
    await settled(page)
    expect(await ui.alert.textContent(), `loads without an error: ${opened.pageErrors.join('; ')}`).toBe('')
    expect(opened.pageErrors).toEqual([])

    // A path is no origin: refused in the page, beside the field, before anything is sent.
    const origin = ui.field('Origin')
    await origin.focus()
    await page.keyboard.type('https://go-live.example/book')
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.root.getByText(/That is not an origin/).count()).toBe(1)
    expect(await origin.getAttribute('aria-invalid')).toBe('true')
    expect((await clinic('GET')).allowedOrigins).not.toContain('https://go-live.example')

    await origin.fill('https://go-live.example')
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.root.getByText('https://go-live.example', { exact: true }).count()).toBe(1)
    expect((await clinic('GET')).allowedOrigins).toContain('https://go-live.example')
    await expect.poll(() => ui.root.locator('#go-live-check-origin').textContent()).toContain('Done')

    // A slug: the hosted link and its QR code (an image from this origin, which the CSP allows).
    const slug = `go-live-${Date.now().toString(36)}`
    await ui.field('Page address').fill(slug)
    await ui.button('Save address').click()
    const link = ui.root.locator('#go-live-hosted-link')
    await expect.poll(() => link.textContent()).toContain(`/c/${slug}`)
    expect((await clinic('GET')).slug).toBe(slug)
    const qr = ui.root.locator('#go-live-qr')
    expect(await qr.getAttribute('src')).toBe(`/c/${slug}/qr.svg`)
    await expect
      .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true)
    await expect.poll(() => ui.root.locator('#go-live-check-slug').textContent()).toContain('Done')

    // The ordinary snippet, copied with one key press; "Copied" shows in a status region.
    const copy = ui.button('Copy the ordinary snippet')
    await copy.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => copy.locator('xpath=..').getByRole('status').textContent()).toBe('Copied')
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(await ui.root.locator('#go-live-snippet-ordinary').textContent())
    expect(copied).toMatch(/src="http[^"]+\/v1\/widgets\/[0-9a-f]+\.js"/)
    expect(copied).toMatch(/integrity="sha384-[^"]+"/)
    expect(copied).toMatch(/<frontdesk-booking publishable-key="pk_live_[^"]+"/)

    expect(await axeCheck(page)).toEqual([])
    expect(opened.pageErrors).toEqual([])
    expect(await opened.cspViolations()).toEqual([])
    await opened.close()
  })
})
