// Two patients choose the same time: the first holds it, the second hears it was just taken and picks again.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium, type OpenedSite, openSite } from './browser.js'
import { expectHeld, fillDetails, offeredTime, pickPractitioner, pickService, submitBooking } from './flow.js'
import { dayOfMonth, expectStepOpened, readDays, timeNames, widget } from './widget.js'

describe.skipIf(!inject('browser').available)('two patients racing for one time', () => {
  let browser: Browser
  let first: OpenedSite
  let second: OpenedSite

  beforeAll(async () => {
    browser = await launchChromium()
    // Separate contexts: no shared cookies or storage, like two people on two machines.
    first = await openSite(browser, { label: 'race-first' })
    second = await openSite(browser, { label: 'race-second' })
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('gives the time to the first to choose it and tells the second in plain words', async () => {
    for (const { page } of [first, second]) {
      await widget(page).heading('service').waitFor()
      await pickService(page, 'General consultation')
      await pickPractitioner(page, 'Dr. Lena Hoffmann')
    }
    const wanted = await offeredTime(first.page, 0)
    expect(await offeredTime(second.page, 0), 'both see the same first day and time').toEqual(wanted)

    const option = (site: OpenedSite) =>
      widget(site.page).times.getByRole('option', { name: wanted.time, exact: true })
    await option(first).click()
    await expectStepOpened(first.page, 'details')
    await expectHeld(first.page)

    const late = widget(second.page)
    await option(second).click()
    const alert = late.alert.filter({ hasText: /just taken/i })
    await alert.waitFor()
    const words = (await alert.textContent()) ?? ''
    await second.screenshot('just-taken')
    expect.soft(words, 'the alert speaks plainly, without codes').not.toMatch(/\b[45]\d\d\b|[a-z]+_[a-z]+/)
    await late.options.first().waitFor()
    // The list may move on to another day when the taken time was its day's last, and that day has its own
    // time of the same name. A day's name also counts its free times, so days are matched by their date.
    const stillOffered = async () =>
      (await readDays(second.page)).some(
        (day) => day.pressed && dayOfMonth(day.name) === dayOfMonth(wanted.day),
      ) && (await timeNames(second.page)).includes(wanted.time)
    await expect
      .poll(stillOffered, { message: `the refreshed times no longer offer ${wanted.day} ${wanted.time}` })
      .toBe(false)
    expect(await late.heading('details').count(), 'the second patient stays on the time step').toBe(0)

    await fillDetails(first.page)
    await submitBooking(first.page)
    await first.screenshot('booked')
    const confirmed = (await first.events()).filter((event) => event.type === 'frontdesk-booking-confirmed')
    expect(confirmed).toHaveLength(1)

    // "So another can be chosen": the second patient's next choice is held.
    await late.options.first().click()
    await expectStepOpened(second.page, 'details')
    await expectHeld(second.page)

    for (const site of [first, second]) {
      expect(await site.cspViolations()).toEqual([])
      expect(site.pageErrors).toEqual([])
    }
  })
})
