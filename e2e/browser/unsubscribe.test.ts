// A patient unsubscribes from a clinic's reminders in Chromium: the clinic books for them with a reminder due
// within the minute, the demo's clock moves past it (no waiting), the reminder arrives in the dev inbox with
// its unsubscribe link, and opening that link (in German, then in English) changes nothing until the patient
// presses the button; then their consent to email is withdrawn. axe-clean, keyboard only, under the app's
// strict CSP.
import type { Booking } from '@frontdesk/contracts'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, browserEnv, launchChromium } from './browser.js'
import { clinicCall } from './consent-page.js'
import { advanceDemoClock, resetDemoClock } from './demo-clock.js'
import { emailTo, type InboxMessage, waitForMessage } from './inbox.js'

interface Slot {
  startsAt: string
  practitionerIds: string[]
}

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10)

async function emailState(patientId: string): Promise<string | undefined> {
  const state = await clinicCall<{ purposes: { purpose: string; state: string }[] }>(
    'GET',
    `/consent/state?patientId=${patientId}`,
  )
  return state.purposes.find((entry) => entry.purpose === 'messages_email')?.state
}

describe.skipIf(!inject('browser').available)('unsubscribing from reminders', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('opens the link from the reminder, changes nothing until the button is pressed, then unsubscribes', async () => {
    const services = await clinicCall<{ data: { id: string; name: string }[] }>('GET', '/services')
    const service = services.data.find((candidate) => candidate.name === 'General consultation')!
    const settings = await clinicCall<{ reminderOffsetsMinutes: number[] }>('GET', '/clinic/messaging')
    const email = `lena.${Date.now().toString(36)}@example.org`
    let bookingId: string | undefined
    let reminder: InboxMessage | undefined
    try {
      // A reminder a whole number of minutes before the start (as reminders fall), set for this one booking
      // and put back once it is planned, with 10 s to spare so it is still ahead when the booking is planned.
      const near = await nearSlot(service.id)
      const offsetMinutes = Math.floor((Date.parse(near.startsAt) - Date.now() - 10_000) / 60_000)
      await clinicCall('PATCH', '/clinic/messaging', { reminderOffsetsMinutes: [offsetMinutes] })
      const created = await clinicCall<{ booking: Booking }>(
        'POST',
        '/bookings',
        {
          serviceId: service.id,
          practitionerId: near.practitionerIds[0],
          startsAt: near.startsAt,
          patient: { name: 'Lena Brandt', email, dateOfBirth: '1984-05-17' },
        },
        201,
      )
      bookingId = created.booking.id
      await waitForMessage('the booking confirmation', emailTo(email, 'is booked'))
      await clinicCall('PATCH', '/clinic/messaging', {
        reminderOffsetsMinutes: settings.reminderOffsetsMinutes,
      })
      // The reminder is due up to 70 s from now: rather than wait for it, the demo's clock moves just past it.
      const due = Date.parse(near.startsAt) - offsetMinutes * 60_000
      await advanceDemoClock(due - Date.now() + 1_000)
      reminder = await waitForMessage('the reminder, once due', emailTo(email, 'reminder'))
    } finally {
      await resetDemoClock()
      await clinicCall('PATCH', '/clinic/messaging', {
        reminderOffsetsMinutes: settings.reminderOffsetsMinutes,
      })
    }
    const booking = await clinicCall<{ patient: { id: string } }>('GET', `/bookings/${bookingId}`)
    const patientId = booking.patient.id

    const link = /https?:\/\/\S+\/v1\/unsubscribe\?token=[\w.-]+/.exec(reminder!.text)?.[0]
    expect(link, 'the reminder carries the unsubscribe link').toBeDefined()
    expect(new URL(link!).origin).toBe(browserEnv().apiUrl)
    expect(reminder!.html).toContain(`href="${link}"`)
    const before = await emailState(patientId)
    expect(before).toBeUndefined()

    const problems: string[] = []
    const open = async (locale: string) => {
      const context = await browser.newContext({ viewport: { width: 390, height: 700 }, locale })
      const page = await context.newPage()
      page.on('pageerror', (error) => problems.push(error.message))
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) problems.push(message.text())
      })
      await page.goto(link!)
      return { context, page }
    }

    // In German, opened and left: nothing changes.
    const german = await open('de-DE')
    await german.page.getByRole('heading', { level: 1, name: 'Erinnerungen abbestellen' }).waitFor()
    expect(await german.page.getByRole('button', { name: 'Abbestellen' }).isVisible()).toBe(true)
    expect(await german.page.evaluate(() => document.documentElement.lang)).toBe('de')
    // The token is gone from the address bar as soon as the page opens.
    expect(german.page.url()).not.toContain('token=')
    expect(await axeCheck(german.page)).toEqual([])
    await german.context.close()
    expect(await emailState(patientId)).toBeUndefined()

    // In English, by keyboard: the button has focus; Enter unsubscribes.
    const english = await open('en-GB')
    const { page } = english
    await page.getByRole('heading', { level: 1, name: 'Unsubscribe from reminders' }).waitFor()
    const button = page.getByRole('button', { name: 'Unsubscribe' })
    await expect.poll(() => button.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(await axeCheck(page)).toEqual([])
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('You are unsubscribed. This practice will send you no more reminders by email.')
    expect(await axeCheck(page)).toEqual([])
    expect(problems).toEqual([])
    await english.context.close()

    expect(await emailState(patientId)).toBe('refused')
    await clinicCall('POST', `/bookings/${bookingId}/cancel`, { reason: 'Test over' })
    // The cancellation is news of the booking itself: it still arrives.
    await waitForMessage('the cancellation', emailTo(email, 'is cancelled'))
  }, 180_000)
})

/** The first free time of the service 3–5 days out, within reach of a reminder offset. */
async function nearSlot(serviceId: string): Promise<Slot> {
  const offset = 3 + Math.floor(Math.random() * 3)
  const availability = await clinicCall<{ days: { slots: Slot[] }[] }>(
    'GET',
    `/availability?serviceId=${serviceId}&from=${day(offset)}&to=${day(offset + 6)}`,
  )
  const slots = availability.days.flatMap((entry) => entry.slots)
  // Not the first times of the day, which other tests take.
  return slots[Math.floor(slots.length / 2)]!
}
