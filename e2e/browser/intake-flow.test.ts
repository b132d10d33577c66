// End to end on the demo site, real API and storage: a patient books, the new-patient history follows in
// the same widget, they fill a list of medicines and upload their insurance card, leave, come back with
// the link they were given, and send it. The clinic then reads it back decrypted through the SDK, and the
// host page never learned more than ids.
import { createFrontdeskAdmin } from '@frontdesk/sdk'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, browserEnv, DESKTOP, launchChromium, openSite } from './browser.js'
import { fillDetails, pickPractitioner, pickService, pickTime } from './flow.js'
import { expectStepOpened, PATIENT, readDays, widget } from './widget.js'

/** A 1×1 PNG: what the API's content check recognises as image/png. */
const CARD = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/** What the patient types: distinctive, so it can be looked for where it must not be. */
const TYPED = {
  reason: 'Recurring migraines since the spring',
  street: 'Wrangelstraße 77',
  insurer: 'Techniker Krankenkasse',
  daily: 'Levothyroxine',
  dose: '50 micrograms',
  occasional: 'Sumatriptan',
  signedBy: 'Marta Kowalczyk',
}

function intake(page: Page) {
  const root = page.locator('frontdesk-intake')
  return {
    root,
    step: (name: string) => root.getByRole('heading', { level: 3, name, exact: true }),
    field: (label: string) => root.getByLabel(label, { exact: true }),
    button: (name: string) => root.getByRole('button', { name, exact: true }),
  }
}

