// The patient's consent receipt page, served by the API, in Chromium: it reads its link's fragment,
// shows what was agreed to and how, in the record's language, offers the machine-readable receipt, and
// withdraws; the clinic's ledger then holds both records, the first unchanged.
import { createHash } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, browserEnv, launchChromium } from './browser.js'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

async function api(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${browserEnv().apiUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  const answer = await response.json()
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`)
  return answer
}

/** A consent given by the clinic for one of its patients, in German, with a receipt token. */
async function givenConsent() {
  const { secretKey } = browserEnv()
  const document = await api('POST', '/v1/consent/documents', secretKey, {
    name: `Behandlung ${Date.now()}`,
    purpose: 'treatment',
    legalBasis: 'explicit_consent',
    method: 'drawn_signature',
    texts: [
      { language: 'en', title: 'Consent to treatment', body: 'I agree to be examined.' },
      {
        language: 'de',
        title: 'Einwilligung in die Behandlung',
        body: 'Ich willige in die **Untersuchung** ein.',
      },
    ],
  })
  const bookings = await api('GET', '/v1/bookings?limit=1&status=confirmed', secretKey)
  let patientId = bookings.data[0]?.patient.id as string | undefined
  if (!patientId) {
    const services = await api('GET', '/v1/services', secretKey)
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
    const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)
    const availability = await api(
      'GET',
      `/v1/availability?serviceId=${services.data[0].id}&from=${from}&to=${to}`,
      secretKey,
    )
    const slot = availability.days.flatMap((day: { slots: unknown[] }) => day.slots)[0]
    const booked = await api('POST', '/v1/bookings', secretKey, {
      serviceId: services.data[0].id,
      startsAt: slot.startsAt,
      practitionerId: slot.practitionerIds?.[0] ?? slot.practitionerId,
      patient: { name: 'Receipt Test', email: 'receipt@example.org', dateOfBirth: '1980-01-01' },
    })
    patientId =
      booked.booking.patientId ??
      (await api('GET', `/v1/bookings/${booked.booking.id}`, secretKey)).patient.id
  }
  const german = document.current.texts.find((text: { language: string }) => text.language === 'de')
  const recorded = await api('POST', '/v1/consent/records', secretKey, {
    documentId: document.id,
    version: 1,
    language: 'de',
    textHash: german.hash,
    decision: 'given',
    signer: { relation: 'self' },
    signature: `data:image/png;base64,${PNG.toString('base64')}`,
    patientId,
  })
  return { document, german, record: recorded.record, receiptToken: recorded.receiptToken as string }
}

describe.skipIf(!inject('browser').available)('the consent receipt page', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('shows the consent in its language with the hash of the text shown, and withdraws it from the link', async () => {
    const { apiUrl, secretKey } = browserEnv()
    const { document, german, record, receiptToken } = await givenConsent()
    const context = await browser.newContext({ locale: 'en-US' })
    const page = await context.newPage()
    const violations: string[] = []
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text())
    })
    await page.goto(`${apiUrl}/v1/consent/receipt#record=${record.id}&token=${receiptToken}`)
    await page.getByRole('heading', { level: 1, name: 'Ihre Einwilligungsquittung' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de')
    const text = page.getByRole('region', { name: 'Der Text, der Ihnen gezeigt wurde' })
    expect(await text.locator('strong').textContent()).toBe('Untersuchung')
    // What the page shows is what the record proves: its hash is the hash of this title and HTML.
    const shownHash = createHash('sha256').update(`${german.title}\n${german.html}`).digest('hex')
    expect(await page.getByText(shownHash).count()).toBe(1)
    expect(shownHash).toBe(record.textHash)
    expect(await page.locator('.state').textContent()).toBe('Erteilt')
    expect(await axeCheck(page)).toEqual([])

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Maschinenlesbare Quittung herunterladen' }).click()
    const saved = JSON.parse(
      await (await (await download).createReadStream())
        .toArray()
        .then((chunks) => Buffer.concat(chunks).toString()),
    )
    expect(saved).toMatchObject({
      version: 'KI-CR-v1.1.0',
      consentReceiptID: record.id,
      recordHash: record.hash,
    })

    await page.getByRole('button', { name: 'Diese Einwilligung widerrufen' }).click()
    await page.getByRole('button', { name: 'Ja, widerrufen' }).click()
    await expect.poll(() => page.locator('.state').textContent()).toBe('Widerrufen')
    expect(await page.getByRole('button', { name: 'Diese Einwilligung widerrufen' }).count()).toBe(0)
    expect(violations).toEqual([])
    await context.close()

    const ledger = await api('GET', `/v1/consent/records?documentId=${document.id}`, secretKey)
    expect(
      ledger.data.map((row: { decision: string; withdraws: string | null }) => [row.decision, row.withdraws]),
    ).toEqual([
      ['given', null],
      ['withdrawn', record.id],
    ])
    expect(ledger.data[0]).toEqual(record)
    expect(ledger.data[1].method).toBe('receipt_link')
  })

  it('explains an incomplete or dead link in plain words', async () => {
    const { apiUrl } = browserEnv()
    const context = await browser.newContext({ locale: 'en-US' })
    const page = await context.newPage()
    await page.goto(`${apiUrl}/v1/consent/receipt#record=cons_Nothing000000000`)
    expect(await page.getByRole('alert').textContent()).toMatch(/link is incomplete/)
    await page.goto(`${apiUrl}/v1/consent/receipt#record=cons_Nothing000000000&token=ct_${'x'.repeat(43)}`)
    await page.reload()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/cannot be shown/)
    await context.close()
  })
})
