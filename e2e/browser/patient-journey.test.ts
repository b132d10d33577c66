// A newcomer's path through the demo, end to end in Chromium: book and get the confirmation with its
// calendar file; book with SMS and reply STOP from the dev inbox; ask for a copy of one's data on the
// privacy page, confirm with the emailed code, and, once the clinic completes it, download it.
import type { BookingRecord, ConsentState, RightsRequest } from '@frontdesk/contracts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, browserEnv, DESKTOP, launchChromium, type OpenedSite, openSite } from './browser.js'
import { clinicCall } from './consent-page.js'
import {
  fillDetails,
  type PatientDetails,
  pickPractitioner,
  pickService,
  pickTime,
  submitBooking,
} from './flow.js'
import { emailTo, waitForMessage } from './inbox.js'
import { focused, widget } from './widget.js'

/** Unique per run: the demo's one clinic is shared by every test file, and a known patient keeps their details. */
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
const FIRST: PatientDetails & { email: string } = {
  name: 'Amara Lindqvist',
  email: `amara.${run}@example.org`,
  dateOfBirth: '1990-06-15',
}
const phoneDigits = String(2_000_000 + Math.floor(Math.random() * 7_000_000))
const SECOND: PatientDetails & { email: string; phone: string } = {
  name: 'Tomasz Brandt',
  email: `tomasz.${run}@example.org`,
  phone: `+49 30 ${phoneDigits}`,
  dateOfBirth: '1968-02-29',
}
/** The number as the API keeps it and texts it (E.164). */
const SECOND_E164 = `+4930${phoneDigits}`

/** The booking the page confirmed, by its `frontdesk-booking-confirmed` event (ids only). */
async function confirmedBookingId(site: OpenedSite): Promise<string> {
  let id: string | undefined
  await expect
    .poll(async () => {
      const confirmed = (await site.events()).find((event) => event.type === 'frontdesk-booking-confirmed')
      id = confirmed && (JSON.parse(confirmed.detail) as { bookingId: string }).bookingId
      return id
    })
    .toMatch(/^bkg_/)
  return id!
}

/** Books the first free time with anyone for a general consultation, as `patient`. */
async function book(page: Page, patient: PatientDetails, beforeSubmit?: () => Promise<void>): Promise<void> {
  await widget(page).heading('service').waitFor()
  await pickService(page, 'General consultation')
  await pickPractitioner(page, 'Any available')
  await pickTime(page, 0)
  await fillDetails(page, patient)
  await beforeSubmit?.()
  await submitBooking(page)
}

/** `2026-03-02T08:00:00.000Z` as iCalendar writes a UTC time: `20260302T080000Z`. */
function icalUtc(instant: string): string {
  return `${new Date(instant).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`
}

