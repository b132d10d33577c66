// <frontdesk-booking> hands a booking on to consent in Chromium against the real API: a child's booking
// gets the minor's intake form and then consent signed by a parent or guardian; with no intake form,
// consent follows the confirmation at once. What was recorded is read back as the clinic reads it.
import type { FormDefinition } from '@frontdesk/contracts/intake'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, browserEnv, launchChromium } from './browser.js'
import { consent, createDocument, PRIVACY, recordsOf, TREATMENT } from './consent-page.js'
import { fillDetails, pickPractitioner, pickService, pickTime, submitBooking } from './flow.js'
import { clinicAdmin, createForm } from './intake-page.js'
import { type Embed, MOUNT_CHROMIUM_ARGS, mount, readEmbed } from './mount.js'

describe.skipIf(!inject('browser').available)('<frontdesk-booking> followed by consent', () => {
  let browser: Browser
  let embed: Embed

  beforeAll(async () => {
    browser = await launchChromium(MOUNT_CHROMIUM_ARGS)
    embed = await readEmbed(browser)
  })
  afterAll(async () => {
    await browser?.close()
  })

  const MINOR_FORM: FormDefinition = {
    title: 'About your child',
    items: [{ id: 'school', type: 'text', label: 'Which school does your child go to?', required: true }],
  }

  it("gives a child's booking the minor's intake form, then consent signed by a parent or guardian", async () => {
    const treatment = await createDocument(TREATMENT)
    const minorForm = await createForm(clinicAdmin(), MINOR_FORM)
    const { page, context } = await mount(
      browser,
      embed,
      {
        'intake-form': browserEnv().intakeFormId,
        'intake-form-minor': minorForm,
        'consent-documents': treatment.id,
      },
      {
        beforeLoad: async (page) => {
          await page.addInitScript(() => {
            document.addEventListener('frontdesk-booking-confirmed', (event) => {
              ;(window as any).__booked = (event as CustomEvent).detail.bookingId
            })
          })
        },
      },
    )
    await pickService(page, 'General consultation')
    await pickPractitioner(page, 'Any available')
    await pickTime(page, 0)
    await fillDetails(page, {
      name: 'Mia Brandt',
      email: 'anna.brandt@example.org',
      dateOfBirth: '2016-05-20',
    })
    await submitBooking(page)

    const intake = page.locator('frontdesk-intake')
    await intake.getByLabel('Which school does your child go to? (required)').fill('Grundschule am Park')
    expect(await page.locator('frontdesk-consent').count(), 'consent waits for the intake').toBe(0)
    await intake.getByRole('button', { name: 'Send', exact: true }).click()
    await intake.getByRole('heading', { name: 'Thank you' }).waitFor()

    const w = consent(page)
    await w.heading('Your consent').waitFor()
    expect(await w.root.getByText('The patient is under 18').count()).toBe(1)
    await w.root.getByRole('radio', { name: 'A legal guardian' }).check()
    await w.field('Your full name').fill('Anna Brandt')
    // The demo's service asks for its own consents first; the page's comes after them. Agree to each,
    // typing the name where a signature is asked.
    const sections = w.root.locator('section')
    const titles = await sections.getByRole('heading').allTextContents()
    expect(titles.at(-1)).toBe('Consent to treatment')
    for (const title of titles) {
      const section = w.section(title)
      await section.getByRole('radio', { name: 'I agree' }).check()
      const typeInstead = section.getByRole('button', { name: 'Type your name instead', exact: true })
      if (await typeInstead.count()) await typeInstead.click()
      const typed = section.getByLabel('Type your full name', { exact: true })
      if (await typed.count()) await typed.fill('Anna Brandt')
    }
    await w.button('Confirm').click()
    await w.heading('Thank you').waitFor()
    expect(await axeCheck(page)).toEqual([])

    const [record] = await recordsOf(treatment.id)
    const bookingId = await page.evaluate(() => (window as any).__booked as string)
    expect(record).toMatchObject({
      bookingId,
      decision: 'given',
      method: 'typed_name',
      signer: { relation: 'legal_guardian', name: 'Anna Brandt' },
    })
    await context.close()
  })

  it('shows consent right after the confirmation when the clinic asks for no intake form', async () => {
    const privacy = await createDocument(PRIVACY)
    const { page, context } = await mount(browser, embed, { 'consent-documents': privacy.id })
    await pickService(page, 'General consultation')
    await pickPractitioner(page, 'Any available')
    await pickTime(page, 0)
    await fillDetails(page)
    await submitBooking(page)
    const w = consent(page)
    await w.heading('Your consent').waitFor()
    expect(await page.locator('frontdesk-intake').count()).toBe(0)
    expect(await w.root.getByRole('radio', { name: 'Me, the patient' }).isChecked()).toBe(true)
    expect(await w.root.getByLabel('Your full name').count(), 'the patient signs for themselves').toBe(0)
    await context.close()
  })
})
