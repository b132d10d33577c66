// The patient chooses how confirmations and reminders reach them, and in which language: the choice on the
// details step, its checks, and what the API planned for the booking (read back with the secret key).
import type { Message } from '@frontdesk/contracts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, DESKTOP, launchChromium, type OpenedSite, openSite } from './browser.js'
import { clinicCall } from './consent-page.js'
import { fillDetails, pickPractitioner, pickService, pickTime, submitBooking } from './flow.js'
import { type Embed, MOUNT_CHROMIUM_ARGS, mount, readEmbed } from './mount.js'
import { fieldError, focused, widget } from './widget.js'

interface BookingRequests {
  /** The `messages` of every booking request the page sent, in order. */
  sent: unknown[]
  /** The ids of the bookings the API answered with. */
  booked: string[]
}

function recordBookingRequests(page: Page): BookingRequests {
  const recorded: BookingRequests = { sent: [], booked: [] }
  const isBooking = (method: string, url: string) =>
    method === 'POST' && new URL(url).pathname === '/v1/bookings'
  page.on('request', (request) => {
    if (isBooking(request.method(), request.url()))
      recorded.sent.push((request.postDataJSON() as { messages?: unknown }).messages)
  })
  page.on('response', async (response) => {
    if (isBooking(response.request().method(), response.url()) && response.ok())
      recorded.booked.push(((await response.json()) as { booking: { id: string } }).booking.id)
  })
  return recorded
}

/**
 * A patient new to the clinic: the API never overwrites a known patient's stored details, so a phone
 * number typed by a returning one (the other tests' PATIENT) would not reach the planner.
 */
const NEW_PATIENT = { name: 'Nadia Petrova', email: 'nadia.petrova@example.org', dateOfBirth: '1979-11-03' }

/** Waits until the API has planned the booking's messages (within a second or so) on exactly these channels. */
async function expectPlannedOn(bookingId: string, channels: string[]): Promise<void> {
  await expect
    .poll(
      async () => {
        const { data } = await clinicCall<{ data: Message[] }>('GET', `/bookings/${bookingId}/messages`)
        return [...new Set(data.map((message) => message.channel))].sort()
      },
      { message: `the messages planned for ${bookingId}, by channel` },
    )
    .toEqual(channels)
}

describe.skipIf(!inject('browser').available)('choosing how confirmations and reminders arrive', () => {
  let browser: Browser
  let site: OpenedSite
  let embed: Embed

  beforeAll(async () => {
    browser = await launchChromium(MOUNT_CHROMIUM_ARGS)
    site = await openSite(browser, { viewport: DESKTOP, label: 'messages' })
    embed = await readEmbed(browser)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('offers the clinic’s channels with email chosen, asks for a phone for SMS, and books with SMS', async () => {
    const { page } = site
    const w = widget(page)
    const { sent, booked } = recordBookingRequests(page)
    await w.heading('service').waitFor()
    await pickService(page, 'Vaccination')
    await pickPractitioner(page, 'Any available')
    await pickTime(page, 0)

    expect(await w.channels.locator('label').allInnerTexts()).toEqual([
      'Email',
      'SMS (text message)',
      'WhatsApp',
    ])
    expect(await w.channel('Email').isChecked(), 'email is chosen to start with').toBe(true)
    expect(await w.channel('SMS (text message)').isChecked()).toBe(false)
    expect(await w.channel('WhatsApp').isChecked()).toBe(false)
    expect(await axeCheck(page), 'axe on the details step with the choice').toEqual([])

    await fillDetails(page, NEW_PATIENT)
    const sms = w.channel('SMS (text message)')
    await sms.check()
    expect(await fieldError(sms)).toEqual({
      invalid: true,
      message: 'Enter a phone number to get messages by SMS.',
    })
    await w.submit.click()
    await expect.poll(() => w.alert.textContent()).toBe('One field needs your attention.')
    expect((await focused(page))?.label, 'focus moves to the SMS choice').toBe('SMS (text message)')
    expect(await w.heading('details').isVisible(), 'still on the details step').toBe(true)
    expect(sent, 'nothing is booked while SMS has no phone number').toEqual([])
    expect(await axeCheck(page), 'axe with the SMS error shown').toEqual([])
    await site.screenshot('details-sms-needs-phone')

    await w.field('Phone').fill('+49 30 1234567')
    expect((await fieldError(sms)).invalid, 'a phone number clears the error').toBe(false)
    await submitBooking(page)
    expect(sent).toEqual([{ language: 'en', channels: ['email', 'sms'] }])

    await expect.poll(() => booked.length).toBe(1)
    await expectPlannedOn(booked[0]!, ['email', 'sms'])
    expect(await site.cspViolations()).toEqual([])
    expect(site.pageErrors).toEqual([])
  })

  it('speaks German, sends "de", and books by WhatsApp alone once email is unticked', async () => {
    const { page, context } = await mount(browser, embed, {
      locale: 'de',
      service: embed.serviceIds.Vaccination!,
    })
    const { sent, booked } = recordBookingRequests(page)
    const root = page.locator('frontdesk-booking')
    const field = (label: string) =>
      root.getByLabel(label, { exact: true }).and(root.locator('input:not([type="checkbox"])'))
    const choice = root.getByRole('group', { name: 'Bestätigungen und Erinnerungen per' })
    const channel = (name: string) => choice.getByRole('checkbox', { name, exact: true })
    const book = root.getByRole('button', { name: 'Termin buchen', exact: true })

    await root.getByRole('button', { name: /^Beliebige freie Person/ }).click()
    await root.getByRole('listbox', { name: 'Freie Uhrzeiten' }).getByRole('option').first().click()
    await root.getByRole('heading', { level: 2, name: 'Ihre Angaben' }).waitFor()
    expect(await choice.locator('label').allInnerTexts()).toEqual(['E-Mail', 'SMS', 'WhatsApp'])
    expect(await channel('E-Mail').isChecked()).toBe(true)

    await field('Vollständiger Name').fill('Jonas Weber')
    await field('Telefon').fill('+49 30 7654321')
    await field('Geburtsdatum').fill('1992-09-30')
    await book.click()
    await expect
      .poll(() => fieldError(channel('E-Mail')))
      .toEqual({
        invalid: true,
        message: 'Bitte eine E-Mail-Adresse angeben, um Nachrichten per E-Mail zu erhalten.',
      })
    expect((await focused(page))?.label, 'focus moves to the email choice').toBe('E-Mail')
    expect(sent).toEqual([])

    await channel('E-Mail').uncheck()
    await channel('WhatsApp').check()
    await book.click()
    await root.getByRole('heading', { level: 2, name: 'Ihr Termin ist gebucht' }).waitFor()
    expect(sent).toEqual([{ language: 'de', channels: ['whatsapp'] }])
    await expect.poll(() => booked.length).toBe(1)
    await expectPlannedOn(booked[0]!, ['whatsapp'])
    await context.close()
  })
})
