// The clinic owner's whole way without a developer, in Chromium against the demo: sign in, allow the
// clinic's own website, copy the embed snippet from Go live into a page served from that other origin, a
// patient books there, the owner finds the patient, the patient asks for a copy of their data, the owner
// completes the request in the rights inbox, and the patient downloads the export from the link they are
// sent. The slices have their own files (console-go-live, console-patients, console-rights); this one proves
// they join up.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeCheck, browserEnv, DESKTOP, launchChromium, openSite } from './browser.js'
import {
  consoleUi,
  headingShown,
  openConsole,
  settled,
  signInAsOwner,
  staffAvailable,
  staffEnv,
} from './console-page.js'
import { fillDetails, pickPractitioner, pickService, pickTime, submitBooking } from './flow.js'
import { emailTo, waitForMessage } from './inbox.js'
import { CLINIC } from './widget.js'

/** Letters only: names allow no digits. */
const tag = () =>
  Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')

async function clinicSettings(method: 'GET' | 'PATCH', body?: unknown) {
  const path = method === 'GET' ? '/v1/clinic/settings' : '/v1/clinic'
  const response = await fetch(new URL(path, staffEnv().apiUrl), {
    method,
    headers: { Authorization: `Bearer ${staffEnv().secretKey}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as { allowedOrigins: string[] }
}

/** The clinic's own website: a real server on another origin than the API and the demo site. */
function clinicWebsite(): Promise<{ server: Server; origin: string; setSnippet(snippet: string): void }> {
  let snippet = ''
  const server = createServer((request, response) => {
    if (request.url !== '/') {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Book a visit</title></head>
<body><main><h1>Book a visit</h1>
${snippet}
</main></body></html>`)
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        server,
        origin: `http://127.0.0.1:${port}`,
        setSnippet: (pasted) => {
          snippet = pasted
        },
      })
    })
  })
}

describe.skipIf(!staffAvailable())("the owner's way from sign-in to a patient's data request", () => {
  let browser: Browser
  let site: Awaited<ReturnType<typeof clinicWebsite>>
  let before: { allowedOrigins: string[] }
  const unique = tag()
  const patient = {
    name: `Greta ${unique[0]!.toUpperCase()}${unique.slice(1)}`,
    email: `greta.${unique}@example.org`,
    dateOfBirth: '1979-09-23',
  }

  beforeAll(async () => {
    before = await clinicSettings('GET')
    site = await clinicWebsite()
    browser = await launchChromium()
  })
  afterAll(async () => {
    // Other files share the demo clinic: its origins go back as they were.
    if (before) await clinicSettings('PATCH', { allowedOrigins: before.allowedOrigins })
    await browser?.close()
    site?.server.close()
  })

  it('goes live on its own site, finds the patient who booked there and answers their request', async () => {
    const owner = await openConsole(browser)
    const { page } = owner
    const ui = consoleUi(page)
    await signInAsOwner(page)

    // Go live: the website's origin allowed, the ordinary snippet copied as the owner would.
    await ui.navLink('Go live').click()
    await headingShown(page, 'Go live')
    await settled(page)
    await ui.field('Origin').fill(site.origin)
    await page.keyboard.press('Enter')
    await expect.poll(() => ui.root.getByText(site.origin, { exact: true }).count()).toBe(1)
    const snippet = (await ui.root.locator('#go-live-snippet-ordinary').textContent()) ?? ''
    expect(snippet).toMatch(/<frontdesk-booking publishable-key="pk_live_[^"]+"/)
    site.setSnippet(snippet)

    // A patient books on the clinic's website through the pasted snippet.
    const visitor = await browser.newContext({ locale: 'en-US' })
    const booking = await visitor.newPage()
    const bookingErrors: string[] = []
    booking.on('pageerror', (error) => bookingErrors.push(error.message))
    await booking.goto(`${site.origin}/`)
    await pickService(booking, CLINIC.services[0]!)
    await pickPractitioner(booking, CLINIC.practitioners[0]!)
    await pickTime(booking, 0)
    await fillDetails(booking, patient)
    await submitBooking(booking)
    expect(bookingErrors).toEqual([])
    await visitor.close()

    // The owner finds the patient by email and opens them.
    await ui.navLink('Patients').click()
    await headingShown(page, 'Patients')
    await ui.field('Find by').selectOption({ label: 'Email address' })
    await ui.field('Search for').fill(patient.email.toUpperCase())
    await ui.button('Search').click()
    const link = ui.root.getByRole('link', { name: patient.name, exact: true })
    await link.click()
    await headingShown(page, 'Patient')
    await settled(page)
    const patientId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '')
    expect(patientId).toMatch(/^pat_/)
    await expect.poll(() => ui.root.getByText(patient.email).count()).toBeGreaterThan(0)

    // The patient asks for a copy of their data from the website, as <frontdesk-rights-request> does, and
    // confirms it with the code mailed to them.
    const rights = async (path: string, body: unknown) => {
      const response = await fetch(new URL(path, browserEnv().apiUrl), {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${browserEnv().publishableKey}`,
          'Content-Type': 'application/json',
          Origin: site.origin,
        },
        body: JSON.stringify(body),
      })
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    }
    const asked = await rights('/v1/rights-requests', {
      kind: 'access',
      email: patient.email,
      dateOfBirth: patient.dateOfBirth,
    })
    expect(asked.status, JSON.stringify(asked.body)).toBe(202)
    const codeMail = await waitForMessage(
      'the confirmation code',
      emailTo(patient.email, 'your confirmation code'),
    )
    const code = /\b(\d{6})\b/.exec(codeMail.text)?.[1]
    const requestId = asked.body.requestId as string
    expect((await rights(`/v1/rights-requests/${requestId}/verify`, { code })).status).toBe(200)

    // The owner answers it in the rights inbox: it names the patient it matched.
    await ui.navLink('Rights requests').click()
    await headingShown(page, 'Rights requests')
    await settled(page)
    const card = ui.root.locator(`#rights-request-${requestId}`)
    expect(await card.getByRole('link', { name: 'Open the patient' }).getAttribute('href')).toBe(
      `#/patients/${patientId}`,
    )
    expect(await axeCheck(page), 'axe on the rights inbox').toEqual([])
    await card.getByLabel('Reason or note to the patient').fill('Your data, as you asked.')
    await card.getByRole('button', { name: /^Complete/ }).click()
    await expect.poll(() => ui.status.textContent()).toBe('Completed: the patient has been told.')

    // The patient downloads the export from the link they are sent.
    const mail = await waitForMessage('the download link', emailTo(patient.email, '/v1/rights/download#'))
    const download = /(https?:\/\/\S+\/v1\/rights\/download#\S+)/.exec(mail.text)?.[1]
    expect(download, 'the message carries the download link').toBeDefined()
    const opened = await openSite(browser, { viewport: DESKTOP, label: 'owner-journey-download' })
    await opened.page.goto(download!)
    const json = opened.page.getByRole('button', { name: 'Download my data (JSON)', exact: true })
    const [file] = await Promise.all([opened.page.waitForEvent('download'), json.click()])
    const chunks: Buffer[] = []
    for await (const chunk of await file.createReadStream()) chunks.push(Buffer.from(chunk as Buffer))
    const exported = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      patient: { name: string }
      bookings: unknown[]
    }
    expect(exported.patient.name).toBe(patient.name)
    expect(exported.bookings).toHaveLength(1)
    await opened.close()

    expect(owner.pageErrors).toEqual([])
    expect(await owner.cspViolations()).toEqual([])
    await owner.close()
  })
})
