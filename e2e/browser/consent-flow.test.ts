// End to end on the demo site, real API and storage: a parent books for their child, fills the child's
// first-visit form, and signs the treatment consent with the mouse, agrees to the privacy notice and
// declines email news, all in the one widget; opens the receipt and withdraws the treatment consent
// there. The clinic's ledger then holds every decision, the withdrawal after the consent it ends, and
// the chain verifies.
import { createFrontdeskAdmin } from '@frontdesk/sdk'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, browserEnv, DESKTOP, launchChromium, openSite } from './browser.js'
import { fillDetails, pickPractitioner, pickService, pickTime } from './flow.js'
import { expectStepOpened, readDays, widget } from './widget.js'

const CHILD = { name: 'Lena Vogelsang', email: 'henrike.vogelsang@example.org', dateOfBirth: '2019-06-14' }
const PARENT = 'Henrike Vogelsang'

async function draw(page: Page, canvas: Locator): Promise<void> {
  // The mouse reaches only what is on screen, as a person's hand would: scroll the box into view first.
  await canvas.scrollIntoViewIfNeeded()
  const box = (await canvas.boundingBox())!
  const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const
  await page.mouse.move(...at(0.1, 0.6))
  await page.mouse.down()
  for (const [x, y] of [
    [0.25, 0.3],
    [0.4, 0.7],
    [0.6, 0.35],
    [0.85, 0.6],
  ] as const) {
    await page.mouse.move(...at(x, y), { steps: 6 })
  }
  await page.mouse.up()
}