/** <frontdesk-rights-request>'s contract as Playwright locators: roles, labels, text. */
function rightsWidget(page: Page) {
  const root = page.locator('frontdesk-rights-request')
  return {
    root,
    heading: (name: string) => root.getByRole('heading', { level: 2, name, exact: true }),
    kind: (name: string) =>
      root
        .getByRole('radiogroup', { name: 'What would you like?' })
        .getByRole('radio', { name, exact: true }),
    /** A field by its label; the "Email" choice of where the code goes shares a label with the Email field. */
    field: (label: string) =>
      root.getByLabel(label, { exact: true }).and(root.locator('input:not([type="radio"]), textarea')),
    button: (name: string) => root.getByRole('button', { name, exact: true }),
    alert: root.getByRole('alert'),
    /** What it shows, from inside its shadow root, white space collapsed. */
    text: () => root.evaluate((host) => (host.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ')),
  }
}

/** The text that a field's aria-describedby points at, and whether the field is aria-invalid. */
function described(page: Page, selector: string) {
  return page.locator('frontdesk-rights-request').evaluate((host, inner) => {
    const root = host.shadowRoot!
    const element = root.querySelector(inner)!
    const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
    return {
      invalid: element.getAttribute('aria-invalid') === 'true',
      text: ids.map((id) => root.getElementById(id)?.textContent?.trim() ?? '').join(' '),
    }
  }, selector)
}

describe.skipIf(!inject('browser').available)('a newcomer on the demo clinic’s site', () => {
  let browser: Browser
  let firstBookingId = ''
  let firstPatientId = ''

  const open = (path: string, label: string) => openSite(browser, { viewport: DESKTOP, label, path })

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('books on the home page and gets the confirmation by email, with the time in its calendar file', async () => {
    const site = await open('/', 'journey-book')
    await book(site.page, FIRST)
    firstBookingId = await confirmedBookingId(site)
    const booking = await clinicCall<BookingRecord>('GET', `/bookings/${firstBookingId}`)
    firstPatientId = booking.patient.id

    const mail = await waitForMessage('the booking confirmation', emailTo(FIRST.email, 'is booked'))
    const calendar = mail.attachments.find((attachment) => attachment.filename.endsWith('.ics'))
    expect(calendar, 'the confirmation carries a calendar file').toBeDefined()
    expect(calendar!.contentType).toMatch(/^text\/calendar/)
    const ics = await (await fetch(calendar!.url)).text()
    expect(ics).toContain('BEGIN:VCALENDAR')
    expect(ics, 'the appointment’s start, in UTC').toContain(`DTSTART:${icalUtc(booking.startsAt)}`)
    expect(await site.cspViolations()).toEqual([])
    expect(site.pageErrors).toEqual([])
  })

  it('books with SMS, replies STOP from the inbox page, and the clinic sees SMS refused', async () => {
    const site = await open('/', 'journey-sms')
    const w = widget(site.page)
    await book(site.page, SECOND, async () => {
      await w.channel('SMS (text message)').check()
    })
    const bookingId = await confirmedBookingId(site)
    const booking = await clinicCall<BookingRecord>('GET', `/bookings/${bookingId}`)
    await waitForMessage(
      'the SMS confirmation',
      (message) => message.channel === 'sms' && message.to === SECOND_E164,
    )

    // The patient's phone is the dev inbox's page: reply under the message, as they would on the phone.
    const inbox = await site.context.newPage()
    await inbox.goto(browserEnv().inboxUrl)
    const sms = inbox.getByRole('article', { name: `SMS to ${SECOND_E164}` }).first()
    await sms.getByLabel('Reply as the patient').fill('STOP')
    const replied = inbox.waitForResponse((response) => response.url().endsWith('/reply'))
    await sms.getByRole('button', { name: 'Send reply' }).click()
    expect((await replied).status(), 'the inbox takes the reply and goes back to the list').toBe(303)
    // Back on the list, the reply shows under the message with what the API answered.
    await expect
      .poll(() =>
        inbox
          .getByRole('article', { name: `SMS to ${SECOND_E164}` })
          .first()
          .textContent(),
      )
      .toMatch(/STOP[\s\S]*API answered 200/)

    await expect
      .poll(
        async () =>
          (
            await clinicCall<ConsentState>('GET', `/consent/state?patientId=${booking.patient.id}`)
          ).purposes.map(({ purpose, state }) => ({ purpose, state })),
        { message: 'the SMS consent state after STOP' },
      )
      .toContainEqual({ purpose: 'messages_sms', state: 'refused' })
    await inbox.close()
  })

  it('asks for a copy of their data on the privacy page and confirms it with the emailed code', async () => {
    const site = await open('/privacy.html', 'journey-privacy')
    const { page } = site
    const r = rightsWidget(page)
    await r.heading('Your data').waitFor()
    expect(await axeCheck(page), 'axe on the privacy page').toEqual([])

    // Sent empty: the three fields at fault are counted, marked, and focus goes to the first.
    await r.button('Send me a code').click()
    await expect.poll(() => r.alert.textContent()).toBe('3 fields need your attention.')
    expect(await described(page, 'fieldset')).toEqual({ invalid: true, text: 'Choose what you would like.' })
    expect(await described(page, '#field-email')).toEqual({
      invalid: true,
      text: 'Enter your email address.',
    })
    expect((await focused(page))?.label, 'focus moves to the first choice').toBe('A copy of my data')
    expect(await axeCheck(page), 'axe with the errors shown').toEqual([])
    await site.screenshot('rights-errors')

    // By keyboard: Space chooses the focused option; Enter in a field sends the form.
    await page.keyboard.press('Space')
    expect(await r.kind('A copy of my data').isChecked()).toBe(true)
    await r.field('Email').fill(FIRST.email)
    await r.field('Date of birth').fill(FIRST.dateOfBirth)
    const started = page.waitForResponse((response) => response.url().endsWith('/v1/rights-requests'))
    await r.field('Date of birth').press('Enter')
    expect((await started).status()).toBe(202)
    await r.heading('Enter your code').waitFor()
    await expect.poll(() => focused(page).then((element) => element?.name)).toBe('Enter your code')
    expect(await r.text()).toContain('We sent a six-digit code to your email address.')

    const mail = await waitForMessage('the confirmation code', emailTo(FIRST.email, 'your confirmation code'))
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1]
    expect(code, 'the email holds a six-digit code').toBeDefined()

    // A wrong code is refused at the code field, and the patient can try again.
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
    await r.field('Code').fill(wrong)
    await r.button('Confirm').click()
    await expect
      .poll(() => described(page, '#field-code'))
      .toEqual({
        invalid: true,
        text: 'This is not the code we sent, or it no longer works. Check it, or start again.',
      })
    expect((await focused(page))?.label).toBe('Code')

    const verified = page.waitForResponse((response) => response.url().endsWith('/verify'))
    await r.field('Code').fill(code!)
    await r.button('Confirm').click()
    const { dueAt } = (await (await verified).json()) as { dueAt: string }
    await r.heading('Request sent').waitFor()
    const dueDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long' }).format(Date.parse(dueAt))
    expect(await r.text()).toContain(`Your request is with the clinic. They answer by ${dueDate}.`)
    expect(await axeCheck(page), 'axe on the done step').toEqual([])
    await site.screenshot('rights-sent')

    const sent = (await site.events()).filter((event) => event.type === 'frontdesk-rights-request-sent')
    expect(sent).toHaveLength(1)
    expect(Object.keys(JSON.parse(sent[0]!.detail)).sort()).toEqual(['kind', 'requestId'])
    expect(JSON.parse(sent[0]!.detail)).toMatchObject({
      kind: 'access',
      requestId: expect.stringMatching(/^rr_/),
    })
    for (const typed of [FIRST.email, FIRST.dateOfBirth]) expect(sent[0]!.detail).not.toContain(typed)
    expect(await site.cspViolations()).toEqual([])
    expect(site.pageErrors).toEqual([])
  })

  it('is completed by the clinic, and the patient downloads their data from the link they are sent', async () => {
    const { data } = await clinicCall<{ data: RightsRequest[] }>('GET', '/rights-requests?status=open')
    const request = data.find((candidate) => candidate.contact === FIRST.email && candidate.kind === 'access')
    expect(request, 'the clinic sees the verified request').toBeDefined()
    expect(request!.patientId, 'matched to the patient by email and date of birth').toBe(firstPatientId)
    await clinicCall('POST', `/rights-requests/${request!.id}/decision`, { decision: 'complete' })

    const mail = await waitForMessage('the download link', emailTo(FIRST.email, '/v1/rights/download#'))
    const link = /(https?:\/\/\S+\/v1\/rights\/download#\S+)/.exec(mail.text)?.[1]
    expect(link, 'the answer carries the download link').toBeDefined()

    const site = await open('/', 'journey-download')
    const { page } = site
    await page.goto(link!)
    const json = page.getByRole('button', { name: 'Download my data (JSON)', exact: true })
    await json.waitFor()
    expect(page.url(), 'the token leaves the address bar').not.toContain('token')
    expect(await axeCheck(page), 'axe on the download page').toEqual([])
    await site.screenshot('download')

    const [download] = await Promise.all([page.waitForEvent('download'), json.click()])
    expect(download.suggestedFilename()).toBe('my-data.json')
    const text = await streamText(await download.createReadStream())
    const exported = JSON.parse(text) as {
      format: string
      patient: { email: string }
      bookings: { id: string }[]
    }
    expect(exported.format).toBe('frontdesk-patient-export/1')
    expect(exported.patient.email).toBe(FIRST.email)
    expect(exported.bookings.map((booking) => booking.id)).toContain(firstBookingId)
    expect(text, 'nothing of the other patient').not.toContain(SECOND.email)
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Your download has started')

    const fhir = page.getByRole('button', {
      name: 'Download as FHIR (for other health systems)',
      exact: true,
    })
    const [bundle] = await Promise.all([page.waitForEvent('download'), fhir.click()])
    expect(JSON.parse(await streamText(await bundle.createReadStream()))).toMatchObject({
      resourceType: 'Bundle',
    })
    expect(await site.cspViolations()).toEqual([])
    expect(site.pageErrors).toEqual([])

    // A link whose token is wrong (or has run out) says so in plain words.
    // Opened in the same tab, where only the fragment changes, the page reads the new link afresh.
    await Promise.all([
      page.waitForEvent('load'),
      page.goto(link!.replace(/token=xt_[\w-]+/, 'token=xt_not-the-token')),
    ])
    await page.getByRole('button', { name: 'Download my data (JSON)', exact: true }).click()
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/^This download link does not work any more/)
    expect(await axeCheck(page), 'axe on the download page with the link refused').toEqual([])
  })
})

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}
