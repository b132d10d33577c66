// A patient who leaves the page with a time held and not booked lets it go at once: <frontdesk-booking>,
// loaded from its own script alone, sends a beacon on pagehide, and within a second the time is offered
// again; a booked time is never let go.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from './browser.js'
import { fillDetails, pickPractitioner, pickService, pickTime, submitBooking } from './flow.js'
import { type Embed, MOUNT_CHROMIUM_ARGS, type Mounted, mount, readEmbed } from './mount.js'

const SERVICE = 'General consultation'
const PRACTITIONER = 'Dr. Lena Hoffmann'

describe.skipIf(!inject('browser').available)('a held time when the patient leaves', () => {
  let browser: Browser
  let embed: Embed
  let bookingScript: { src: string; integrity: string }

  beforeAll(async () => {
    browser = await launchChromium(MOUNT_CHROMIUM_ARGS)
    embed = await readEmbed(browser)
    const manifest = await (await fetch(`${embed.apiBase}/v1/widgets.json`)).json()
    bookingScript = {
      src: `${embed.apiBase}${manifest.scripts.booking.url}`,
      integrity: manifest.scripts.booking.integrity,
    }
  })
  afterAll(async () => {
    await browser?.close()
  })

  /** Whether the practitioner is offered at `startsAt`, asked as the clinic's page asks: publishable key, its origin. */
  async function offered(startsAt: string): Promise<boolean> {
    const day = startsAt.slice(0, 10)
    const query = new URLSearchParams({
      serviceId: embed.serviceIds[SERVICE]!,
      practitionerId: embed.practitionerIds[PRACTITIONER]!,
      from: day,
      to: day,
    })
    const response = await fetch(`${embed.apiBase}/v1/availability?${query}`, {
      headers: { Authorization: `Bearer ${embed.publishableKey}`, Origin: new URL(embed.scriptSrc).origin },
    })
    const body = await response.json()
    if (!response.ok) throw new Error(`availability: ${response.status} ${JSON.stringify(body)}`)
    return (body.days as { slots: { startsAt: string }[] }[])
      .flatMap((d) => d.slots)
      .some((slot) => Date.parse(slot.startsAt) === Date.parse(startsAt))
  }

  /** Mounts booking.js alone, picks a time, and returns when it was held. */
  async function holdATime(index: number): Promise<Mounted & { startsAt: string }> {
    const mounted = await mount(browser, embed, {}, { script: bookingScript })
    const { page } = mounted
    await pickService(page, SERVICE)
    const held = page.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().endsWith('/v1/holds'),
    )
    await pickPractitioner(page, PRACTITIONER)
    await pickTime(page, index)
    const { hold } = await (await held).json()
    return { ...mounted, startsAt: hold.startsAt }
  }

  it('lets the time go within a second of navigating away, from booking.js alone', async () => {
    const { page, context, startsAt, apiCalls } = await holdATime(0)
    expect(
      await page.evaluate(() =>
        ['booking', 'intake', 'consent'].map((n) => !!customElements.get(`frontdesk-${n}`)),
      ),
      'booking.js defines <frontdesk-booking> alone',
    ).toEqual([true, false, false])
    // No other script was fetched: the page has the booking element's own and nothing more.
    expect(apiCalls.filter((call) => call.startsWith('GET /v1/widgets'))).toEqual([
      `GET ${new URL(bookingScript.src).pathname}`,
    ])
    expect(await offered(startsAt)).toBe(false)

    // The beacon outlives the page, and neither the page's nor the context's events report it (nor can a
    // route see it): what the next patient sees is what is checked.
    const left = Date.now()
    await page.goto('about:blank')
    await expect.poll(() => offered(startsAt), { timeout: 1000, interval: 100 }).toBe(true)
    expect(Date.now() - left).toBeLessThan(2000)
    await context.close()
  })

  it('keeps a booked time when the patient leaves after booking', async () => {
    const { page, context, startsAt } = await holdATime(1)
    await fillDetails(page)
    await submitBooking(page)
    await page.goto('about:blank')
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await offered(startsAt)).toBe(false)
    await context.close()
  })
})
