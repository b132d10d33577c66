// Each step with the attributes a clinic sets and the error paths a patient can meet, one mounted widget
// per case against the real API: fixed steps, prefill, locale, zones, theme, a bad key, live checking,
// an expiring hold and going back.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, launchChromium } from './browser.js'
import { fillDetails, pickPractitioner, pickService, pickTime, submitBooking } from './flow.js'
import { type Embed, MOUNT_CHROMIUM_ARGS, mount, readEmbed } from './mount.js'
import { expectStepOpened, fieldError, focused, timeNames, widget } from './widget.js'

describe.skipIf(!inject('browser').available)('<frontdesk-booking> step by step', () => {
  let browser: Browser
  let embed: Embed

  beforeAll(async () => {
    browser = await launchChromium(MOUNT_CHROMIUM_ARGS)
    embed = await readEmbed(browser)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('skips the steps the clinic fixed, lists only the rest, and leaves the page focus alone', async () => {
    const { page, context } = await mount(browser, embed, {
      service: embed.serviceIds['General consultation']!,
      practitioner: embed.practitionerIds['Dr. Lena Hoffmann']!,
    })
    const w = widget(page)
    await w.heading('time').waitFor()
    await w.options.first().waitFor()
    expect(await w.steps.getByRole('listitem').allInnerTexts()).toEqual(['Time', 'Your details', 'Confirmed'])
    expect(await focused(page), 'opening on a page must not move its focus').toBeNull()
    await context.close()
  })

  it('starts the details form with the prefill attributes', async () => {
    const { page, context } = await mount(browser, embed, {
      'prefill-name': 'Jana Novák',
      'prefill-email': 'jana@example.org',
      'prefill-phone': '+49 30 901820',
    })
    await pickService(page, 'Vaccination')
    await pickPractitioner(page, 'Any available')
    await pickTime(page, 0)
    const { field } = widget(page)
    expect(await field('Full name').inputValue()).toBe('Jana Novák')
    expect(await field('Email').inputValue()).toBe('jana@example.org')
    expect(await field('Phone').inputValue()).toBe('+49 30 901820')
    await context.close()
  })

  it('speaks German when the page or the attribute asks for it', async () => {
    const { page, context } = await mount(browser, embed, { locale: 'de' })
    const root = page.locator('frontdesk-booking')
    await root.getByRole('heading', { level: 2, name: 'Leistung wählen' }).waitFor()
    await root.getByRole('button', { name: /^Vaccination/ }).click()
    await root.getByRole('button', { name: /^Beliebige freie Person/ }).click()
    await root.getByRole('listbox', { name: 'Freie Uhrzeiten' }).waitFor()
    const days = await root.getByRole('group', { name: 'Tage' }).getByRole('button').allInnerTexts()
    expect(days.join(' ')).toMatch(/\b(Mo|Di|Mi|Do|Fr|Sa|So)\./)
    expect(days.join(' ')).toMatch(/freie Termine|keine freien Termine/)
    await context.close()
  })

  it('offers only times at the location it is given, and calls an unknown one a setup problem', async () => {
    const service = embed.serviceIds['General consultation']!
    const location = Object.values(embed.locationIds)[0]!
    const here = await mount(browser, embed, { service, location })
    const asked: URL[] = []
    here.page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname.startsWith('/v1/availability')) asked.push(url)
    })
    await pickPractitioner(here.page, 'Any available')
    await widget(here.page).options.first().waitFor()
    // The compact times for the shown week at that location, without anyone's practitioner lists.
    expect(asked.map((url) => url.pathname)).toContain('/v1/availability/times')
    expect(asked.every((url) => url.pathname === '/v1/availability/times')).toBe(true)
    const first = asked[0]!.searchParams
    expect(first.get('locationId')).toBe(location)
    expect(first.has('practitioners')).toBe(false)
    expect(first.has('practitionerId')).toBe(false)
    expect((Date.parse(first.get('to')!) - Date.parse(first.get('from')!)) / 86_400_000).toBe(6)
    await here.context.close()

    const nowhere = await mount(browser, embed, { service, location: 'loc_NoSuchPlace0000000000' })
    await widget(nowhere.page).button('Any available').click()
    await expect.poll(() => widget(nowhere.page).alert.textContent()).toMatch(/not set up correctly/i)
    expect(await widget(nowhere.page).options.count()).toBe(0)
    await nowhere.context.close()
  })

  it('explains a key that does not work here in plain words, without a code', async () => {
    const { page, context } = await mount(browser, embed, {
      'publishable-key': 'pk_test_ThisKeyWasNeverIssuedByFrontdesk000',
    })
    const alert = widget(page).alert
    await expect.poll(() => alert.textContent()).toMatch(/not set up correctly.*call the clinic/i)
    expect(await alert.textContent()).not.toMatch(/UNAUTHENTICATED|401|[A-Z]+_[A-Z]+/)
    await context.close()
  })

  it('checks details as they are typed with the API rules, and sends nothing while any is wrong', async () => {
    const { page, context, apiCalls } = await mount(browser, embed, {})
    await pickService(page, 'General consultation')
    await pickPractitioner(page, 'Any available')
    await pickTime(page, 0)
    const { field, submit } = widget(page)
    await field('Email').fill('maria@example')
    await field('Full name').focus()
    expect(await fieldError(field('Email'))).toEqual({
      invalid: true,
      message: expect.stringContaining('Enter an email address like name@example.com'),
    })
    await field('Email').fill('maria@example.org')
    expect((await fieldError(field('Email'))).invalid).toBe(false)

    await submit.click()
    expect((await focused(page))?.label).toBe('Full name')
    expect(await fieldError(field('Full name'))).toEqual({ invalid: true, message: 'Enter your full name.' })
    expect((await fieldError(field('Date of birth'))).invalid).toBe(true)
    expect(apiCalls.filter((call) => call === 'POST /v1/bookings')).toEqual([])
    await context.close()
  })

  it('tells the patient when the hold runs out, then lets them pick a time again', async () => {
    const { page, context, apiCalls } = await mount(
      browser,
      embed,
      {},
      { beforeLoad: (target) => target.clock.install() },
    )
    await pickService(page, 'General consultation')
    await pickPractitioner(page, 'Dr. Lena Hoffmann')
    await pickTime(page, 1)
    const w = widget(page)
    await expect.poll(() => w.status.textContent()).toMatch(/held for you[\s\S]*\b9:5\d\b/)
    await page.clock.runFor(10 * 60_000)
    await expectStepOpened(page, 'time')
    expect(await w.alert.textContent()).toMatch(/could only hold that time/i)
    await w.options.first().waitFor()
    await pickTime(page, 0)
    // Picking again moves the hold it had (PUT with its visit token) instead of making a second one.
    expect(apiCalls.filter((call) => call === 'POST /v1/holds')).toHaveLength(1)
    expect(apiCalls.filter((call) => call.startsWith('PUT /v1/holds/'))).toHaveLength(1)
    await context.close()
  })

  it('keeps what was typed on the way back, and moves the hold to the new time', async () => {
    const { page, context } = await mount(browser, embed, {})
    await pickService(page, 'Physiotherapy session')
    await pickPractitioner(page, 'Samuel Okafor')
    const first = await pickTime(page, 0)
    const w = widget(page)
    await w.field('Full name').fill('Ola Nordmann')
    await w.back.click()
    await expectStepOpened(page, 'time')
    const second = await pickTime(page, 1)
    expect(second.time).not.toBe(first.time)
    expect(await w.status.textContent()).toContain(second.time)
    expect(await w.field('Full name').inputValue()).toBe('Ola Nordmann')
    await context.close()
  })

  it("offers the patient's own time zone when it differs, and shifts every time by the difference", async () => {
    const { page, context } = await mount(browser, embed, {}, { timezoneId: 'America/New_York' })
    await pickService(page, 'General consultation')
    await pickPractitioner(page, 'Dr. Lena Hoffmann')
    const w = widget(page)
    await w.options.first().waitFor()
    const berlin = await timeNames(page)
    await page
      .locator('frontdesk-booking')
      .getByRole('button', { name: /^Show times in .* instead$/ })
      .click()
    const newYork = await timeNames(page)
    const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
    const shifts = new Set(berlin.map((time, i) => (minutes(time) - minutes(newYork[i]!) + 1440) % 1440))
    expect(shifts.size).toBe(1)
    expect([5 * 60, 6 * 60]).toContain([...shifts][0])
    await context.close()
  })

  it("takes a clinic's colours through --frontdesk-* properties and ::part() rules", async () => {
    const { page, context } = await mount(browser, embed, {})
    await widget(page).heading('service').waitFor()
    // A stylesheet built by script: the page's strict CSP allows it, as it would a clinic's own CSS file.
    await page.evaluate(() => {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(
        'frontdesk-booking { --frontdesk-accent: rgb(47, 111, 79); }' +
          'frontdesk-booking::part(heading) { color: rgb(120, 20, 60); }',
      )
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
    })
    const heading = widget(page).heading('service')
    expect(await heading.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(120, 20, 60)')
    await pickService(page, 'General consultation')
    await pickPractitioner(page, 'Any available')
    const selected = widget(page).selectedDay
    await selected.waitFor()
    expect(await selected.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      'rgb(47, 111, 79)',
    )
    await context.close()
  })

  it('passes axe in the dark theme too', async () => {
    const { page, context } = await mount(browser, embed, { theme: 'dark' })
    await pickService(page, 'General consultation')
    expect(await axeCheck(page)).toEqual([])
    await pickPractitioner(page, 'Any available')
    await widget(page).options.first().waitFor()
    expect(await axeCheck(page)).toEqual([])
    await context.close()
  })

  it('fits 320 px (a 640 px window at 200 % zoom) on every step, and leaves no trace in storage, cookies or the URL', async () => {
    const { page, context } = await mount(browser, embed, {}, { viewport: { width: 320, height: 640 } })
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    const start = page.url()
    await widget(page).heading('service').waitFor()
    expect(await overflow(), 'service step scrolls sideways').toBeLessThanOrEqual(0)
    await pickService(page, 'General consultation')
    expect(await overflow(), 'practitioner step scrolls sideways').toBeLessThanOrEqual(0)
    await pickPractitioner(page, 'Any available')
    await widget(page).options.first().waitFor()
    expect(await overflow(), 'time step scrolls sideways').toBeLessThanOrEqual(0)
    await pickTime(page, 0)
    expect(await overflow(), 'details step scrolls sideways').toBeLessThanOrEqual(0)
    await fillDetails(page)
    await submitBooking(page)
    expect(await overflow(), 'confirmation scrolls sideways').toBeLessThanOrEqual(0)
    const traces = await page.evaluate(() => ({
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      cookie: document.cookie,
    }))
    expect(traces).toEqual({ localStorage: 0, sessionStorage: 0, cookie: '' })
    expect(await context.cookies()).toEqual([])
    expect(page.url()).toBe(start)
    await context.close()
  })
})
