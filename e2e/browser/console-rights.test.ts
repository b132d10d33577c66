// The rights inbox and retention in the console, in Chromium against the demo: patients file requests on
// the clinic's site (as <frontdesk-rights-request> does) and confirm them with the emailed code; the owner
// sees them with their deadlines (overdue ones first: rights-inbox.test.ts), completes an access request (the patient downloads their
// export from the link they are sent) and declines another with a reason; retention's policy is changed,
// a dry run and a purge are reported; a receptionist sees neither section.
import type { RightsRequest } from '@frontdesk/contracts'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeCheck, browserEnv, DESKTOP, launchChromium, openSite } from './browser.js'
import { clinicCall } from './consent-page.js'
import {
  consoleUi,
  headingShown,
  mailTo,
  openConsole,
  settled,
  signInAsOwner,
  staffAvailable,
} from './console-page.js'
import { emailTo, waitForMessage } from './inbox.js'

const DAY_MS = 86_400_000
/** Letters only: names allow no digits. */
const tag = () =>
  Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')

interface Person {
  name: string
  email: string
  dateOfBirth: string
}

const person = (first: string): Person => {
  const unique = tag()
  return {
    name: `${first} ${unique[0]!.toUpperCase()}${unique.slice(1)}`,
    email: `${first.toLowerCase()}.${unique}@example.org`,
    dateOfBirth: '1982-05-17',
  }
}

/** A booking made with the clinic's key, so the person is the clinic's patient. */
async function becomePatient(who: Person): Promise<string> {
  const services = await clinicCall<{ data: { id: string; name: string }[] }>('GET', '/services')
  const service = services.data.find((candidate) => candidate.name === 'General consultation')!
  const from = new Date(Date.now() + 20 * DAY_MS).toISOString().slice(0, 10)
  const to = new Date(Date.now() + 40 * DAY_MS).toISOString().slice(0, 10)
  const availability = await clinicCall<{ days: { slots: { startsAt: string }[] }[] }>(
    'GET',
    `/availability?serviceId=${service.id}&from=${from}&to=${to}`,
  )
  const slots = availability.days.flatMap((day) => day.slots)
  // A random free time: other files book on the same demo at the same moment, so a taken one is tried again.
  let made: { booking: { id: string } } | undefined
  for (let tries = 0; !made; tries++) {
    const slot = slots[Math.floor(Math.random() * slots.length)]!
    made = await clinicCall<{ booking: { id: string } }>(
      'POST',
      '/bookings',
      { serviceId: service.id, startsAt: slot.startsAt, patient: who },
      201,
    ).catch((error: unknown) => {
      if (tries >= 4) throw error
      return undefined
    })
  }
  const booking = await clinicCall<{ patient: { id: string } }>('GET', `/bookings/${made.booking.id}`)
  return booking.patient.id
}

