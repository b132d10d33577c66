// The console's Clinic settings and the practitioner link, from the owner's sign-in: name, time zone and
// cancellation window changed (the API then answers them to the booking widget's key), a bad value refused
// beside its field, axe clean, by keyboard; an invited practitioner linked in Staff then reads their own
// calendar only; reception cannot open or change the settings.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeCheck, launchChromium } from './browser.js'
import {
  consoleUi,
  headingShown,
  mailTo,
  type OpenedConsole,
  openConsole,
  sessionCookie,
  settled,
  signInAsOwner,
  staffAvailable,
  staffEnv,
} from './console-page.js'

type Json = Record<string, any>

async function api(method: string, path: string, auth: { key?: string; cookie?: string }, body?: unknown) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (auth.key) headers.Authorization = `Bearer ${auth.key}`
  // A session changes things only from the console's own origin: sent as the console would, so a 403 is the role's.
  if (auth.cookie) Object.assign(headers, { Cookie: auth.cookie, Origin: new URL(staffEnv().apiUrl).origin })
  const response = await fetch(new URL(path, staffEnv().apiUrl), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json().catch(() => null)) as Json }
}

const asClinic = (method: string, path: string, body?: unknown) =>
  api(method, path, { key: staffEnv().secretKey }, body)

/** What the booking widget reads: GET /v1/clinic with the publishable key, from an allowed origin. */
async function clinicAsWidget(): Promise<Json> {
  const response = await fetch(new URL('/v1/clinic', staffEnv().apiUrl), {
    headers: {
      Authorization: `Bearer ${staffEnv().publishableKey}`,
      Origin: new URL(staffEnv().siteUrl).origin,
    },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as Json
}

describe.skipIf(!staffAvailable())('Clinic settings in the staff console', () => {
  let browser: Browser
  let owner: OpenedConsole
  // Other files book against the demo clinic: its settings are put back afterwards.
  let before: Json

  beforeAll(async () => {
    before = (await asClinic('GET', '/v1/clinic/settings')).body
    browser = await launchChromium()
    owner = await openConsole(browser)
    await signInAsOwner(owner.page)
  })
  afterAll(async () => {
    if (before) {
      await asClinic('PATCH', '/v1/clinic', {
        name: before.name,
        timeZone: before.timeZone,
        policy: before.policy,
        branding: { languages: before.branding.languages },
      })
    }
    await browser?.close()
  })

  it('changes the name, time zone and cancellation window, refusing a bad value beside its field', async () => {
    const { page } = owner
    const ui = consoleUi(page)
    await ui.navLink('Clinic settings').focus()
    await page.keyboard.press('Enter')
    await headingShown(page, 'Clinic settings')
    await settled(page)
    expect(await ui.alert.textContent(), owner.pageErrors.join('; ')).toBe('')

    const name = ui.field('Clinic name')
    expect(await name.inputValue()).toBe(before.name)
    const zone = ui.field('Time zone')
    expect(await zone.inputValue()).toBe(before.timeZone)
    // The chooser lists the browser's IANA zones.
    expect(await zone.locator('option[value="Pacific/Auckland"]').count()).toBe(1)
    const window = ui.field('Cancellation window (hours before the appointment)')

    // A negative window: the API's 422 is said beside the field, which takes focus; nothing is saved.
    await name.fill('Praxis am Settings-Test')
    await zone.selectOption('America/New_York')
    await window.fill('-3')
    await window.press('Enter')
    const issue = ui.root.locator('#settings-cancellationNotice-issue')
    await expect.poll(() => issue.textContent()).toBe('Write the hours as a number, 0 or more.')
    expect(await window.getAttribute('aria-invalid')).toBe('true')
    expect(await window.getAttribute('aria-describedby')).toContain('settings-cancellationNotice-issue')
    await expect
      .poll(() =>
        page.evaluate(() => document.querySelector('frontdesk-console')?.shadowRoot?.activeElement?.id),
      )
      .toBe('settings-cancellationNotice')
    expect(await ui.alert.textContent()).toContain('Cancellation window')
    expect((await clinicAsWidget()).name).toBe(before.name)
    expect(await axeCheck(page)).toEqual([])

    // Corrected by keyboard and saved: the issue goes, and the booking widget's key reads the new values.
    await page.keyboard.press('Control+A')
    await page.keyboard.type('48')
    await expect.poll(() => issue.count()).toBe(0)
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.status.textContent()).toBe('Settings saved')
    const clinic = await clinicAsWidget()
    expect(clinic).toMatchObject({
      name: 'Praxis am Settings-Test',
      timeZone: 'America/New_York',
      policy: { cancellationNoticeMinutes: 48 * 60 },
    })
    expect(await window.inputValue()).toBe('48')

    // The channels are the Messages section's: shown here, changed there.
    const toMessaging = ui.root.locator('#settings-to-messaging')
    expect(await toMessaging.getAttribute('href')).toBe('#/messaging')
    await toMessaging.focus()
    await page.keyboard.press('Enter')
    await headingShown(page, 'Messages')
    expect(await axeCheck(page)).toEqual([])
    expect(owner.pageErrors).toEqual([])
    expect(await owner.cspViolations()).toEqual([])
  })

  it('links an invited practitioner to a practitioner, who then reads that calendar only; neither a practitioner nor reception changes settings', async () => {
    const { page } = owner
    const ui = consoleUi(page)
    const email = `practitioner-${Date.now()}@example.org`
    const clinicName = (await asClinic('GET', '/v1/clinic')).body.name
    await ui.navLink('Staff').click()
    await headingShown(page, 'Staff')
    await ui.field('Email').fill(email)
    await ui.field('Role').selectOption('practitioner')
    await ui.button('Invite').click()
    await expect
      .poll(async () => `${await ui.status.textContent()} ${await ui.alert.textContent()}`)
      .toBe(`Invitation sent to ${email}. `)

    const mail = await mailTo(email, /invited/i)
    const invitee = await openConsole(browser, { hash: new URL(mail.link).hash })
    const mine = consoleUi(invitee.page)
    await headingShown(invitee.page, 'Join your clinic on Frontdesk')
    await mine.field('Your name').fill('Paula Practitioner')
    await mine.field('Email address').fill(email)
    await mine.field('Password').fill('correct horse battery staple')
    await mine.button('Create account').click()
    await mine.button('Accept the invitation').click()
    await headingShown(invitee.page, 'Bookings')
    const cookie = await sessionCookie(invitee.context)
    // Not linked yet: a practitioner account reads no calendar at all.
    expect((await api('GET', '/v1/bookings?limit=100', { cookie })).body.data).toEqual([])

    const practitioners = (await asClinic('GET', '/v1/practitioners')).body.data as Json[]
    const services = (await asClinic('GET', '/v1/services')).body.data as Json[]
    const offered = (practitioner: Json) =>
      services.find((service) => service.active && practitioner.serviceIds.includes(service.id))
    const chosen = practitioners.find((practitioner) => practitioner.active && offered(practitioner)) as Json
    const other = practitioners.find(
      (practitioner) => practitioner.id !== chosen.id && practitioner.active && offered(practitioner),
    )
    // A booking with each practitioner, late on a day a few days out (other files book the first times).
    const day = (ahead: number) =>
      new Date(Date.now() + ahead * 86_400_000).toLocaleDateString('en-CA', { timeZone: before.timeZone })
    const bookWith = async (practitioner: Json) => {
      const serviceId = (offered(practitioner) as Json).id as string
      const practitionerId = practitioner.id as string
      const query = new URLSearchParams({ serviceId, practitionerId, from: day(3), to: day(8) })
      const availability = await asClinic('GET', `/v1/availability?${query}`)
      expect(availability.status).toBe(200)
      const slot = (availability.body.days as Json[]).flatMap((each) => each.slots as Json[]).at(-1) as Json
      const booked = await asClinic('POST', '/v1/bookings', {
        serviceId,
        practitionerId,
        startsAt: slot.startsAt,
        patient: {
          name: 'Lina Link',
          email: `lina.link.${Date.now()}@example.org`,
          dateOfBirth: '1980-06-01',
        },
      })
      expect(booked.status).toBe(201)
      return booked.body.booking.id as string
    }
    const withChosen = await bookWith(chosen)
    const withOther = other ? await bookWith(other) : null

    // The owner picks the practitioner in the member's row, by keyboard.
    // The new member shows in the owner's Staff view once it loads again.
    await page.reload()
    await headingShown(page, 'Staff')
    await settled(page)
    const choice = ui.field('Practitioner that Paula Practitioner is')
    expect(await choice.inputValue()).toBe('')
    await choice.focus()
    await choice.selectOption(chosen.id)
    await expect.poll(() => ui.status.textContent()).toBe(`Paula Practitioner is now ${chosen.name}`)
    expect(await choice.inputValue()).toBe(chosen.id)
    expect(await axeCheck(page)).toEqual([])

    // The member's next request reads that calendar only.
    const seen = (await api('GET', '/v1/bookings?limit=100', { cookie })).body.data as Json[]
    expect(seen.map((booking) => booking.id)).toContain(withChosen)
    expect(seen.every((booking) => booking.practitionerId === chosen.id)).toBe(true)
    if (withOther) {
      expect((await api('GET', `/v1/bookings/${withOther}`, { cookie })).status).toBe(404)
    }
    await invitee.page.reload()
    await headingShown(invitee.page, 'Bookings')
    await mine.button('Next 14 days').click()
    await settled(invitee.page)
    // Today's list has no groups, and the click's may not be loading yet when settled() looks: wait for them.
    const headings = mine.root.getByRole('heading', { level: 2 })
    await expect.poll(() => headings.count()).toBeGreaterThan(0)
    const groups = await headings.allTextContents()
    for (const group of groups) expect(group).toContain(chosen.name)

    /** No Clinic settings in the nav, its address opens nothing, and the API refuses a change. */
    const cannotChangeSettings = async () => {
      expect(await mine.nav.getByRole('link', { name: 'Clinic settings' }).count()).toBe(0)
      await invitee.page.evaluate(() => {
        location.hash = '#/settings'
      })
      await headingShown(invitee.page, 'Your role does not open this section.')
      expect(await mine.root.getByLabel('Clinic name').count()).toBe(0)
      const refused = await api('PATCH', '/v1/clinic', { cookie }, { name: 'Not mine' })
      expect(refused.status).toBe(403)
      expect(refused.body.error.message).toMatch(/role may not/)
    }
    await cannotChangeSettings()

    // Unlinked again (so other files see the demo as it was): the member reads nothing once more.
    await choice.selectOption('')
    await expect
      .poll(() => ui.status.textContent())
      .toBe('Paula Practitioner is no longer linked to a practitioner')
    expect((await api('GET', '/v1/bookings?limit=100', { cookie })).body.data).toEqual([])

    // Made reception, the same member still cannot open or change the settings.
    await ui.field('Role of Paula Practitioner').selectOption('reception')
    await expect.poll(() => ui.status.textContent()).toBe('The role is changed.')
    await invitee.page.goto(new URL('/admin', staffEnv().apiUrl).href)
    await headingShown(invitee.page, 'Bookings')
    const links = await mine.nav.getByRole('link').allTextContents()
    expect(links.map((text) => text.trim())).toEqual([
      'Bookings',
      'Patients',
      'Hours and time off',
      'Account',
    ])
    await cannotChangeSettings()
    expect((await asClinic('GET', '/v1/clinic')).body.name).toBe(clinicName)
    expect(invitee.pageErrors).toEqual([])
    await invitee.close()
  })
})
