// Patient messages in the staff console: the owner's Messages settings refuse SMS without a sender number
// beside that field and save nothing, then save with one (read back with the secret key); and a booking
// made through the API shows its confirmation, sent, in the booking's details.
import { createFrontdeskAdmin, type FrontdeskAdmin, type MessageSettings } from '@frontdesk/sdk'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeCheck, launchChromium } from './browser.js'
import {
  consoleUi,
  headingShown,
  type OpenedConsole,
  openConsole,
  settled,
  signInAsOwner,
  staffAvailable,
  staffEnv,
} from './console-page.js'
import { focused } from './widget.js'

describe.skipIf(!staffAvailable())('patient messages in the staff console', () => {
  let browser: Browser
  let opened: OpenedConsole
  let admin: FrontdeskAdmin

  beforeAll(async () => {
    admin = createFrontdeskAdmin({ secretKey: staffEnv().secretKey, baseUrl: staffEnv().apiUrl })
    browser = await launchChromium()
    opened = await openConsole(browser)
    await signInAsOwner(opened.page)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('refuses SMS without a sender number beside that field and saves nothing, then saves it with one', async () => {
    const demo = await admin.messages.settings.get()
    // A known start: email only, no SMS number, reminders a day and two hours before.
    const start: MessageSettings = await admin.messages.settings.update({
      channels: ['email'],
      smsFrom: null,
      whatsappFrom: null,
      reminderOffsetsMinutes: [1440, 120],
    })
    const { page } = opened
    const ui = consoleUi(page)
    try {
      await ui.navLink('Messages').click()
      await headingShown(page, 'Messages')
      await settled(page)
      expect(await ui.field('Reminder 1, hours before').inputValue()).toBe('24')
      expect(await ui.field('Reminder 2, hours before').inputValue()).toBe('2')
      expect(await axeCheck(page), 'axe on the settings form').toEqual([])

      // Reminders: two days before instead of one; the two-hour one goes; a new one, by keyboard, at 3 h.
      await ui.field('Reminder 1, hours before').fill('48')
      await ui.button('Remove reminder 2').click()
      expect(await ui.field('Reminder 2, hours before').count()).toBe(0)
      await ui.button('Add a reminder').focus()
      await page.keyboard.press('Enter')
      await expect
        .poll(() => focused(page).then((element) => element?.label))
        .toBe('Reminder 2, hours before')
      await page.keyboard.type('3')
      await ui.field('SMS').check()
      expect(await ui.field('SMS sender number').inputValue()).toBe('')
      await ui.button('Save').click()

      const sms = ui.field('SMS sender number')
      await expect.poll(() => sms.getAttribute('aria-invalid')).toBe('true')
      // The API's words, beside the field and tied to it, and focus taken there.
      const issueId = (await sms.getAttribute('aria-describedby'))
        ?.split(' ')
        .find((id) => id.endsWith('-issue'))
      expect(issueId).toBeDefined()
      expect(await ui.root.locator(`#${issueId}`).textContent()).toBe('Give the number SMS is sent from')
      expect(await ui.alert.textContent()).toContain('SMS sender number: Give the number SMS is sent from')
      expect((await focused(page))?.label).toBe('SMS sender number')
      expect(await ui.status.textContent()).not.toBe('Saved')
      expect(await admin.messages.settings.get(), 'nothing of the refused save is kept').toEqual(start)
      expect(await axeCheck(page), 'axe with the error shown').toEqual([])

      await sms.fill('+49 30 5550 1234')
      expect(await sms.getAttribute('aria-invalid'), 'typing there clears the error').toBeNull()
      await ui.button('Save').click()
      await expect.poll(() => ui.status.textContent()).toBe('Saved')
      expect(await ui.alert.textContent()).toBe('')
      expect(await admin.messages.settings.get()).toEqual({
        ...start,
        channels: ['email', 'sms'],
        smsFrom: '+493055501234',
        reminderOffsetsMinutes: [2880, 180],
      })
      expect(await opened.cspViolations()).toEqual([])
      expect(opened.pageErrors).toEqual([])
    } finally {
      // The other browser tests book with the demo's own channels and senders.
      await admin.messages.settings.update(demo)
    }
  })

  it('shows the settings as a list, with no form, to a role that may read them but not change them', async () => {
    const reader = await openConsole(browser)
    try {
      // No role in the table reads settings without changing them yet, so this member's console is told so.
      await reader.page.route('**/v1/staff/me', async (route) => {
        const response = await route.fetch()
        const me = (await response.json()) as { permissions: string[] }
        const permissions = me.permissions.filter((permission) => permission !== 'settings:manage')
        await route.fulfill({ response, json: { ...me, permissions } })
      })
      await signInAsOwner(reader.page)
      const ui = consoleUi(reader.page)
      await ui.navLink('Messages').click()
      await headingShown(reader.page, 'Messages')
      await settled(reader.page)
      expect(await ui.root.getByText('Your role can read these settings, not change them.').count()).toBe(1)
      expect(await ui.root.getByRole('button', { name: 'Save' }).count()).toBe(0)
      expect(await ui.root.getByRole('textbox').count()).toBe(0)
      const settings = await admin.messages.settings.get()
      const shown = await ui.root
        .locator('main dl')
        .evaluate((list) => [...list.children].map((entry) => entry.textContent?.trim() ?? ''))
      const value = (term: string) => shown[shown.indexOf(term) + 1]
      expect(value('SMS sender number')).toBe(settings.smsFrom ?? 'Not set')
      expect(value('Reminders')).toBe(
        settings.reminderOffsetsMinutes.map((minutes) => `${minutes / 60} h before`).join(', '),
      )
      expect(await axeCheck(reader.page), 'axe on the settings as a list').toEqual([])
      expect(reader.pageErrors).toEqual([])
    } finally {
      await reader.close()
    }
  })

  it("shows a booking's confirmation with its channel, time and status in the booking's details", async () => {
    const { data: services } = await admin.catalogue.services.list()
    const service = services.find((candidate) => candidate.active)
    if (!service) throw new Error('the demo clinic has a bookable service')
    const clinic = await admin.catalogue.clinic()
    const date = (days: number) =>
      new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: clinic.timeZone })
    // Far enough ahead to leave the other tests' first free times alone.
    const availability = await admin.availability.get({ serviceId: service.id, from: date(9), to: date(13) })
    const slot = availability.days.flatMap((day) => day.slots).at(-2)
    if (!slot) throw new Error('no free time 9 to 13 days ahead')
    const { booking } = await admin.bookings.create({
      serviceId: service.id,
      startsAt: slot.startsAt,
      patient: { name: 'Mira Nachricht', email: 'mira.nachricht@example.org', dateOfBirth: '1990-01-02' },
    })

    const { page } = opened
    const ui = consoleUi(page)
    await page.evaluate((id) => {
      location.hash = `#/bookings/${id}`
    }, booking.id)
    await headingShown(page, 'Booking')
    await settled(page)
    const section = ui.root.getByRole('region', { name: 'Messages', exact: true })
    const confirmation = section.getByRole('row').filter({ hasText: 'Confirmation' })
    // Planned and sent within seconds; Refresh asks again until it is.
    await expect
      .poll(
        async () => {
          await section.getByRole('button', { name: 'Refresh messages' }).click()
          await settled(page)
          return (await confirmation.getByRole('cell').allTextContents()).map((text) => text.trim())
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toEqual([
        'Confirmation',
        'Email',
        expect.stringMatching(/^Sent \d{1,2} \w{3} \d{4}, \d\d:\d\d$/),
        'Sent',
      ])
    // Reminders follow, due in the clinic's time before the appointment.
    expect(
      await section
        .getByRole('row')
        .filter({ hasText: /Reminder · \d+ h before/ })
        .count(),
    ).toBeGreaterThan(0)
    expect(await axeCheck(page), 'axe on the booking with its messages').toEqual([])
    expect(opened.pageErrors).toEqual([])
  })
})