describe.skipIf(!inject('browser').available)('booking, then intake, on the demo site', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('books, fills the history with two medicines and a card photo, leaves, resumes from the link and sends it; the clinic reads it', async () => {
    const env = browserEnv()
    const site = await openSite(browser, { viewport: DESKTOP, label: 'intake-flow' })
    const { page } = site

    // Booking, as the booking tests do it.
    await widget(page).heading('service').waitFor()
    await pickService(page, 'General consultation')
    await pickPractitioner(page, 'Any available')
    await widget(page).options.first().waitFor()
    const firstFree = (await readDays(page)).findIndex((day) => !day.disabled)
    await widget(page).days.nth(firstFree).click()
    await pickTime(page, 0)
    await fillDetails(page)
    await widget(page).submit.click()
    await expectStepOpened(page, 'confirmation')
    const bookingId = JSON.parse(
      (await site.events()).find((event) => event.type === 'frontdesk-booking-confirmed')!.detail,
    ).bookingId as string

    // The new-patient history follows in the same widget, started with the booking's visit token.
    const w = intake(page)
    await w.step('A few questions').waitFor()
    await site.screenshot('intake-first-step')
    expect(await axeCheck(page), 'axe on the intake after booking').toEqual([])
    await w.field('What would you like to see us about? (required)').fill(TYPED.reason)
    await w.button('Next').click()

    await w.step('How to reach you').waitFor()
    await w.field('Street and house number').fill(TYPED.street)
    await w.field('Postal code').fill('10997')
    await w.field('Town or city').fill('Berlin')
    await w.field('Country code (2 letters, such as DE or GB)').fill('DE')
    await w.button('Next').click()

    await w.step('Insurance').waitFor()
    await w.root.getByRole('radio', { name: 'Statutory health insurance' }).check()
    await w.field('Insurer (required)').fill(TYPED.insurer)
    await w.field('Photos of both sides of your insurance card').setInputFiles({
      name: 'card-front.png',
      mimeType: 'image/png',
      buffer: CARD,
    })
    await w.root.locator('canvas[data-file]').waitFor()
    await site.screenshot('intake-upload')
    await w.button('Next').click()

    await w.root.getByRole('radio', { name: 'Yes' }).check()
    await w.button('Next').click()
    await w.step('Your medicines').waitFor()
    const first = w.root.getByRole('group', { name: 'Entry 1' })
    await first.getByLabel('Medicine (required)').fill(TYPED.daily)
    await first.getByRole('radio', { name: 'Yes' }).check()
    await first.getByLabel('Dose per day (required)').fill(TYPED.dose)
    await w.button('Add another entry to “Your medicines”').click()
    const second = w.root.getByRole('group', { name: 'Entry 2' })
    await second.getByLabel('Medicine (required)').fill(TYPED.occasional)
    await second.getByRole('radio', { name: 'No' }).check()
    expect(
      await second.getByLabel('Dose per day (required)').count(),
      'no dose for a medicine not taken daily',
    ).toBe(0)
    await site.screenshot('intake-medicines')

    // Leaving: the widget saves and hands over a link; nothing stays in the browser.
    await w.button('Continue later').click()
    await w.step('Continue later').waitFor()
    const link = await w.field('Your link to continue').inputValue()
    expect(link).toMatch(/\/intake\.html#frontdesk-resume=rt_[\w-]+&frontdesk-draft=intake_\w+$/)
    const storage = await page.evaluate(() => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookies: document.cookie,
    }))
    expect(storage, 'nothing patient-related is kept in the browser').toEqual({
      local: 0,
      session: 0,
      cookies: '',
    })
    const firstEvents = await site.events()
    await site.close()

    // Coming back later, in a fresh browser context, from the link.
    const url = new URL(link)
    const again = await openSite(browser, {
      viewport: DESKTOP,
      label: 'intake-resumed',
      path: `${url.pathname}${url.hash}`,
    })
    const resumed = intake(again.page)
    await resumed.step('A few questions').waitFor()
    expect(again.page.url(), 'the token leaves the address bar once read').not.toContain('rt_')
    expect(await resumed.field('What would you like to see us about? (required)').inputValue()).toBe(
      TYPED.reason,
    )
    await resumed.button('Next').click()
    expect(await resumed.field('Street and house number').inputValue()).toBe(TYPED.street)
    await resumed.button('Next').click()
    await resumed.step('Insurance').waitFor()
    await resumed.root.locator('canvas[data-file]').waitFor()
    await resumed.button('Next').click()
    await resumed.button('Next').click()
    await resumed.step('Your medicines').waitFor()
    expect(
      await resumed.root
        .getByRole('group', { name: 'Entry 2' })
        .getByLabel('Medicine (required)')
        .inputValue(),
    ).toBe(TYPED.occasional)
    await resumed.button('Next').click()

    // The last step: a long-term condition (no), and the signature typed as the keyboard alternative.
    await resumed.root
      .getByRole('radiogroup', { name: /long-term condition/ })
      .getByRole('radio', { name: 'No' })
      .check()
    await resumed.button('Type your name instead').click()
    await resumed.field('Your full name').fill(TYPED.signedBy)
    expect(await axeCheck(again.page), 'axe on the last step').toEqual([])
    await resumed.button('Send').click()
    await again.page
      .locator('frontdesk-intake')
      .getByRole('heading', { level: 2, name: 'Thank you' })
      .waitFor()
    await again.screenshot('intake-sent')

    // The host pages learned ids and step names, never an answer.
    const events = [...firstEvents, ...(await again.events())]
    const submitted = events.filter((event) => event.type === 'frontdesk-intake-submitted')
    expect(submitted).toHaveLength(1)
    const { responseId } = JSON.parse(submitted[0]!.detail) as { responseId: string }
    expect(Object.keys(JSON.parse(submitted[0]!.detail))).toEqual(['responseId'])
    const everything = JSON.stringify(events)
    for (const secret of [...Object.values(TYPED), PATIENT.email]) expect(everything).not.toContain(secret)
    expect(again.pageErrors).toEqual([])
    expect(await again.cspViolations()).toEqual([])
    expect([...again.origins].sort()).toEqual([again.apiOrigin, again.siteOrigin].sort())
    await again.close()

    // The clinic's server reads it back, decrypted, with the SDK.
    const admin = createFrontdeskAdmin({ secretKey: env.secretKey, baseUrl: env.apiUrl })
    const response = await admin.intake.responses.get(responseId)
    expect(response).toMatchObject({ status: 'submitted', bookingId, formId: env.intakeFormId, version: 1 })
    expect(response.patientId).toMatch(/^pat_/)
    const answers = response.answers as Record<string, any>
    expect(answers.reason).toBe(TYPED.reason)
    expect(answers.contact.address).toEqual({
      line1: TYPED.street,
      postalCode: '10997',
      city: 'Berlin',
      country: 'DE',
    })
    expect(answers.insurance).toMatchObject({ kind: 'statutory', insurer: TYPED.insurer })
    expect(answers.medications).toEqual([
      { name: TYPED.daily, regular: true, dose: TYPED.dose },
      { name: TYPED.occasional, regular: false },
    ])
    expect(answers.signature.image).toMatch(/^data:image\/png;base64,/)
    expect(response.files).toHaveLength(1)
    const card = await admin.intake.responses.file(responseId, response.files[0]!.id)
    expect(Buffer.from(await card.arrayBuffer())).toEqual(CARD)
    expect(answers.insurance.card).toEqual([
      { fileId: response.files[0]!.id, contentType: 'image/png', bytes: CARD.length },
    ])
  })
})
