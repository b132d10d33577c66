// The console's Patients section on the demo, as the owner: a patient booked through the API is found by
// email, phone and part of the name, opened (the same audited read as the API's), corrected, held and
// released, exported as JSON and FHIR files, and erased; then what a receptionist may and may not do there.
import { readFile } from 'node:fs/promises'
import { createFrontdeskAdmin, type FrontdeskAdmin } from '@frontdesk/sdk'
import type { Browser, Page } from 'playwright-core'
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

/** Letters only (names take no digits), new on every run, so the search finds this patient alone. */
function uniqueLetters(): string {
  return [...`${Date.now().toString(26)}${Math.floor(Math.random() * 26 ** 3).toString(26)}`]
    .map((c) => String.fromCharCode(97 + Number.parseInt(c, 26)))
    .join('')
}

async function bookPatient(admin: FrontdeskAdmin, daysAhead: number) {
  const surname = `Q${uniqueLetters()}`
  const patient = {
    name: `Petra ${surname}`,
    email: `petra.${surname.toLowerCase()}@example.org`,
    phone: `+49 30 ${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`,
    dateOfBirth: '1981-02-03',
  }
  const { data: services } = await admin.catalogue.services.list()
  const service = services.find((candidate) => candidate.active)
  if (!service) throw new Error('the demo clinic has a bookable service')
  const clinic = await admin.catalogue.clinic()
  const date = (days: number) =>
    new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: clinic.timeZone })
  const availability = await admin.availability.get({
    serviceId: service.id,
    from: date(daysAhead),
    to: date(daysAhead + 6),
  })
  // Late slots, away from the first free times the other tests book.
  const slot = availability.days.flatMap((day) => day.slots).at(-1 - Math.floor(Math.random() * 5))
  if (!slot) throw new Error('no free time to book')
  const { booking } = await admin.bookings.create({ serviceId: service.id, startsAt: slot.startsAt, patient })
  const record = await admin.bookings.get(booking.id)
  if (!('patient' in record)) throw new Error('the secret key reads the patient')
  return { ...patient, surname, id: record.patient.id, bookingId: booking.id }
}

/** Searches in the console; the term is typed, never put in the address bar. */
async function search(page: Page, by: 'Email address' | 'Phone number' | 'Name', term: string) {
  const ui = consoleUi(page)
  await ui.field('Find by').selectOption({ label: by })
  await ui.field('Search for').fill(term)
  await ui.button('Search').click()
  await expect.poll(() => ui.status.textContent()).toMatch(/^(\d+ patients? found|No patient found\.)$/)
  await settled(page)
  expect(new URL(page.url()).hash).toBe('#/patients')
}

