// The patient's manage page moving their own appointment, in Chromium at 320 px: the clinic books for
// them, they open the link from their message, pick another free time of the same practitioner by
// keyboard, and see the new time; the old time is free again and the "moved" email arrives.
import type { Booking } from '@frontdesk/contracts'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, browserEnv, launchChromium } from './browser.js'
import { clinicCall } from './consent-page.js'
import { emailTo, waitForMessage } from './inbox.js'

interface Slot {
  startsAt: string
  practitionerIds: string[]
}

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10)

/** Free times of a practitioner on one local date, as the clinic sees them. */
async function freeTimes(serviceId: string, practitionerId: string, date: string): Promise<string[]> {
  const availability = await clinicCall<{ days: { slots: Slot[] }[] }>(
    'GET',
    `/availability?serviceId=${serviceId}&practitionerId=${practitionerId}&from=${date}&to=${date}`,
  )
  return availability.days.flatMap((entry) => entry.slots.map((slot) => slot.startsAt))
}

describe.skipIf(!inject('browser').available)('the manage page moves an appointment', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('to another free time the patient picks, and shows the new time', async () => {
    // A day 30–39 days out: clear of the first free times other tests book and of the late ones bookVisit takes.
    const services = await clinicCall<{ data: { id: string; name: string }[] }>('GET', '/services')
    const service = services.data.find((candidate) => candidate.name === 'General consultation')!
    const offset = 30 + Math.floor(Math.random() * 10)
    const availability = await clinicCall<{ days: { date: string; slots: Slot[] }[] }>(
      'GET',
      `/availability?serviceId=${service.id}&from=${day(offset)}&to=${day(offset + 6)}`,
    )
    const date = availability.days.find((entry) => entry.slots.length >= 3)!.date
    const practitionerId = availability.days.find((entry) => entry.date === date)!.slots[0]!
      .practitionerIds[0]!
    const [first, , later] = await freeTimes(service.id, practitionerId, date)
    expect(later, 'the practitioner has three free times that day').toBeDefined()
    const email = `mira.${Date.now().toString(36)}@example.org`
    const created = await clinicCall<{ booking: Booking; manageToken: string }>(
      'POST',
      '/bookings',
      {
        serviceId: service.id,
        practitionerId,
        startsAt: first,
        patient: { name: 'Mira Okafor', email, dateOfBirth: '1979-11-02' },
      },
      201,
    )
    const bookingId = created.booking.id
    // Once the confirmation is out, a move is told as a move.
    await waitForMessage('the booking confirmation', emailTo(email, 'is booked'))

    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'en-US' })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) problems.push(message.text())
    })
    await page.goto(
      `${browserEnv().apiUrl}/v1/bookings/manage#booking=${bookingId}&token=${created.manageToken}`,
    )
    await page.getByRole('heading', { level: 1, name: 'Your appointment' }).waitFor()
    await page.getByRole('button', { name: 'Change time' }).focus()
    await page.keyboard.press('Enter')

    // The day starts at the appointment's own; its free times are radio buttons in a named group.
    const dayField = page.getByLabel('Day', { exact: true })
    await expect.poll(() => dayField.evaluate((input) => input === document.activeElement)).toBe(true)
    expect(await dayField.inputValue()).toBe(date)
    const times = page.getByRole('group', { name: 'Free times on this day' })
    const target = times.locator(`input[type="radio"][value="${later}"]`)
    await target.waitFor()
    expect(await times.locator(`input[value="${first}"]`).count(), 'the current time is not offered').toBe(0)
    expect(await axeCheck(page)).toEqual([])
    await target.focus()
    await page.keyboard.press('Space')
    expect(await target.isChecked()).toBe(true)
    await page.getByRole('button', { name: 'Move to this time' }).focus()
    await page.keyboard.press('Enter')

    const status = page.getByRole('status')
    await expect.poll(() => status.textContent()).toMatch(/^Your appointment has been moved\. New time: /)
    const shownWhen = await page.locator('dt:text-is("When") + dd').textContent()
    expect((await status.textContent())!.endsWith(shownWhen!)).toBe(true)
    expect(shownWhen).toBe(
      await page.evaluate(
        ([instant, timeZone]) =>
          new Date(instant!).toLocaleString('en', { dateStyle: 'full', timeStyle: 'short', timeZone }),
        [later, created.booking.timeZone],
      ),
    )
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    expect(await axeCheck(page)).toEqual([])
    expect(problems).toEqual([])

    const moved = await clinicCall<Booking>('GET', `/bookings/${bookingId}`)
    expect(moved.startsAt).toBe(later)
    expect(await freeTimes(service.id, practitionerId, date), 'the old time is free again').toContain(first)
    await waitForMessage('the "moved" email', emailTo(email, 'has moved'))

    await context.close()
    await clinicCall('POST', `/bookings/${bookingId}/cancel`, { reason: 'Test over' })
  })
})
