// <frontdesk-consent> in Chromium against the real API (./consent-page.ts): a clinic's hostile Markdown
// shown without any script running, a parent signing for a child with the mouse, the keyboard-only
// typed alternative, axe in both themes and in German, and a refused marketing consent. What the widget
// recorded is read back as the clinic reads it.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, browserEnv, launchChromium } from './browser.js'
import {
  bookVisit,
  consent,
  createDocument,
  openConsentPage,
  PRIVACY,
  recordsOf,
  TREATMENT,
} from './consent-page.js'
import { allowSite, clinicAdmin } from './intake-page.js'
import { MOUNT_CHROMIUM_ARGS } from './mount.js'
import { fieldError, focused } from './widget.js'

const TELEHEALTH = {
  purpose: 'telehealth' as const,
  method: 'typed_name' as const,
  texts: [{ language: 'en', title: 'Video consultations', body: 'I agree to be seen by video.' }],
}

const MARKETING = {
  purpose: 'marketing_email' as const,
  method: 'checkbox' as const,
  texts: [{ language: 'en', title: 'News by email', body: 'We may email you about new services.' }],
}

/** Everything a clinic's text could try in order to run script where it is shown. */
const HOSTILE = [
  'Please read this before your visit.',
  '',
  '<script>window.__xss = "script"</script>',
  '<img src="x" onerror="window.__xss = \'img\'">',
  '<svg onload="window.__xss = \'svg\'"><script>window.__xss = "svg-script"</script></svg>',
  '<iframe src="javascript:window.__xss = \'iframe\'"></iframe>',
  '<iframe srcdoc="<script>parent.__xss = 1</script>"></iframe>',
  '<style>p { background: url(https://evil.test/style) }</style>',
  '<form action="https://evil.test/form"><input name="q" autofocus onfocus="window.__xss = \'input\'"><button>Send</button></form>',
  '<details open ontoggle="window.__xss = \'details\'">Details</details>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(2)">',
  '<p style="background: url(javascript:alert(3))" onclick="window.__xss = \'p\'">Styled paragraph</p>',
  '<body onload="window.__xss = \'body\'">',
  '<math><mi xlink:href="javascript:alert(4)">math</mi></math>',
  '',
  "[Markdown link](javascript:window.__xss='md')",
  '[Mixed case](JaVaScRiPt:alert(5))',
  '[Data](data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==)',
  '<a href="javascript:alert(7)">HTML link</a>',
  '<a href="https://example.org/terms" onclick="window.__xss = \'a\'" onmouseover="alert(8)">Terms</a>',
  '<a href="mailto:privacy@clinic.test">Email us</a>',
].join('\n')

/** Draws a stroke across the canvas with the mouse, as a hand signs. */
async function sign(page: Page, canvas: ReturnType<Page['locator']>): Promise<void> {
  const box = (await canvas.boundingBox())!
  const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const
  await page.mouse.move(...at(0.1, 0.6))
  await page.mouse.down()
  for (const [x, y] of [
    [0.2, 0.3],
    [0.3, 0.7],
    [0.45, 0.35],
    [0.6, 0.65],
    [0.8, 0.4],
  ] as const) {
    await page.mouse.move(...at(x, y), { steps: 6 })
  }
  await page.mouse.up()
}

/** Whether anything is drawn on a canvas. */
function inked(canvas: ReturnType<Page['locator']>): Promise<boolean> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement
    const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
    return pixels.some((value, index) => index % 4 === 3 && value > 0)
  })
}

