// The clinic site under a strict CSP (no unsafe-inline or unsafe-eval): the widget renders without violations.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium, type OpenedSite, openSite } from './browser.js'
import { CLINIC, widget } from './widget.js'

describe.skipIf(!inject('browser').available)('the widget under a strict Content-Security-Policy', () => {
  let browser: Browser
  let site: OpenedSite

  beforeAll(async () => {
    browser = await launchChromium()
    site = await openSite(browser, { label: 'csp' })
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('serves the page with a CSP that allows no inline script, inline style or eval', () => {
    const policy = site.response?.headers()['content-security-policy']
    expect(policy, 'the site sends a Content-Security-Policy header').toBeTruthy()
    expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'/)
    expect(policy, 'scripts are restricted').toMatch(/\b(script-src|default-src)\b/)
  })

  it('renders the widget, announces it is ready, and raises no violations', async () => {
    const w = widget(site.page)
    expect(await site.page.locator('section frontdesk-booking').count(), 'the widget sits in a section').toBe(
      1,
    )
    await w.heading('service').waitFor()
    for (const service of CLINIC.services) {
      await w.button(service).waitFor()
    }
    await expect
      .poll(async () => (await site.events()).some((event) => event.type === 'frontdesk-ready'))
      .toBe(true)
    expect(
      await site.page.getByText(CLINIC.name).count(),
      'the demo is the Lindenhof practice',
    ).toBeGreaterThan(0)
    expect(await site.cspViolations()).toEqual([])
    expect(site.pageErrors).toEqual([])
  })
})
