// The newcomer's first minutes with the staff console, as the README tells them: sign in with what the
// demo printed, see the demo bookings, register the example webhook receiver, and watch a signed test
// event arrive there and in the delivery log. (Hours and key rolling: console-changes.test.ts.)
import type { WebhookEvent } from '@frontdesk/sdk'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReceiver } from '../../examples/webhook-receiver/src/receive.js'
import { launchChromium } from './browser.js'
import {
  consoleUi,
  headingShown,
  type OpenedConsole,
  openConsole,
  settled,
  signInAsOwner,
  staffAvailable,
} from './console-page.js'

describe.skipIf(!staffAvailable())('the demo owner’s first visit to the console', () => {
  let browser: Browser
  let opened: OpenedConsole
  const secrets: string[] = []
  const received: WebhookEvent[] = []
  let receiver: Awaited<ReturnType<typeof startReceiver>>

  beforeAll(async () => {
    browser = await launchChromium()
    // Secrets are read per delivery, so the one the console shows can be added once it is shown.
    receiver = await startReceiver({ secrets, port: 0, onEvent: (event) => received.push(event) })
    opened = await openConsole(browser)
    await signInAsOwner(opened.page)
  })
  afterAll(async () => {
    receiver?.server.close()
    await browser?.close()
  })

  it('shows the bookings the demo was seeded with', async () => {
    const ui = consoleUi(opened.page)
    await ui.navLink('Bookings').click()
    await headingShown(opened.page, 'Bookings')
    await ui.button('Next 14 days').click()
    await settled(opened.page)
    for (const name of ['Greta Lindqvist', 'Tomasz Wiśniewski', 'Amara Nwosu']) {
      await expect
        .poll(() => ui.root.getByRole('link', { name, exact: true }).count(), { message: name })
        .toBe(1)
    }
  })

  it('registers the example receiver, whose signature check passes on the test event', async () => {
    const ui = consoleUi(opened.page)
    await ui.navLink('Webhooks').click()
    await headingShown(opened.page, 'Webhooks')
    await ui.button('Add endpoint').click()
    await ui.field('URL').fill(receiver.url)
    await ui.button('Save').click()
    let secret = ''
    await expect
      .poll(async () => {
        secret =
          (
            await ui.root
              .locator('code.secret')
              .textContent()
              .catch(() => null)
          )?.trim() ?? ''
        return secret
      })
      .toMatch(/^whsec_/)
    secrets.push(secret)

    await ui.button(`Send test to ${receiver.url}`).click()
    await expect.poll(() => ui.status.textContent()).toBe('Test delivery: Delivered (204)')
    await expect.poll(() => received.length).toBe(1)
    expect(received[0]).toMatchObject({ type: 'ping' })

    await ui.root.getByRole('link', { name: `Delivery log of ${receiver.url}` }).click()
    await headingShown(opened.page, 'Delivery log')
    await settled(opened.page)
    await expect.poll(() => ui.root.locator('tbody tr').count()).toBeGreaterThan(0)
    expect(opened.pageErrors).toEqual([])
  })
})
