// <frontdesk-intake> in Chromium against the real API (./intake-page.ts): the demo clinic's new-patient
// form step by step, questions appearing inside a list of medicines, saving and resuming from the link,
// files and a typed signature sent, and a dead link explained. Every page runs under a strict CSP, and
// what the widget saved or sent is read back as the clinic reads it.

import { NEW_PATIENT_HISTORY } from '@frontdesk/contracts/demo'
import type { FormDefinition } from '@frontdesk/contracts/intake'
import type { FrontdeskAdmin } from '@frontdesk/sdk'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, launchChromium } from './browser.js'
import {
  allowSite,
  clinicAdmin,
  createForm,
  expectSaved,
  onlyResponse,
  openIntakePage,
  SITE,
  TIME_ZONE,
} from './intake-page.js'
import { MOUNT_CHROMIUM_ARGS } from './mount.js'
import { fieldError, focused } from './widget.js'

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

const CONSENT: FormDefinition = {
  title: 'Consent',
  items: [
    {
      id: 'card',
      type: 'file',
      label: 'Insurance card',
      accept: ['image/png', 'application/pdf'],
      maxBytes: 100_000,
      maxFiles: 2,
    },
    { id: 'signature', type: 'signature', label: 'Sign here', required: true },
  ],
}

function intake(page: Page) {
  const root = page.locator('frontdesk-intake')
  return {
    root,
    step: (name: string) => root.getByRole('heading', { level: 3, name }),
    field: (label: string) => root.getByLabel(label, { exact: true }),
    button: (name: string) => root.getByRole('button', { name, exact: true }),
    status: root.locator('.summary'),
    progress: root.getByRole('progressbar'),
  }
}

/** Drafts are kept this long after their last save (the demo clinic's `policy.intakeDraftIdleDays`). */
const IDLE_DAYS = 14

/** "March 9, 2026 at 9:00 AM", as the widget writes a draft's expiry, spaces made plain. */
function expiryText(updatedAt: string): string {
  const expires = Date.parse(updatedAt) + IDLE_DAYS * 24 * 60 * 60 * 1000
  const format = new Intl.DateTimeFormat('en-US', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  })
  return format.format(expires).replace(/\s+/g, ' ')
}

