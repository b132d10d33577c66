// Booking on a 390×844 phone screen: no sideways scrolling, touch targets of at least 44×44 px on every step.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium, type OpenedSite, openSite, PHONE } from './browser.js'
import { fillDetails, pickPractitioner, pickService, pickTime, submitBooking } from './flow.js'
import { widget } from './widget.js'

const MIN_TARGET = 44

/** Buttons and options in the widget smaller than 44×44 CSS px, described so the failure names them. */
async function smallTargets(page: Page): Promise<string[]> {
  const { root } = widget(page)
  const targets = [...(await root.getByRole('button').all()), ...(await root.getByRole('option').all())]
  // A locator that matched nothing would pass every step without measuring anything.
  if (targets.length === 0) return ['no buttons or options found in the widget']
  const offenders: string[] = []
  for (const target of targets) {
    const box = await target.boundingBox()
    // Not rendered (e.g. a scrolled-away or collapsed part): nothing to tap.
    if (!box) continue
    if (box.width < MIN_TARGET || box.height < MIN_TARGET) {
      const role = (await target.getAttribute('role')) ?? 'button'
      const name = (await target.getAttribute('aria-label')) ?? (await target.textContent())?.trim() ?? ''
      offenders.push(
        `${role} "${name.replace(/\s+/g, ' ')}" is ${box.width.toFixed(0)}×${box.height.toFixed(0)}`,
      )
    }
  }
  return offenders
}

function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }))
}

describe.skipIf(!inject('browser').available)('booking on a phone at 390×844', () => {
  let browser: Browser
  let site: OpenedSite

  beforeAll(async () => {
    browser = await launchChromium()
    site = await openSite(browser, { viewport: PHONE })
  })
  afterAll(async () => {
    await browser?.close()
  })

  /** Soft, so every step's layout problems are reported together. */
  async function checkStep(step: string) {
    await site.screenshot(step)
    const { scrollWidth, clientWidth } = await horizontalOverflow(site.page)
    expect.soft(scrollWidth, `no horizontal scroll on the "${step}" step`).toBeLessThanOrEqual(clientWidth)
    expect.soft(await smallTargets(site.page), `touch targets on the "${step}" step`).toEqual([])
  }

  it('books a vaccination by phone number, every step fitting the screen', async () => {
    const { page } = site
    const w = widget(page)

    await w.heading('service').waitFor()
    await checkStep('service')
    await pickService(page, 'Vaccination')
    await checkStep('practitioner')
    await pickPractitioner(page, 'Any available')
    await w.options.first().waitFor()
    await checkStep('time')
    await pickTime(page, 0)
    await checkStep('details')
    // A phone number instead of an email: either one is enough, with messages by SMS instead of email.
    await fillDetails(page, { name: 'Jonas Weber', phone: '+49 30 12345678', dateOfBirth: '1992-09-30' })
    await w.channel('Email').uncheck()
    await w.channel('SMS (text message)').check()
    await submitBooking(page)
    await checkStep('confirmation')

    expect(await site.cspViolations()).toEqual([])
    expect(site.pageErrors).toEqual([])
  })
})
