// The demo clinic's hosted booking page (/c/demo on the API) on a phone, in Chromium: booking, then the
// intake form, then consent, in English and (through the page's language switcher) in German. Axe finds
// nothing, the page's strict CSP blocks nothing, and every request goes to the API's origin alone.
import type { FrontdeskAdmin } from '@frontdesk/sdk'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, browserEnv, launchChromium, type OpenedSite, openSite, type Viewport } from './browser.js'
import { clinicAdmin, createForm, onlyResponse } from './intake-page.js'

/** The widgets' words in each language (packages/widgets/src/i18n), as a patient reads them. */
const WORDS = {
  en: {
    language: 'English',
    lead: 'Book an appointment',
    service: 'Choose a service',
    anyone: 'Any available practitioner',
    times: 'Available times',
    name: 'Full name',
    email: 'Email',
    dateOfBirth: 'Date of birth',
    book: 'Book appointment',
    booked: /^You['’]re booked$/,
    required: '(required)',
    send: 'Send',
    intakeDone: 'Thank you',
    consent: 'Your consent',
    agree: 'I agree',
    typeInstead: 'Type your name instead',
    typeName: 'Type your full name',
    confirm: 'Confirm',
    consentDone: 'Thank you',
  },
  de: {
    language: 'Deutsch',
    lead: 'Termin buchen',
    service: 'Leistung wählen',
    anyone: 'Beliebige freie Person',
    times: 'Freie Uhrzeiten',
    name: 'Vollständiger Name',
    email: 'E-Mail',
    dateOfBirth: 'Geburtsdatum',
    book: 'Termin buchen',
    booked: /^Ihr Termin ist gebucht$/,
    required: '(Pflichtangabe)',
    send: 'Absenden',
    intakeDone: 'Vielen Dank',
    consent: 'Ihre Einwilligung',
    agree: 'Ich willige ein',
    typeInstead: 'Stattdessen Namen eintippen',
    typeName: 'Ihren vollständigen Namen eintippen',
    confirm: 'Bestätigen',
    consentDone: 'Vielen Dank',
  },
} as const
type Language = keyof typeof WORDS

const SMALL_PHONE: Viewport = { name: 'hosted-320', width: 320, height: 640, deviceScaleFactor: 2 }
const PHONE: Viewport = { name: 'hosted-375', width: 375, height: 720, deviceScaleFactor: 2 }
const QUESTION = 'What brings you in?'

describe.skipIf(!inject('browser').available)('the hosted booking page on a phone', () => {
  let browser: Browser
  let admin: FrontdeskAdmin
  let formBefore: string | null = null

  beforeAll(async () => {
    browser = await launchChromium()
    admin = clinicAdmin()
    formBefore = (await admin.settings.get()).hostedPage.intakeFormId
  })
  afterAll(async () => {
    // The demo clinic is every file's: its hosted page gets its own form back.
    await admin?.settings.update({ hostedPage: { intakeFormId: formBefore } })
    await browser?.close()
  })

  /** A short form of this test's own, so the answer read back is only the one this run sent. */
  async function useOwnForm(): Promise<string> {
    const formId = await createForm(admin, {
      title: 'Before your visit',
      items: [{ id: 'reason', type: 'text', label: QUESTION, required: true }],
    })
    await admin.settings.update({ hostedPage: { intakeFormId: formId } })
    return formId
  }

  async function expectFits(page: Page, step: string) {
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }))
    expect.soft(scrollWidth, `no sideways scrolling on "${step}"`).toBeLessThanOrEqual(clientWidth)
  }

  /** Books the first free general consultation, fills the form and agrees to every consent asked. */
  async function bookThroughConsent(site: OpenedSite, language: Language, patient: string) {
    const { page } = site
    const words = WORDS[language]
    const booking = page.locator('frontdesk-booking')
    await booking
      .getByRole('heading', { level: 2, name: words.service })
      .waitFor()
      .catch(async (error: Error) => {
        // Says why the widget did not start: what it shows, and what the page ran into.
        const shown = await booking.evaluate((host) => host.shadowRoot?.textContent ?? '(no shadow root)')
        const facts = {
          shown: shown.replace(/\s+/g, ' '),
          errors: site.pageErrors,
          csp: await site.cspViolations(),
        }
        throw new Error(`${error.message}\n${JSON.stringify(facts, null, 2)}`)
      })
    await expectFits(page, 'service')
    expect(await axeCheck(page), 'axe on the page as it opens').toEqual([])
    await booking.getByRole('button', { name: /^General consultation/ }).click()
    await booking.getByRole('button', { name: new RegExp(`^${words.anyone}`) }).click()
    const times = booking.getByRole('listbox', { name: words.times, exact: true }).getByRole('option')
    await times.first().click()
    await booking.getByLabel(words.name, { exact: true }).waitFor()
    await expectFits(page, 'details')
    await booking.getByLabel(words.name, { exact: true }).fill(patient)
    await booking
      .getByLabel(words.email, { exact: true })
      .and(booking.locator('input:not([type="checkbox"])'))
      .fill(`${patient.split(' ')[0]!.toLowerCase()}.${Date.now()}@example.org`)
    await booking.getByLabel(words.dateOfBirth, { exact: true }).fill('1987-11-03')
    await booking.getByRole('button', { name: words.book, exact: true }).click()
    await booking.getByRole('heading', { level: 2, name: words.booked }).waitFor()

    const intake = page.locator('frontdesk-intake')
    await intake.getByLabel(`${QUESTION} ${words.required}`).fill('A sore knee after running')
    await expectFits(page, 'intake')
    await intake.getByRole('button', { name: words.send, exact: true }).click()
    await intake.getByRole('heading', { name: words.intakeDone }).waitFor()

    const consent = page.locator('frontdesk-consent')
    await consent.getByRole('heading', { name: words.consent }).waitFor()
    const sections = consent.locator('section')
    const titles = await sections.getByRole('heading').allTextContents()
    expect(titles.length, 'the service asks for consent').toBeGreaterThan(0)
    for (const title of titles) {
      const section = sections.filter({ has: page.getByRole('heading', { name: title }) })
      await section.getByRole('radio', { name: words.agree }).check()
      const typeInstead = section.getByRole('button', { name: words.typeInstead, exact: true })
      if (await typeInstead.count()) await typeInstead.click()
      const typed = section.getByLabel(words.typeName, { exact: true })
      if (await typed.count()) await typed.fill(patient)
    }
    await expectFits(page, 'consent')
    await consent.getByRole('button', { name: words.confirm, exact: true }).click()
    await consent.getByRole('heading', { name: words.consentDone }).first().waitFor()
    expect(await axeCheck(page), 'axe once everything is given').toEqual([])
  }

  async function expectCleanRun(site: OpenedSite) {
    expect(await site.cspViolations()).toEqual([])
    expect(site.pageErrors).toEqual([])
    // The page talks to the API that serves it and to nothing else.
    expect([...site.origins]).toEqual([new URL(browserEnv().apiUrl).origin])
    // Nothing the patient typed ever reaches the address bar.
    expect(new URL(site.page.url()).search).not.toMatch(/@|example\.org|%40/)
  }

  it('books, then takes the intake form and consent, in English at 320 px', async () => {
    const formId = await useOwnForm()
    const site = await openSite(browser, { viewport: SMALL_PHONE, url: browserEnv().hostedBookingUrl })
    expect(site.response?.status()).toBe(200)
    expect(await site.page.evaluate(() => document.documentElement.lang)).toBe('en')
    await site.page.getByRole('heading', { level: 1, name: 'Lindenhof Family Practice' }).waitFor()
    expect(await site.page.getByText(WORDS.en.lead, { exact: true }).count()).toBe(1)

    await bookThroughConsent(site, 'en', 'Ingrid Sommer')
    await site.screenshot('consent-given')
    await expectCleanRun(site)
    expect((await onlyResponse(admin, formId)).answers).toEqual({ reason: 'A sore knee after running' })
    await site.close()
  })

  it('switches to German with its language links and does the same in German', async () => {
    const formId = await useOwnForm()
    const site = await openSite(browser, { viewport: PHONE, url: browserEnv().hostedBookingUrl })
    const languages = site.page.getByRole('navigation', { name: 'Language' })
    expect(await languages.getByRole('link', { name: 'English' }).getAttribute('aria-current')).toBe('page')
    await languages.getByRole('link', { name: 'Deutsch' }).click()
    await site.page.waitForURL(/\?lang=de$/)
    expect(await site.page.evaluate(() => document.documentElement.lang)).toBe('de')
    expect(await site.page.getByText(WORDS.de.lead, { exact: true }).count()).toBe(1)
    const sprache = site.page.getByRole('navigation', { name: 'Sprache' })
    expect(await sprache.getByRole('link', { name: 'Deutsch' }).getAttribute('aria-current')).toBe('page')

    await bookThroughConsent(site, 'de', 'Jonas Albrecht')
    await site.screenshot('einwilligung')
    await expectCleanRun(site)
    expect((await onlyResponse(admin, formId)).answers).toEqual({ reason: 'A sore knee after running' })
    await site.close()
  })
})
