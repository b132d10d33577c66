// Changes made in the staff console reach the API: a rolled key (its secret shown once, the old one still
// working through the overlap) and a practitioner's weekly hours, read back with the secret key.
import { createFrontdeskAdmin, type FrontdeskAdmin, type WeeklyHours } from '@frontdesk/sdk'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeCheck, launchChromium } from './browser.js'
import {
  consoleUi,
  type OpenedConsole,
  openConsole,
  settled,
  signInAsOwner,
  staffAvailable,
  staffEnv,
} from './console-page.js'

/** Whether a key opens the API: the clinic's own settings need a secret key. */
async function keyWorks(token: string): Promise<number> {
  const response = await fetch(new URL('/v1/keys', staffEnv().apiUrl), {
    headers: { Authorization: `Bearer ${token}` },
  })
  await response.body?.cancel()
  return response.status
}

describe.skipIf(!staffAvailable())('changes made in the staff console', () => {
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

  it('rolls a key: the new secret is shown once, and the old key keeps working through the overlap', async () => {
    // A key of its own, so the demo's key the other tests use is left alone.
    const label = `Console roll ${Date.now()}`
    const { token: oldToken } = await admin.keys.create({ kind: 'secret', label })
    const { page } = opened
    const ui = consoleUi(page)
    await page.evaluate(() => {
      location.hash = '#/keys'
    })
    await expect.poll(() => ui.heading.textContent()).toBe('API keys')
    await settled(page)

    await ui.button(new RegExp(`^Roll ${label} \\(`)).click()
    await ui.field('Old key keeps working for (hours)').fill('2')
    await ui.button('Roll the key').click()
    const secret = ui.root.locator('#key-secret')
    await expect.poll(() => secret.count()).toBe(1)
    const newToken = (await secret.textContent())?.trim() ?? ''
    expect(newToken).toMatch(/^sk_test_/)
    expect(newToken).not.toBe(oldToken)
    expect(await ui.root.getByText(/The old key keeps working until/).count()).toBe(1)

    expect(await keyWorks(newToken), 'the new key works').toBe(200)
    expect(await keyWorks(oldToken), 'the old key still works during the overlap').toBe(200)

    await ui.button('I have stored it').click()
    await expect.poll(() => secret.count()).toBe(0)
    // Gone from the page for good: the list shows hints only.
    expect(await page.content()).not.toContain(newToken)
    expect(await ui.root.evaluate((root) => root.shadowRoot?.innerHTML ?? '')).not.toContain(newToken)
  })

  it('opens a booking by its id alone, shows its patient, and cancels it', async () => {
    const { data: services } = await admin.catalogue.services.list()
    const service = services.find((candidate) => candidate.active)
    if (!service) throw new Error('the demo clinic has a bookable service')
    // Far enough ahead to leave the other tests' first free times alone, near enough for "Next 14 days".
    const clinic = await admin.catalogue.clinic()
    const date = (days: number) =>
      new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: clinic.timeZone })
    const availability = await admin.availability.get({ serviceId: service.id, from: date(8), to: date(13) })
    const slot = availability.days.flatMap((day) => day.slots).at(-1)
    if (!slot) throw new Error('no free time 8 to 13 days ahead')
    const patient = { name: 'Consola Testpatientin', email: 'consola@example.org', dateOfBirth: '1979-06-30' }
    const { booking } = await admin.bookings.create({
      serviceId: service.id,
      startsAt: slot.startsAt,
      patient,
    })

    const { page } = opened
    const ui = consoleUi(page)
    await ui.navLink('Bookings').click()
    await ui.button('Next 14 days').click()
    await ui.root.getByRole('link', { name: patient.name, exact: true }).click()
    await expect.poll(() => ui.heading.textContent()).toBe('Booking')
    await settled(page)
    await expect.poll(() => ui.root.getByText(patient.email).count()).toBe(1)
    // The address bar, the history's title and the browser's storage carry the id, never the patient.
    expect(new URL(page.url()).hash).toBe(`#/bookings/${booking.id}`)
    expect(await page.title()).not.toContain(patient.name)
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0)
    expect(await axeCheck(page)).toEqual([])

    await ui.button('Cancel this booking').click()
    await ui.field('Reason (optional, the patient may see it)').fill('Practitioner ill')
    await ui.button('Yes, cancel it').click()
    await expect.poll(() => ui.status.textContent()).toBe('The booking is cancelled.')
    expect((await admin.bookings.get(booking.id)).status).toBe('cancelled')
    expect(await ui.root.getByRole('button', { name: 'Cancel this booking' }).count()).toBe(0)
  })

  it('saves weekly hours that the API then gives back', async () => {
    const { data: practitioners } = await admin.catalogue.practitioners.list()
    const practitioner = practitioners[0]
    if (!practitioner) throw new Error('the demo clinic has practitioners')
    const before = (await admin.schedules.hours.get(practitioner.id)).data
    const { page } = opened
    const ui = consoleUi(page)
    try {
      await page.evaluate(() => {
        location.hash = '#/schedule'
      })
      await expect.poll(() => ui.heading.textContent()).toBe('Hours and time off')
      await settled(page)
      expect(await ui.field('Practitioner').inputValue()).toBe(practitioner.id)

      // Sunday gets a morning; whatever Monday had, its first period now ends at 11:45.
      await ui.button('Add hours on Sunday').click()
      await ui.field('Sunday, period 1, From').fill('10:00')
      await ui.field('Sunday, period 1, To').fill('12:30')
      const mondayHasHours = before.some((row) => row.weekday === 1)
      if (mondayHasHours) await ui.field('Monday, period 1, To').fill('11:45')
      await ui.button('Save weekly hours').click()
      await expect.poll(() => ui.status.textContent()).toBe('Saved')
      expect(await ui.alert.textContent()).toBe('')

      const after = (await admin.schedules.hours.get(practitioner.id)).data
      expect(after).toContainEqual(expect.objectContaining({ weekday: 7, start: '10:00', end: '12:30' }))
      if (mondayHasHours) {
        const monday = after.filter((row) => row.weekday === 1).sort((a, b) => a.start.localeCompare(b.start))
        expect(monday[0]?.end).toBe('11:45')
      }
      // Tuesday to Saturday are as they were.
      const others = (rows: WeeklyHours[]) =>
        rows
          .filter((row) => row.weekday >= 2 && row.weekday <= 6)
          .map((row) => `${row.weekday} ${row.start}-${row.end}`)
          .sort()
      expect(others(after)).toEqual(others(before))
    } finally {
      // The other browser tests book against the demo's own hours.
      await admin.schedules.hours.set(practitioner.id, {
        hours: before.map(({ weekday, start, end, locationId }) => ({ weekday, start, end, locationId })),
      })
    }
  })
})
