// An element's own script on a page: booking.js alone books, and when the booking is followed by the
// clinic's intake form, <frontdesk-intake> comes from the API's intake.js only then, under the page's CSP.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { browserEnv, launchChromium } from './browser.js'
import { fillDetails, pickPractitioner, pickService, pickTime, submitBooking } from './flow.js'
import { type Embed, MOUNT_CHROMIUM_ARGS, mount, readEmbed } from './mount.js'

describe.skipIf(!inject('browser').available)('booking.js alone on a page', () => {
  let browser: Browser
  let embed: Embed

  beforeAll(async () => {
    browser = await launchChromium(MOUNT_CHROMIUM_ARGS)
    embed = await readEmbed(browser)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it("loads the intake form's element from the API only when the booking's confirmation shows it", async () => {
    const manifest = await (await fetch(`${embed.apiBase}/v1/widgets.json`)).json()
    const { page, context, apiCalls } = await mount(
      browser,
      embed,
      { 'intake-form': browserEnv().intakeFormId },
      {
        script: {
          src: `${embed.apiBase}${manifest.scripts.booking.url}`,
          integrity: manifest.scripts.booking.integrity,
        },
      },
    )
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await pickService(page, 'General consultation')
    await pickPractitioner(page, 'Any available')
    await pickTime(page, 0)
    await fillDetails(page)
    const scripts = () => apiCalls.filter((call) => call.startsWith('GET /v1/widgets/'))
    expect(scripts(), 'nothing but booking.js before the booking').toHaveLength(1)
    await submitBooking(page)

    const defined = await page
      .waitForFunction(() => !!customElements.get('frontdesk-intake'), null, { timeout: 15_000 })
      .then(() => true)
      .catch(() => false)
    expect({ defined, errors, scripts: scripts() }).toEqual({
      defined: true,
      errors: [],
      scripts: [`GET ${manifest.scripts.booking.url}`, 'GET /v1/widgets/intake.js'],
    })
    // The form itself, rendered by the element the page did not load.
    await page.locator('frontdesk-intake').getByRole('heading').first().waitFor()
    await context.close()
  })
})
