// The staff issue's proof, end to end on the demo: a patient books on the clinic's site; the owner invites
// a receptionist from the console; the receptionist joins from the mail, finds that booking and cancels
// it; the patient's own manage link then shows it cancelled; and the owner's audit trail shows each step.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeCheck, DESKTOP, launchChromium, openSite } from './browser.js'
import {
  consoleUi,
  headingShown,
  mailTo,
  openConsole,
  settled,
  signInAsOwner,
  staffAvailable,
  staffEnv,
} from './console-page.js'
import { fillDetails, pickPractitioner, pickService, pickTime, submitBooking } from './flow.js'
import { readDays, widget } from './widget.js'

async function apiGet(path: string) {
  const response = await fetch(new URL(path, staffEnv().apiUrl), {
    headers: { Authorization: `Bearer ${staffEnv().secretKey}` },
  })
  expect(response.status, path).toBe(200)
  return response.json()
}

describe.skipIf(!staffAvailable())(
  'a receptionist, invited by the owner, cancels a booking made on the site',
  () => {
    let browser: Browser

    beforeAll(async () => {
      browser = await launchChromium()
    })
    afterAll(async () => {
      await browser?.close()
    })

    it('and the patient and the audit trail both see it', async () => {
      // A surname of letters only (names take no digits), new on every run: the console finds her by it.
      const surname = [...Date.now().toString(26)].map((c) =>
        String.fromCharCode(97 + Number.parseInt(c, 26)),
      )
      const patient = {
        name: `Paula Q${surname.join('')}`,
        email: 'paula@example.org',
        dateOfBirth: '1984-04-04',
      }

      // 1. The patient books on the clinic's website and keeps the link from the confirmation.
      const site = await openSite(browser, { viewport: DESKTOP, label: 'console-reception' })
      await widget(site.page).heading('service').waitFor()
      await pickService(site.page, 'General consultation')
      await pickPractitioner(site.page, 'Any available')
      await widget(site.page).options.first().waitFor()
      await widget(site.page)
        .days.nth((await readDays(site.page)).findIndex((day) => !day.disabled))
        .click()
      await pickTime(site.page, 0)
      await fillDetails(site.page, patient)
      await submitBooking(site.page)
      const manageLink = await site.page
        .locator('frontdesk-booking')
        .getByRole('link', { name: /See or cancel this appointment/ })
        .getAttribute('href')
      expect(manageLink).toMatch(/\/v1\/bookings\/manage#booking=bkg_\w+&token=mt_/)
      const bookingId = new URLSearchParams(new URL(manageLink!).hash.slice(1)).get('booking')!

      // 2. The owner invites a receptionist.
      const owner = await openConsole(browser)
      await signInAsOwner(owner.page)
      const ownerUi = consoleUi(owner.page)
      const email = `front-desk-${Date.now()}@example.org`
      await ownerUi.navLink('Staff').click()
      await headingShown(owner.page, 'Staff')
      await ownerUi.field('Email').fill(email)
      await ownerUi.field('Role').selectOption('reception')
      await ownerUi.button('Invite').click()
      await expect.poll(() => ownerUi.status.textContent()).toBe(`Invitation sent to ${email}.`)

      // 3. The receptionist joins from the mail.
      const mail = await mailTo(email, /invited/i)
      const reception = await openConsole(browser, { hash: new URL(mail.link).hash })
      const ui = consoleUi(reception.page)
      await headingShown(reception.page, 'Join your clinic on Frontdesk')
      await ui.field('Your name').fill('Rudi Reception')
      await ui.field('Email address').fill(email)
      await ui.field('Password').fill('a long reception passphrase')
      await ui.button('Create account').click()
      await ui.button('Accept the invitation').click()
      await headingShown(reception.page, 'Bookings')

      // 4. …sees the booking made on the site, and cancels it. The console lists the clinic's today under
      // "Today" and the days after under "Next 14 days"; the site's first free time may be on either.
      const made = await apiGet(`/v1/bookings/${bookingId}`)
      const clinicDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: made.timeZone }).format(at)
      if (clinicDay(new Date(made.startsAt)) !== clinicDay(new Date())) {
        await ui.button('Next 14 days').click()
        await settled(reception.page)
      }
      await ui.root.getByRole('link', { name: patient.name, exact: true }).click()
      await expect.poll(() => ui.heading.textContent()).toBe('Booking')
      await settled(reception.page)
      await ui.button('Cancel this booking').click()
      await ui.field('Reason (optional, the patient may see it)').fill('The practitioner is ill')
      await ui.button('Yes, cancel it').click()
      await expect.poll(() => ui.status.textContent()).toBe('The booking is cancelled.')

      // 5. The patient's manage link shows it cancelled, and offers no cancel any more.
      const patientContext = await browser.newContext()
      const manage = await patientContext.newPage()
      await manage.goto(manageLink!)
      await manage.getByRole('heading', { level: 1, name: 'Your appointment' }).waitFor()
      await expect.poll(() => manage.getByText('Cancelled', { exact: true }).count()).toBe(1)
      expect(await manage.getByRole('button', { name: 'Cancel this appointment' }).count()).toBe(0)
      // The token left the address bar as the page read it.
      expect(new URL(manage.url()).hash).toBe('')
      expect(await axeCheck(manage)).toEqual([])
      await patientContext.close()

      // 6. The owner's audit trail, filtered to this patient, shows the booking made with the patient's own
      //    visit token and the staff member's cancel;
      //    the staff steps (invitation, joining, signing in) are there under their actions.
      const booking = await apiGet(`/v1/bookings/${bookingId}`)
      expect(booking.status).toBe('cancelled')
      await owner.page.evaluate(() => {
        location.hash = '#/audit'
      })
      await headingShown(owner.page, 'Audit trail')
      // Searches, then reads the table once every row answers the filter (the page shows all events first).
      const rows = async (
        filter: { patient?: string; action?: string },
        answers: (row: string) => boolean,
      ) => {
        await ownerUi.field('Patient id').fill(filter.patient ?? '')
        await ownerUi.field('Action').fill(filter.action ?? '')
        await ownerUi.button('Search').click()
        let shown: string[] = []
        await expect
          .poll(async () => {
            await settled(owner.page)
            shown = (await ownerUi.root.locator('tbody tr').allTextContents()).map((row) =>
              row.replace(/\s+/g, ' '),
            )
            return shown.length > 0 && shown.every(answers)
          })
          .toBe(true)
        return shown
      }
      const aboutPatient = await rows({ patient: booking.patient.id }, (row) =>
        [bookingId, booking.patient.id, 'intake_'].some((id) => row.includes(id)),
      )
      expect(aboutPatient.some((row) => /visit: .*booking\.create/.test(row))).toBe(true)
      expect(aboutPatient.some((row) => /staff: .*booking\.cancel/.test(row))).toBe(true)
      for (const action of ['staff.invite', 'staff.join', 'staff.sign_in']) {
        await rows({ action }, (row) => row.includes(` ${action} `))
      }
      expect(reception.pageErrors).toEqual([])
      expect(owner.pageErrors).toEqual([])
    })
  },
)