describe.skipIf(!inject('browser').available)('<frontdesk-intake>', () => {
  let browser: Browser
  let admin: FrontdeskAdmin

  beforeAll(async () => {
    admin = clinicAdmin()
    await allowSite(admin)
    // The page is on a public origin and the API on this machine: Chromium must let the one call the other.
    browser = await launchChromium(MOUNT_CHROMIUM_ARGS)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('checks only the step at hand, says what is wrong next to the field and moves on once it is right', async () => {
    const formId = await createForm(admin, NEW_PATIENT_HISTORY)
    const { page, context, events, cspViolations } = await openIntakePage(browser, formId)
    const w = intake(page)
    await w.step('A few questions').waitFor()
    expect(await w.root.getByText('Step 1 of 5').count()).toBe(1)
    expect(await w.progress.evaluate((bar) => (bar as HTMLProgressElement).value)).toBe(1)
    expect(await focused(page), 'opening must not take the page focus').toBeNull()
    expect(await axeCheck(page)).toEqual([])

    await w.button('Next').click()
    const reason = w.field('What would you like to see us about? (required)')
    expect(await fieldError(reason)).toEqual({ invalid: true, message: 'Answer this question.' })
    expect(await w.status.textContent()).toBe('One field needs your attention.')
    expect(await w.status.getAttribute('role')).toBe('status')
    expect((await focused(page))?.tag).toBe('textarea')

    await reason.fill('Back pain since May')
    expect((await fieldError(reason)).invalid).toBe(false)
    await w.button('Next').click()
    await w.step('How to reach you').waitFor()
    await expect.poll(async () => (await focused(page))?.name).toBe('How to reach you')
    expect(await w.root.getByText('Step 2 of 5').count()).toBe(1)
    // Leaving the step saved it, with only what the validator keeps.
    const responseId = await expectSaved(admin, formId, { reason: 'Back pain since May' })
    await expect.poll(async () => (await events()).length).toBe(4)
    expect(await events()).toEqual([
      'frontdesk-ready {}',
      'frontdesk-intake-step {"step":"reason"}',
      'frontdesk-intake-step {"step":"contact"}',
      `frontdesk-intake-saved {"responseId":"${responseId}"}`,
    ])
    expect(await cspViolations()).toEqual([])
    await context.close()
  })

  it('opens the medicines step when asked, asks the dose only for a daily medicine, and adds and removes entries', async () => {
    const formId = await createForm(admin, NEW_PATIENT_HISTORY)
    const { page, context } = await openIntakePage(browser, formId, { attributes: { theme: 'dark' } })
    const w = intake(page)
    await w.field('What would you like to see us about? (required)').fill('Check-up')
    await w.button('Next').click()
    await w.field('Street and house number').fill('Lindenstraße 4')
    await w.field('Postal code').fill('10969')
    await w.field('Town or city').fill('Berlin')
    await w.field('Country code (2 letters, such as DE or GB)').fill('de')
    await w.field('Emergency contact name').fill('Jan Kowalski')
    await w.field('Emergency contact phone').waitFor()
    await w.button('Next').click()
    await w.root.getByRole('radio', { name: 'I pay myself' }).check()
    expect(await w.root.getByLabel('Insurer').count(), 'no insurer is asked of a self-payer').toBe(0)
    await w.button('Next').click()
    await w.root.getByRole('radio', { name: 'Yes' }).check()
    expect(await w.root.getByText('Step 4 of 6').count()).toBe(1)
    await w.button('Next').click()

    await w.step('Your medicines').waitFor()
    const first = w.root.getByRole('group', { name: 'Entry 1' })
    await first.getByLabel('Medicine (required)').fill('Ibuprofen')
    expect(await first.getByLabel('Dose per day (required)').count()).toBe(0)
    await first.getByRole('radio', { name: 'Yes' }).check()
    const dose = first.getByLabel('Dose per day (required)')
    await dose.waitFor()
    await w.button('Next').click()
    expect(await fieldError(dose)).toEqual({ invalid: true, message: 'Answer this question.' })
    expect((await focused(page))?.label).toBe('Dose per day (required)')
    expect(await axeCheck(page)).toEqual([])

    await w.button('Add another entry to “Your medicines”').click()
    const second = w.root.getByRole('group', { name: 'Entry 2' })
    await second.waitFor()
    expect((await focused(page))?.label).toBe('Medicine (required)')
    await second.getByLabel('Medicine (required)').fill('Vitamin D')
    await w.button('Remove entry 2').click()
    expect(await second.count()).toBe(0)
    expect(await w.status.textContent()).toBe('Entry 2 removed.')
    expect((await focused(page))?.name).toContain('Add another entry')
    expect(await first.getByLabel('Medicine (required)').inputValue()).toBe('Ibuprofen')
    await context.close()
  })

  it('saves and gives a link to carry on later; the link opens the same draft and leaves the address clean', async () => {
    // The page with the form on it, as a booking page sets it for the form it shows after booking.
    const formId = await createForm(admin, NEW_PATIENT_HISTORY)
    const first = await openIntakePage(browser, formId, { attributes: { 'resume-url': '/intake' } })
    const w = intake(first.page)
    await w.field('What would you like to see us about? (required)').fill('Headaches')
    await w.button('Continue later').click()
    await w.step('Continue later').waitFor()
    const link = await w.field('Your link to continue').inputValue()
    expect(link).toMatch(
      new RegExp(`^${SITE}/intake#frontdesk-resume=rt_[\\w-]+&frontdesk-draft=intake_\\w+$`),
    )
    const saved = await onlyResponse(admin, formId)
    expect(saved.answers).toEqual({ reason: 'Headaches' })
    expect(link).toContain(`&frontdesk-draft=${saved.id}`)
    // Fourteen idle days from that save, in the page's own words and time zone.
    const text = (await w.root.getByText(/It works until/).textContent())?.replace(/\s+/g, ' ')
    expect(text).toContain(`It works until ${expiryText(saved.updatedAt)}.`)
    await first.context.close()

    const url = new URL(link)
    const again = await openIntakePage(browser, formId, { path: `${url.pathname}${url.hash}` })
    const resumed = intake(again.page)
    await resumed.step('A few questions').waitFor()
    expect(await resumed.field('What would you like to see us about? (required)').inputValue()).toBe(
      'Headaches',
    )
    expect(again.page.url()).toBe(`${SITE}/intake`)
    // The link carried on the same draft: still the one response, still a draft.
    expect(await onlyResponse(admin, formId)).toMatchObject({ id: saved.id, status: 'draft' })
    await again.context.close()
  })

  it('uploads a file as soon as it is chosen, refuses a wrong kind, and sends a typed signature', async () => {
    const formId = await createForm(admin, CONSENT)
    const { page, context, events, cspViolations } = await openIntakePage(browser, formId)
    const w = intake(page)
    const card = w.field('Insurance card')
    await card.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
    expect(await fieldError(card)).toEqual({ invalid: true, message: 'Use a file of this kind: PNG or PDF.' })
    await card.setInputFiles({ name: 'card-front.png', mimeType: 'image/png', buffer: PNG })
    await w.button('Remove Image, 1 kB').waitFor()
    await w.root.locator('canvas[data-file]').waitFor()
    expect((await fieldError(card)).invalid).toBe(false)
    expect(await w.root.getByText('card-front.png').count(), 'the file name is not shown').toBe(0)

    await w.button('Send').click()
    const signature = w.root.getByRole('group', { name: 'Sign here (required)' })
    expect(await signature.getAttribute('aria-invalid')).toBe('true')
    await w.button('Type your name instead').click()
    expect((await focused(page))?.label).toBe('Your full name')
    await page.keyboard.type('Marta Kowalczyk')
    await w.button('Send').click()

    await w.root.getByRole('heading', { level: 2, name: 'Thank you' }).waitFor()
    await expect.poll(async () => (await focused(page))?.name).toBe('Thank you')
    const sent = await onlyResponse(admin, formId)
    expect(sent.status).toBe('submitted')
    expect(sent.files).toMatchObject([{ field: 'card', contentType: 'image/png', bytes: PNG.length }])
    expect(sent.answers.card).toEqual([
      { fileId: sent.files[0]!.id, contentType: 'image/png', bytes: PNG.length },
    ])
    expect((sent.answers.signature as { image: string }).image).toMatch(/^data:image\/png;base64,/)
    expect((await events()).at(-1)).toBe(`frontdesk-intake-submitted {"responseId":"${sent.id}"}`)
    expect(await cspViolations()).toEqual([])
    await context.close()
  })

  it('explains a link that no longer works in plain words', async () => {
    // Well-formed, but no draft has this token: the API answers 401, as for a sent or expired one.
    const formId = await createForm(admin, NEW_PATIENT_HISTORY)
    const { page, context } = await openIntakePage(browser, formId, {
      path: `/before-your-visit#frontdesk-resume=rt_${'x'.repeat(40)}&frontdesk-draft=intake_NoSuchDraft00`,
    })
    const alert = page.locator('frontdesk-intake').getByRole('alert')
    await expect.poll(() => alert.textContent()).toMatch(/expired or the form was already sent/)
    await context.close()
  })
})