describe.skipIf(!inject('browser').available)('<frontdesk-consent>', () => {
  let browser: Browser

  beforeAll(async () => {
    await allowSite(clinicAdmin())
    browser = await launchChromium(MOUNT_CHROMIUM_ARGS)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it("shows a clinic's hostile Markdown as text: no script runs, nothing is blocked, and the record names that text", async () => {
    const document = await createDocument({
      purpose: 'privacy_notice',
      method: 'checkbox',
      texts: [{ language: 'en', title: 'Before your visit', body: HOSTILE }],
    })
    const { visitToken } = await bookVisit()
    const { page, context, dialogs, pageErrors, cspViolations, events } = await openConsentPage(browser, {
      documents: document.id,
      'visit-token': visitToken,
    })
    const w = consent(page)
    const text = w.root.getByRole('region', { name: 'Before your visit' })
    await text.getByText('Please read this before your visit.').waitFor()

    // Everything that is left is inert: allowed elements, links only to https and mailto.
    const left = await text.evaluate((region) => {
      const elements = [...region.querySelectorAll('*')]
      return {
        tags: [...new Set(elements.map((element) => element.localName))].sort(),
        handlers: elements.flatMap((element) =>
          element.getAttributeNames().filter((name) => name.startsWith('on') || name === 'style'),
        ),
        links: [...region.querySelectorAll('a')].map((link) => ({
          href: link.getAttribute('href'),
          rel: link.getAttribute('rel'),
          target: link.getAttribute('target'),
        })),
      }
    })
    const allowed = ['a', 'blockquote', 'br', 'em', 'h2', 'h3', 'h4', 'hr', 'li', 'ol', 'p', 'strong', 'ul']
    expect(left.tags.filter((tag) => !allowed.includes(tag))).toEqual([])
    expect(left.handlers).toEqual([])
    for (const link of left.links) {
      if (link.href) expect(link.href).toMatch(/^(https:|mailto:)/)
      expect(link).toMatchObject({ rel: 'noopener noreferrer', target: '_blank' })
    }
    expect(left.links.map((link) => link.href)).toContain('https://example.org/terms')

    // Interacting: every link is hovered, the text focused and scrolled.
    for (const link of await text.locator('a').all()) {
      await link.hover()
      // Links that lost their href are clicked; real ones would open a tab (https) or a mail program.
      if ((await link.getAttribute('href')) === null) await link.click()
    }
    await text.focus()
    await page.keyboard.press('End')
    await w.section('Before your visit').getByRole('radio', { name: 'I agree' }).check()
    await w.button('Confirm').click()
    await w.heading('Thank you').waitFor()

    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined()
    expect(dialogs).toEqual([])
    expect(pageErrors).toEqual([])
    expect(await cspViolations()).toEqual([])
    const [record] = await recordsOf(document.id)
    expect(record).toMatchObject({
      decision: 'given',
      method: 'checkbox',
      textHash: document.current.texts[0]!.hash,
    })
    expect(await events()).toEqual([
      'frontdesk-ready {}',
      `frontdesk-consent-recorded {"recordIds":["${record!.id}"]}`,
    ])
    await context.close()
  })

  it('lets a parent sign a treatment consent for a child with the mouse and agree to the privacy notice; the clinic reads both', async () => {
    const treatment = await createDocument(TREATMENT)
    const privacy = await createDocument(PRIVACY)
    const { bookingId, visitToken } = await bookVisit('2015-09-03')
    const { page, context, events, cspViolations, pageErrors } = await openConsentPage(browser, {
      documents: `${treatment.id} ${privacy.id}`,
      'visit-token': visitToken,
      signer: 'guardian',
    })
    const w = consent(page)
    await w.heading('Your consent').waitFor()
    const who = w.root.getByRole('radiogroup', { name: 'Who is signing?' })
    expect(await who.getByRole('radio').evaluateAll((radios) => radios.length)).toBe(2)
    expect(await who.getByRole('radio', { name: 'Me, the patient' }).count(), 'a child does not sign').toBe(0)

    // Confirming with nothing chosen says what is missing, next to each field, and goes to the first.
    await w.button('Confirm').click()
    await expect.poll(() => w.summary.textContent()).toBe('4 fields need your attention.')
    expect(await who.getAttribute('aria-invalid')).toBe('true')
    expect(await fieldError(w.field('Your full name'))).toEqual({
      invalid: true,
      message: 'Enter your full name.',
    })
    expect((await focused(page))?.label).toBe('A parent')

    await who.getByRole('radio', { name: 'A parent' }).check()
    await w.field('Your full name').fill('Anna Brandt')
    const first = w.section('Consent to treatment')
    await first.getByRole('radio', { name: 'I agree' }).check()
    const canvas = first.getByRole('img', { name: 'Signature box, empty' })
    await w.button('Confirm').click()
    await expect.poll(() => w.summary.textContent()).toBe('2 fields need your attention.')
    expect(await first.getByText('Sign in the box, or type your name instead.').count()).toBe(1)

    await sign(page, canvas)
    await first.getByRole('img', { name: 'Signature box, signed' }).waitFor()
    expect(await inked(first.locator('canvas'))).toBe(true)
    await w.section('Privacy notice').getByRole('radio', { name: 'I agree' }).check()
    expect(await axeCheck(page)).toEqual([])
    await w.button('Confirm').click()

    await w.heading('Thank you').waitFor()
    await expect.poll(async () => (await focused(page))?.name).toBe('Thank you')
    const [treated] = await recordsOf(treatment.id)
    const [noticed] = await recordsOf(privacy.id)
    const signer = { relation: 'parent', name: 'Anna Brandt' }
    expect(treated).toMatchObject({
      decision: 'given',
      method: 'drawn_signature',
      hasSignature: true,
      signer,
    })
    expect(treated).toMatchObject({
      bookingId,
      language: 'en',
      textHash: treatment.current.texts.find((text) => text.language === 'en')!.hash,
    })
    expect(noticed).toMatchObject({
      decision: 'given',
      method: 'checkbox',
      hasSignature: false,
      signer,
      bookingId,
    })
    expect(noticed!.typedName).toBeNull()

    // The signature the clinic keeps is the one picture size, whatever the screen it was drawn on.
    const env = browserEnv()
    const png = await fetch(`${env.apiUrl}/v1/consent/records/${treated!.id}/signature`, {
      headers: { Authorization: `Bearer ${env.secretKey}` },
    })
    const bytes = Buffer.from(await png.arrayBuffer())
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([600, 200])

    // A receipt per record, on the API's receipt page, the token only in the fragment.
    const links = await w.root.getByRole('link', { name: /^Your receipt/ }).evaluateAll((anchors) =>
      anchors.map((anchor) => ({
        href: anchor.getAttribute('href'),
        name: anchor.textContent?.replace(/\s+/g, ' ').trim(),
        target: anchor.getAttribute('target'),
        rel: anchor.getAttribute('rel'),
      })),
    )
    expect(links).toHaveLength(2)
    for (const [index, record] of [treated!, noticed!].entries()) {
      const url = new URL(links[index]!.href!)
      expect(`${url.origin}${url.pathname}`).toBe(`${env.apiUrl}/v1/consent/receipt`)
      expect(url.search).toBe('')
      const fragment = new URLSearchParams(url.hash.slice(1))
      expect(fragment.get('record')).toBe(record.id)
      expect(fragment.get('token')).toMatch(/^ct_[\w-]+$/)
      expect(links[index]).toMatchObject({ target: '_blank', rel: expect.stringContaining('noopener') })
    }
    expect(links[0]!.name).toBe('Your receipt for “Consent to treatment” (opens in a new tab)')
    expect(await w.root.getByText('You agreed.').count()).toBe(2)

    const recorded = (await events()).at(-1)!
    expect(recorded).toBe(`frontdesk-consent-recorded {"recordIds":["${treated!.id}","${noticed!.id}"]}`)
    expect(recorded).not.toContain('Anna')
    expect(await cspViolations()).toEqual([])
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('can be done with the keyboard alone: the typed name instead of a drawn signature', async () => {
    const treatment = await createDocument(TREATMENT)
    const telehealth = await createDocument(TELEHEALTH)
    const { visitToken } = await bookVisit()
    const { page, context } = await openConsentPage(browser, {
      documents: `${treatment.id} ${telehealth.id}`,
      'visit-token': visitToken,
    })
    const w = consent(page)
    await w.heading('Your consent').waitFor()
    expect(await focused(page), 'opening must not take the page focus').toBeNull()
    const tab = async (expected: Partial<{ tag: string; role: string; label: string; name: string }>) => {
      await page.keyboard.press('Tab')
      expect(await focused(page)).toMatchObject(expected)
    }

    await tab({ tag: 'input', label: 'Me, the patient' })
    await tab({ tag: 'div', role: 'region' })
    await tab({ tag: 'input', label: 'I agree' })
    await page.keyboard.press('Space')
    await tab({ tag: 'button', name: 'Type your name instead' })
    await page.keyboard.press('Enter')
    expect(await focused(page)).toMatchObject({ tag: 'input', label: 'Type your full name' })
    await page.keyboard.type('Lena Brandt')
    expect(await w.section('Consent to treatment').locator('canvas').count(), 'typing replaces the box').toBe(
      0,
    )
    await tab({ tag: 'button', name: 'Draw your signature instead' })
    await tab({ tag: 'button', name: 'Clear signature' })
    await tab({ tag: 'div', role: 'region' })
    await tab({ tag: 'input', label: 'I agree' })
    await page.keyboard.press('Space')
    await tab({ tag: 'input', label: 'Type your full name' })
    await page.keyboard.type('Lena Brandt')
    await tab({ tag: 'button', name: 'Confirm' })
    await page.keyboard.press('Enter')

    await w.heading('Thank you').waitFor()
    await expect.poll(async () => (await focused(page))?.name).toBe('Thank you')
    await tab({ tag: 'a' })
    for (const id of [treatment.id, telehealth.id]) {
      const [record] = await recordsOf(id)
      expect(record).toMatchObject({
        decision: 'given',
        method: 'typed_name',
        typedName: 'Lena Brandt',
        hasSignature: false,
        signer: { relation: 'self', name: null },
      })
    }
    await context.close()
  })

  it('passes axe in light and dark, and shows the German text and words when locale is de', async () => {
    const treatment = await createDocument(TREATMENT)
    const privacy = await createDocument(PRIVACY)
    const { visitToken } = await bookVisit()
    for (const theme of ['light', 'dark']) {
      const { page, context } = await openConsentPage(browser, {
        documents: `${treatment.id} ${privacy.id}`,
        'visit-token': visitToken,
        locale: 'de',
        theme,
      })
      const w = consent(page)
      await w.heading('Ihre Einwilligung').waitFor()
      const first = w.section('Einwilligung in die Behandlung')
      const text = first.getByRole('region', { name: 'Einwilligung in die Behandlung' })
      expect((await text.textContent())?.trim()).toBe('Ich willige in die Behandlung ein.')
      expect(await first.getByRole('region').getAttribute('lang')).toBe('de')
      expect(await w.section('Datenschutzhinweis').count()).toBe(1)
      expect(await w.root.getByText('Consent to treatment').count()).toBe(0)
      expect(await axeCheck(page), `axe on the ${theme} form`).toEqual([])

      await w.root.getByRole('radio', { name: 'Ein Elternteil' }).check()
      await first.getByRole('radio', { name: 'Ich willige ein', exact: true }).check()
      await w.button('Bestätigen').click()
      await expect.poll(() => w.summary.textContent()).toBe('3 Felder brauchen Ihre Aufmerksamkeit.')
      expect(await axeCheck(page), `axe on the ${theme} form with errors`).toEqual([])
      await w.button('Stattdessen Namen eintippen').click()
      expect(await axeCheck(page), `axe on the ${theme} typed alternative`).toEqual([])
      await context.close()
    }
  })

  it('records a refused marketing consent as refused, asking nothing more', async () => {
    const marketing = await createDocument(MARKETING)
    const telehealth = await createDocument(TELEHEALTH)
    const { visitToken } = await bookVisit()
    const { page, context } = await openConsentPage(browser, {
      documents: `${marketing.id} ${telehealth.id}`,
      'visit-token': visitToken,
    })
    const w = consent(page)
    await w.section('News by email').getByRole('radio', { name: 'I do not agree' }).check()
    await w.section('Video consultations').getByRole('radio', { name: 'I do not agree' }).check()
    expect(await w.root.getByLabel('Type your full name').count(), 'refusing needs no name').toBe(0)
    await w.button('Confirm').click()
    await w.heading('Thank you').waitFor()
    expect(await w.root.getByText('You did not agree.').count()).toBe(2)
    const [refused] = await recordsOf(marketing.id)
    expect(refused).toMatchObject({ decision: 'refused', method: 'checkbox', purpose: 'marketing_email' })
    expect((await recordsOf(telehealth.id))[0]).toMatchObject({ decision: 'refused', typedName: null })
    await context.close()
  })
})