describe.skipIf(!staffAvailable())('the Patients section of the console', () => {
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

  it('finds, opens, corrects, holds, exports and erases a patient, audited as the API reads', async () => {
    const patient = await bookPatient(admin, 15)
    const { page } = opened
    const ui = consoleUi(page)

    // By keyboard from the nav to the search, by part of the name.
    await ui.navLink('Patients').focus()
    await page.keyboard.press('Enter')
    await headingShown(page, 'Patients')
    await ui.field('Find by').selectOption({ label: 'Name' })
    await ui.field('Search for').focus()
    await page.keyboard.type(patient.surname.slice(0, 6).toLowerCase())
    await page.keyboard.press('Enter')
    const link = ui.root.getByRole('link', { name: patient.name, exact: true })
    await expect.poll(() => link.count()).toBe(1)
    expect(new URL(page.url()).hash).toBe('#/patients')
    expect(await axeCheck(page)).toEqual([])

    // By exact email, then by phone: the same one patient.
    await search(page, 'Email address', patient.email.toUpperCase())
    expect(await ui.root.locator('tbody tr').count()).toBe(1)
    expect(await link.count()).toBe(1)
    await search(page, 'Phone number', patient.phone)
    expect(await ui.root.locator('tbody tr').count()).toBe(1)
    expect(await link.count()).toBe(1)

    // Open by keyboard: the page's heading takes focus; the id alone is in the address bar and no name in
    // the title.
    await link.focus()
    await page.keyboard.press('Enter')
    await headingShown(page, 'Patient')
    await settled(page)
    await expect
      .poll(() =>
        page.evaluate(() => document.querySelector('frontdesk-console')?.shadowRoot?.activeElement?.tagName),
      )
      .toBe('H1')
    expect(new URL(page.url()).hash).toBe(`#/patients/${patient.id}`)
    expect(await page.title()).not.toContain(patient.surname)
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0)
    expect(await ui.root.getByText(patient.email, { exact: true }).count()).toBe(1)
    // The booking made through the API is listed and links to its page.
    await expect.poll(() => ui.root.locator(`a[href="#/bookings/${patient.bookingId}"]`).count()).toBe(1)
    // Theirs alone: no other patient's booking is listed.
    expect(await ui.root.locator('a[href^="#/bookings/"]').count()).toBe(1)
    expect(await ui.alert.textContent()).toBe('')
    expect(await axeCheck(page)).toEqual([])

    // Opening the patient wrote the same audited read as the API's own read does, with the member as actor.
    const reads = async () =>
      (await admin.audit.list({ patientId: patient.id, action: 'patient.read', limit: 100 })).data.filter(
        (event) => event.object.id === patient.id,
      )
    expect((await reads()).some((event) => event.actor.type === 'staff')).toBe(true)
    await admin.patients.get(patient.id)
    const both = await reads()
    const byStaff = both.find((event) => event.actor.type === 'staff')
    const byKey = both.find((event) => event.actor.type === 'secret')
    expect(byKey).toBeDefined()
    expect({ action: byStaff?.action, object: byStaff?.object }).toEqual({
      action: byKey?.action,
      object: byKey?.object,
    })

    // Correct the name.
    const corrected = `Petra ${patient.surname}-Neu`
    await ui.button('Correct the details').click()
    await ui.field('Name').fill(corrected)
    await ui.button('Save the correction').click()
    await expect.poll(() => ui.status.textContent()).toBe('The details are corrected.')
    expect((await admin.patients.get(patient.id)).name).toBe(corrected)
    expect(await ui.root.getByText(corrected, { exact: true }).count()).toBe(1)

    // Restrict and lift.
    await ui.button('Restrict processing').click()
    await expect.poll(() => ui.status.textContent()).toBe('Processing is restricted.')
    expect((await admin.patients.get(patient.id)).restrictedAt).not.toBeNull()
    await ui.button('Lift the restriction').click()
    await expect.poll(() => ui.status.textContent()).toBe('The restriction is lifted.')
    expect((await admin.patients.get(patient.id)).restrictedAt).toBeNull()

    // A legal hold, placed with the keyboard, then released.
    await ui.root.getByRole('checkbox', { name: 'Intake' }).check()
    await ui.field('Reason (the law or case)').fill('Court case 12/345')
    await ui.field('Reason (the law or case)').press('Enter')
    await expect.poll(() => ui.status.textContent()).toBe('The legal hold is placed.')
    let holds = (await admin.patients.legalHolds.list(patient.id)).data
    expect(holds).toEqual([
      expect.objectContaining({ kinds: ['intake'], reason: 'Court case 12/345', releasedAt: null }),
    ])
    expect(await axeCheck(page)).toEqual([])
    await ui.button('Release the hold on Intake').click()
    await expect.poll(() => ui.status.textContent()).toBe('The legal hold is released.')
    holds = (await admin.patients.legalHolds.list(patient.id)).data
    expect(holds[0]?.releasedAt).not.toBeNull()

    // Exports: files the browser downloads, naming the patient, made from a Blob (no data in a URL).
    for (const [button, check] of [
      ['Download as JSON', (body: any) => body.patient?.name],
      [
        'Download as FHIR',
        (body: any) =>
          body.resourceType === 'Bundle' &&
          JSON.stringify(body.entry.find((entry: any) => entry.resource.resourceType === 'Patient')),
      ],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), ui.button(button).click()])
      expect(download.url()).toMatch(/^blob:/)
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${patient.id}(\\.fhir)?\\.json$`))
      const body = JSON.parse(await readFile((await download.path()) as string, 'utf8'))
      expect(String(check(body))).toContain(patient.surname)
    }

    // Erase: a confirm step, then the report; the patient is found no more.
    await ui.button('Erase this patient').click()
    expect((await admin.patients.get(patient.id)).erasedAt).toBeNull()
    await ui.button('Yes, erase').click()
    await expect.poll(() => ui.status.textContent()).toBe('The patient is erased.')
    const report = ui.root.getByRole('region', { name: 'Erasure report' })
    await expect.poll(() => report.count()).toBe(1)
    expect(await report.textContent()).toContain('Details (name, email, phone, date of birth)')
    // The released hold keeps nothing; whatever stays is named with its reason.
    expect(await report.textContent()).toMatch(/Nothing was kept\.|: \d+\. /)
    // The page now shows the record as erased: the details are gone from it.
    await expect.poll(() => ui.root.getByText(/Erased on /).count()).toBe(1)
    expect({
      report: await report.textContent(),
      shown: await ui.root.getByText(patient.surname).allTextContents(),
    }).toEqual({ report: expect.any(String), shown: [] })
    expect((await admin.patients.get(patient.id)).erasedAt).not.toBeNull()
    expect(await axeCheck(page)).toEqual([])

    await ui.navLink('Patients').click()
    await headingShown(page, 'Patients')
    await search(page, 'Email address', patient.email)
    // Said on the page and in the status region; no row.
    expect(await ui.root.getByText('No patient found.', { exact: true }).count()).toBe(2)
    expect(await ui.status.textContent()).toBe('No patient found.')
    expect(await ui.root.locator('tbody tr').count()).toBe(0)
    expect(opened.pageErrors).toEqual([])
    expect(await opened.cspViolations()).toEqual([])
  })

  it('lets a receptionist find and correct a patient, but not export, restrict, hold or erase', async () => {
    const patient = await bookPatient(admin, 16)
    const owner = consoleUi(opened.page)
    const email = `reception-patients-${Date.now()}@example.org`
    await owner.navLink('Staff').click()
    await headingShown(opened.page, 'Staff')
    await owner.field('Email').fill(email)
    await owner.field('Role').selectOption('reception')
    await owner.button('Invite').click()
    await expect.poll(() => owner.status.textContent()).toBe(`Invitation sent to ${email}.`)

    const mail = await mailTo(email, /invited/i)
    const reception = await openConsole(browser, { hash: new URL(mail.link).hash })
    const { page } = reception
    const ui = consoleUi(page)
    await headingShown(page, 'Join your clinic on Frontdesk')
    await ui.field('Your name').fill('Rita Reception')
    await ui.field('Email address').fill(email)
    await ui.field('Password').fill('a long reception passphrase')
    await ui.button('Create account').click()
    await ui.button('Accept the invitation').click()
    await headingShown(page, 'Bookings')

    await ui.navLink('Patients').click()
    await headingShown(page, 'Patients')
    await search(page, 'Email address', patient.email)
    await ui.root.getByRole('link', { name: patient.name, exact: true }).click()
    await headingShown(page, 'Patient')
    await settled(page)
    expect(await ui.root.getByText(patient.email, { exact: true }).count()).toBe(1)

    // Correction is reception's (patient:manage)…
    await ui.button('Correct the details').click()
    await ui.field('Phone').fill('+49 30 5550000')
    await ui.button('Save the correction').click()
    await expect.poll(() => ui.status.textContent()).toBe('The details are corrected.')
    expect((await admin.patients.get(patient.id)).phone).toMatch(/5550000$/)

    // …the rights actions are not (rights:manage): not offered, and the API refuses them too.
    for (const name of [
      'Restrict processing',
      'Download as JSON',
      'Download as FHIR',
      'Place the hold',
      'Erase this patient',
    ]) {
      expect(await ui.root.getByRole('button', { name, exact: true }).count(), name).toBe(0)
    }
    expect(await ui.root.getByText(/are for the clinic’s owners and admins/).count()).toBe(1)
    const cookie = await sessionCookie(reception.context)
    const api = (method: string, path: string) =>
      fetch(new URL(path, staffEnv().apiUrl), {
        method,
        headers: {
          Cookie: cookie,
          'Content-Type': 'application/json',
          Origin: new URL(staffEnv().apiUrl).origin,
        },
        body: method === 'GET' ? undefined : '{}',
      }).then(async (response) => {
        await response.body?.cancel()
        return response.status
      })
    expect(await api('GET', `/v1/patients/${patient.id}/export`)).toBe(403)
    expect(await api('POST', `/v1/patients/${patient.id}/erasure`)).toBe(403)
    expect(await api('GET', `/v1/patients/${patient.id}/legal-holds`)).toBe(403)
    expect((await admin.patients.get(patient.id)).erasedAt).toBeNull()
    expect(await axeCheck(page)).toEqual([])
    expect(reception.pageErrors).toEqual([])
    await reception.close()
  })
})