describe.skipIf(!inject('browser').available)(
  'booking, intake and consent for a child, on the demo site',
  () => {
    let browser: Browser

    beforeAll(async () => {
      browser = await launchChromium()
    })
    afterAll(async () => {
      await browser?.close()
    })

    it("a parent books for their child, fills the child's form, signs consent, and withdraws it from the receipt", async () => {
      const env = browserEnv()
      const site = await openSite(browser, { viewport: DESKTOP, label: 'consent-flow' })
      const { page } = site

      await widget(page).heading('service').waitFor()
      await pickService(page, 'General consultation')
      await pickPractitioner(page, 'Any available')
      await widget(page).options.first().waitFor()
      await widget(page)
        .days.nth((await readDays(page)).findIndex((day) => !day.disabled))
        .click()
      await pickTime(page, 0)
      await fillDetails(page, CHILD)
      await widget(page).submit.click()
      await expectStepOpened(page, 'confirmation')
      const bookingId = JSON.parse(
        (await site.events()).find((event) => event.type === 'frontdesk-booking-confirmed')!.detail,
      ).bookingId as string

      // The child's first-visit form, because the patient is under 18.
      const intake = page.locator('frontdesk-intake')
      await intake.getByRole('heading', { level: 2, name: "Your child's first visit" }).waitFor()
      await intake.getByLabel("Child's full name (required)", { exact: true }).fill(CHILD.name)
      await intake.getByLabel("Child's date of birth (required)", { exact: true }).fill(CHILD.dateOfBirth)
      await intake.getByRole('button', { name: 'Next', exact: true }).click()
      await intake.getByRole('radio', { name: 'Mother', exact: true }).check()
      await intake
        .getByRole('radiogroup', { name: /vaccinations up to date/ })
        .getByRole('radio', { name: 'Yes' })
        .check()
      await intake
        .getByRole('radiogroup', { name: /allergies/ })
        .getByRole('radio', { name: 'No' })
        .check()
      await intake
        .getByLabel('What brings you in? (required)', { exact: true })
        .fill('A cough that will not go away')
      await intake.getByRole('button', { name: 'Type your name instead', exact: true }).click()
      await intake.getByLabel('Your full name', { exact: true }).fill(PARENT)
      await intake.getByRole('button', { name: 'Send', exact: true }).click()

      // Consent follows in the same widget: the parent signs, for the child.
      const consent = page.locator('frontdesk-consent')
      const section = (title: string) =>
        consent.locator('section').filter({ has: page.getByRole('heading', { name: title }) })
      await section('Consent to examination and treatment').waitFor()
      const who = consent.getByRole('radiogroup', { name: 'Who is signing?' })
      expect(await who.getByRole('radio', { name: 'Me, the patient' }).count(), 'a child does not sign').toBe(
        0,
      )
      await who.getByRole('radio', { name: 'A parent' }).check()
      await consent.getByLabel('Your full name', { exact: true }).fill(PARENT)
      const treatment = section('Consent to examination and treatment')
      await treatment.getByRole('radio', { name: 'I agree' }).check()
      await draw(page, treatment.getByRole('img', { name: 'Signature box, empty' }))
      await treatment.getByRole('img', { name: 'Signature box, signed' }).waitFor()
      await section('How we look after your data').getByRole('radio', { name: 'I agree' }).check()
      await section('Practice news by email').getByRole('radio', { name: 'I do not agree' }).check()
      await site.screenshot('consent-signed')
      expect(await axeCheck(page), 'axe on consent after booking and intake').toEqual([])
      await consent.getByRole('button', { name: 'Confirm', exact: true }).click()
      await consent.getByRole('heading', { level: 2, name: 'Thank you' }).waitFor()
      await site.screenshot('consent-recorded')

      const receiptLink = await consent
        .getByRole('link', { name: /^Your receipt for “Consent to examination and treatment”/ })
        .getAttribute('href')
      const events = await site.events()
      const recorded = events.find((event) => event.type === 'frontdesk-consent-recorded')!
      expect(Object.keys(JSON.parse(recorded.detail))).toEqual(['recordIds'])
      for (const secret of [CHILD.name, PARENT, CHILD.email])
        expect(JSON.stringify(events)).not.toContain(secret)
      expect(site.pageErrors).toEqual([])
      expect(await site.cspViolations()).toEqual([])
      await site.close()

      // The receipt opens from its link, on the API's page, and withdraws.
      const context = await browser.newContext({ locale: 'en-US' })
      const receipt = await context.newPage()
      await receipt.goto(receiptLink!)
      await receipt.getByRole('heading', { level: 1, name: 'Your consent receipt' }).waitFor()
      expect(await receipt.locator('.state').textContent()).toBe('Given')
      expect(await receipt.getByText('A parent', { exact: true }).count()).toBe(1)
      await receipt.getByRole('button', { name: 'Withdraw this consent' }).click()
      await receipt.getByRole('button', { name: 'Yes, withdraw it' }).click()
      await expect.poll(() => receipt.locator('.state').textContent()).toBe('Withdrawn')
      await context.close()

      // The clinic's side: every decision, the withdrawal after the consent it ends, the chain intact.
      const admin = createFrontdeskAdmin({ secretKey: env.secretKey, baseUrl: env.apiUrl })
      const ledger = []
      for await (const record of admin.consent.records.listAll({ limit: 100 })) {
        if (record.bookingId === bookingId) ledger.push(record)
      }
      expect(ledger.map((record) => [record.purpose, record.decision, record.method])).toEqual([
        ['treatment', 'given', 'drawn_signature'],
        ['privacy_notice', 'given', 'checkbox'],
        ['marketing_email', 'refused', 'checkbox'],
        ['treatment', 'withdrawn', 'receipt_link'],
      ])
      const [signed, , , withdrawal] = ledger
      expect(signed).toMatchObject({ signer: { relation: 'parent', name: PARENT }, hasSignature: true })
      expect(withdrawal!.withdraws).toBe(signed!.id)
      expect(
        (await admin.consent.state(signed!.patientId!)).purposes.map((row) => [row.purpose, row.state]),
      ).toEqual(
        expect.arrayContaining([
          ['treatment', 'withdrawn'],
          ['privacy_notice', 'given'],
          ['marketing_email', 'refused'],
        ]),
      )
      expect(await admin.consent.verify()).toMatchObject({ intact: true, firstBroken: null })
      const intakes = await admin.intake.responses.list({ bookingId })
      expect(intakes.data).toEqual([expect.objectContaining({ status: 'submitted', bookingId })])
      const child = await admin.intake.responses.get(intakes.data[0]!.id)
      expect(child.answers).toMatchObject({
        child: { name: CHILD.name, dateOfBirth: CHILD.dateOfBirth },
        relation: 'mother',
      })
    })
  },
)
