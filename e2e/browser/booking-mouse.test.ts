// Booking with the mouse at desktop size: each step opens, passes axe, talks only to the site and the API.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, DESKTOP, launchChromium, type OpenedSite, openSite } from './browser.js'
import { expectHeld, fillDetails, pickPractitioner, pickService, pickTime, submitBooking } from './flow.js'
import {
  CLINIC,
  currentStepIndex,
  dayOfMonth,
  expectDaysConsistent,
  expectStepOpened,
  fieldError,
  PATIENT,
  readDays,
  type Step,
  widget,
  widgetText,
} from './widget.js'

describe.skipIf(!inject('browser').available)('booking with the mouse at 1280×800', () => {
  let browser: Browser
  let site: OpenedSite

  beforeAll(async () => {
    browser = await launchChromium()
    site = await openSite(browser, { viewport: DESKTOP })
  })
  afterAll(async () => {
    await browser?.close()
  })

  /** Soft, so one step's accessibility problems do not hide the next step's. */
  async function checkStep(step: string, indicator?: number) {
    await site.screenshot(step)
    if (indicator !== undefined) {
      expect.soft(await currentStepIndex(site.page), `step indicator on "${step}"`).toBe(indicator)
    }
    expect.soft(await axeCheck(site.page), `axe on the "${step}" step`).toEqual([])
  }

  it('books a general consultation with any practitioner at the first free time', async () => {
    const { page } = site
    const w = widget(page)

    await w.heading('service').waitFor()
    for (const service of CLINIC.services) {
      expect(await w.button(service).count(), `one button for "${service}"`).toBe(1)
    }
    await checkStep('service', 0)

    await pickService(page, 'General consultation')
    // Samuel Okafor sees physiotherapy and vaccination patients only.
    for (const name of ['Any available', 'Dr. Lena Hoffmann']) {
      expect(await w.button(name).count(), `one button for "${name}"`).toBe(1)
    }
    expect(await w.button('Samuel Okafor').count(), 'only practitioners who offer the service').toBe(0)
    expect(await w.back.count(), 'a Back button on the practitioner step').toBe(1)
    await checkStep('practitioner', 1)

    await w.back.click()
    await expectStepOpened(page, 'service')
    await pickService(page, 'General consultation')
    await pickPractitioner(page, 'Any available')

    await w.options.first().waitFor()
    await expectDaysConsistent(page)
    expect(await w.back.count(), 'a Back button on the time step').toBe(1)
    await checkStep('time', 2)

    const firstPage = (await readDays(page)).map((day) => day.name)
    await w.later.click()
    await expect.poll(async () => (await readDays(page)).map((day) => day.name)).not.toEqual(firstPage)
    await site.screenshot('time-later-dates')
    await w.earlier.click()
    await expect.poll(async () => (await readDays(page)).map((day) => day.name)).toEqual(firstPage)
    const firstFree = (await readDays(page)).findIndex((day) => !day.disabled)
    await w.days.nth(firstFree).click()

    const chosen = await pickTime(page, 0)
    await expectHeld(page)
    const countdown = await w.status.filter({ hasText: /held for you/i }).textContent()
    await expect
      .poll(() => w.status.filter({ hasText: /held for you/i }).textContent(), {
        timeout: 5_000,
        message: 'the hold countdown should tick',
      })
      .not.toBe(countdown)
    expect(await w.back.count(), 'a Back button on the details step').toBe(1)
    await checkStep('details', 3)

    await w.submit.click()
    await expect
      .poll(() => fieldError(w.field('Full name')), { message: 'an empty name is reported on the field' })
      .toMatchObject({ invalid: true, message: expect.stringMatching(/\S/) })
    await w.field('Full name').fill(PATIENT.name)
    await w.submit.click()
    await expect
      .poll(
        async () =>
          (await fieldError(w.field('Email'))).invalid || (await fieldError(w.field('Phone'))).invalid,
        { message: 'either email or phone is required' },
      )
      .toBe(true)
    await w.field('Email').fill('marta@')
    await w.submit.click()
    await expect
      .poll(() => fieldError(w.field('Email')), { message: 'a malformed email is reported on the field' })
      .toMatchObject({ invalid: true, message: expect.stringMatching(/\S/) })
    await checkStep('details-errors')

    await fillDetails(page)
    await submitBooking(page)
    const confirmation = await widgetText(page)
    expect(confirmation, 'the confirmation names the booked time').toContain(chosen.time)
    expect(confirmation, 'the confirmation names the booked day').toMatch(
      new RegExp(`\\b${dayOfMonth(chosen.day)}\\b`),
    )
    await checkStep('confirmation')

    const events = await site.events()
    expect(events.some((event) => event.type === 'frontdesk-ready')).toBe(true)
    const steps = events
      .filter((event) => event.type === 'frontdesk-step')
      .map((event) => (JSON.parse(event.detail) as { step: Step }).step)
    // Whether the first step announces itself on load is not promised; every later opening is, Back included.
    expect(steps[0] === 'service' ? steps.slice(1) : steps).toEqual([
      'practitioner',
      'service',
      'practitioner',
      'time',
      'details',
      'confirmation',
    ])
    const confirmed = events.filter((event) => event.type === 'frontdesk-booking-confirmed')
    expect(confirmed).toHaveLength(1)
    const detail = JSON.parse(confirmed[0]!.detail) as Record<string, unknown>
    expect(detail.bookingId).toMatch(/^bkg_/)
    expect(
      Object.keys(detail).filter((key) => !/Id$/.test(key)),
      'the event carries ids only',
    ).toEqual([])
    for (const personal of [PATIENT.name, PATIENT.email, PATIENT.dateOfBirth]) {
      expect(confirmed[0]!.detail).not.toContain(personal)
    }
  })

  it('raised no CSP violations or page errors, and talked only to the site and the API', async () => {
    expect(await site.cspViolations()).toEqual([])
    expect(site.pageErrors).toEqual([])
    expect(
      [...site.origins].filter((origin) => origin !== site.siteOrigin && origin !== site.apiOrigin),
    ).toEqual([])
    expect(site.origins, 'the widget should have called the API').toContain(site.apiOrigin)
  })
})