/** Files and confirms a request with the publishable key from the clinic's site origin, as the widget does. */
async function fileRequest(kind: RightsRequest['kind'], who: Person): Promise<string> {
  const { apiUrl, publishableKey, siteUrl } = browserEnv()
  const call = async (path: string, payload: unknown) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${publishableKey}`,
        'Content-Type': 'application/json',
        Origin: new URL(siteUrl).origin,
      },
      body: JSON.stringify(payload),
    })
    return { status: response.status, body: await response.json() }
  }
  const started = await call('/v1/rights-requests', { kind, email: who.email, dateOfBirth: who.dateOfBirth })
  expect(started.status, JSON.stringify(started.body)).toBe(202)
  const mail = await waitForMessage('the confirmation code', emailTo(who.email, 'your confirmation code'))
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1]
  const id = started.body.requestId as string
  const verified = await call(`/v1/rights-requests/${id}/verify`, { code })
  expect(verified.status, JSON.stringify(verified.body)).toBe(200)
  return id
}

describe.skipIf(!staffAvailable())('the rights inbox and retention in the console', () => {
  let browser: Browser
  const asker = person('Ronja')
  const eraser = person('Bruno')
  const ids = { access: '', erasure: '' }
  let askerPatientId = ''

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    // The demo is shared with the other files: its policy goes back to keeping everything.
    await clinicCall('PATCH', '/clinic/retention', {
      bookingsDays: null,
      intakeDays: null,
      consentEvidenceDays: null,
      auditDays: null,
    }).catch(() => undefined)
    await browser?.close()
  })

  /** The console as the owner. */
  async function ownerConsole() {
    const opened = await openConsole(browser)
    await signInAsOwner(opened.page)
    return opened
  }

  it('lists open requests with their deadlines and completes an access request', async () => {
    // Filed here, not in beforeAll: the codes are read from the dev inbox with expect.poll.
    askerPatientId = await becomePatient(asker)
    ids.access = await fileRequest('access', asker)
    ids.erasure = await fileRequest('erasure', eraser)
    const owner = await ownerConsole()
    const { page } = owner
    const ui = consoleUi(page)
    await ui.navLink('Rights requests').click()
    await headingShown(page, 'Rights requests')
    await settled(page)

    const open = ui.root.locator('#rights-open-list > li')
    const openIds = await open.evaluateAll((items) =>
      items.map((item) => item.querySelector('article')?.id.replace('rights-request-', '')),
    )
    expect(openIds).toEqual(expect.arrayContaining([ids.access, ids.erasure]))

    const card = ui.root.locator(`#rights-request-${ids.access}`)
    expect(await card.locator('.due').textContent()).toContain('30 days left')
    expect(await card.textContent()).toContain(asker.email)
    expect(await card.getByRole('link', { name: 'Open the patient' }).getAttribute('href')).toBe(
      `#/patients/${askerPatientId}`,
    )
    expect(await axeCheck(page), 'axe on the rights inbox').toEqual([])

    // By keyboard: a note, then Tab to Complete and Enter.
    await card.getByLabel('Reason or note to the patient').focus()
    await page.keyboard.type('Here is your data, as you asked.')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe(
      'Complete',
    )
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.status.textContent()).toBe('Completed: the patient has been told.')
    await expect.poll(() => ui.root.locator(`#rights-request-${ids.access}`).count()).toBe(0)
    const decidedRow = ui.root.locator(`#rights-decided-${ids.access}`)
    expect(await decidedRow.textContent()).toContain('Completed')

    // The patient's message carries the download; the export has their name.
    const mail = await waitForMessage('the download link', emailTo(asker.email, '/v1/rights/download#'))
    const link = /(https?:\/\/\S+\/v1\/rights\/download#\S+)/.exec(mail.text)?.[1]
    expect(link, 'the message carries the download link').toBeDefined()
    const download = await openSite(browser, { viewport: DESKTOP, label: 'console-rights-download' })
    await download.page.goto(link!)
    const json = download.page.getByRole('button', { name: 'Download my data (JSON)', exact: true })
    const [file] = await Promise.all([download.page.waitForEvent('download'), json.click()])
    const chunks: Buffer[] = []
    for await (const chunk of await file.createReadStream()) chunks.push(Buffer.from(chunk as Buffer))
    const exported = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { patient: { name: string } }
    expect(exported.patient.name).toBe(asker.name)
    await download.close()

    // Declining needs a reason, said beside the field; with one, the request moves to the decided list.
    const erasure = ui.root.locator(`#rights-request-${ids.erasure}`)
    await erasure.getByRole('button', { name: 'Decline: Erasure' }).click()
    const note = erasure.getByLabel('Reason or note to the patient')
    await expect.poll(() => note.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true')
    expect(await ui.alert.textContent()).toBe('Give the patient a reason when you decline.')
    expect(await axeCheck(page), 'axe with the missing reason shown').toEqual([])
    await note.fill('We must keep these records for ten years by law.')
    await erasure.getByRole('button', { name: 'Decline: Erasure' }).click()
    await expect.poll(() => ui.status.textContent()).toBe('Declined: the patient has been told.')
    expect(await ui.root.locator(`#rights-decided-${ids.erasure}`).textContent()).toContain(
      'We must keep these records for ten years by law.',
    )
    const told = await waitForMessage('the decline', emailTo(eraser.email, 'ten years by law'))
    expect(told.text).toContain('ten years by law')
    expect(owner.pageErrors).toEqual([])
    expect(await owner.cspViolations()).toEqual([])
    await owner.close()
  })

  it('changes the retention policy, shows a dry run and the last purge', async () => {
    const owner = await ownerConsole()
    const { page } = owner
    const ui = consoleUi(page)
    await ui.navLink('Retention').click()
    await headingShown(page, 'Retention')
    await settled(page)
    expect(await axeCheck(page), 'axe on retention').toEqual([])

    // A day count the API refuses is said beside its field.
    const bookings = ui.root.locator('#retention-bookingsDays')
    await ui.root.locator('#retention-bookingsDays-keep').uncheck()
    await bookings.fill('0')
    await ui.button('Save policy').click()
    await expect.poll(() => bookings.getAttribute('aria-invalid')).toBe('true')
    expect(await ui.root.locator('#retention-bookingsDays-issue').textContent()).toContain(
      'between 1 and 36500',
    )
    expect(await axeCheck(page), 'axe with the refusal shown').toEqual([])
    await bookings.fill('3650')
    await ui.button('Save policy').click()
    await expect.poll(() => ui.status.textContent()).toBe('Retention policy saved')
    expect((await clinicCall<{ bookingsDays: number | null }>('GET', '/clinic/retention')).bookingsDays).toBe(
      3650,
    )

    // A dry run counts and removes nothing: the bookings are all still there afterwards.
    const before = await clinicCall<{ data: unknown[] }>('GET', '/bookings?limit=100')
    await ui.button('Dry run').click()
    await expect.poll(() => ui.status.textContent()).toBe('Dry run finished: nothing was removed.')
    const report = ui.root.locator('#retention-dry-run-report')
    expect(await report.locator('caption').textContent()).toBe('Would remove')
    expect(await report.locator('tr[data-kind="bookings"] td.removed').textContent()).toMatch(/^\d+$/)
    expect((await clinicCall<{ data: unknown[] }>('GET', '/bookings?limit=100')).data.length).toBe(
      before.data.length,
    )

    // A purge now: its report is the last purge, the same one the API lists first.
    await ui.button('Purge now').click()
    await expect.poll(() => ui.status.textContent()).toBe('Purge finished')
    const last = ui.root.locator('#retention-last-run')
    expect(await last.locator('caption').textContent()).toBe('Removed')
    expect(await last.locator('tr[data-kind="bookings"] td.removed').textContent()).toBe('0')
    const runs = await clinicCall<{ data: { removed: { bookings: number } }[] }>('GET', '/retention/runs')
    expect(runs.data[0]?.removed.bookings).toBe(0)
    expect(await axeCheck(page), 'axe with both reports').toEqual([])
    expect(owner.pageErrors).toEqual([])
    await owner.close()
  })

  it('shows a receptionist neither section', async () => {
    const owner = await openConsole(browser)
    await signInAsOwner(owner.page)
    const ownerUi = consoleUi(owner.page)
    const email = `rights-reception-${Date.now()}@example.org`
    await ownerUi.navLink('Staff').click()
    await headingShown(owner.page, 'Staff')
    await ownerUi.field('Email').fill(email)
    await ownerUi.field('Role').selectOption('reception')
    await ownerUi.button('Invite').click()
    await expect.poll(() => ownerUi.status.textContent()).toBe(`Invitation sent to ${email}.`)
    await owner.close()

    const mail = await mailTo(email, /invited/i)
    const reception = await openConsole(browser, { hash: new URL(mail.link).hash })
    const ui = consoleUi(reception.page)
    await headingShown(reception.page, 'Join your clinic on Frontdesk')
    await ui.field('Your name').fill('Rita Reception')
    await ui.field('Email address').fill(email)
    await ui.field('Password').fill('a long reception passphrase')
    await ui.button('Create account').click()
    await ui.button('Accept the invitation').click()
    await headingShown(reception.page, 'Bookings')
    const links = await ui.nav.getByRole('link').allTextContents()
    expect(links).not.toContain('Rights requests')
    expect(links).not.toContain('Retention')
    for (const hash of ['#/rights', '#/retention']) {
      await reception.page.evaluate((to) => {
        location.hash = to
      }, hash)
      await ui.root.getByText('Your role does not open this section.').waitFor()
    }
    await reception.close()
  })
})
