// Isolated mode in Chromium: a hostile script on the clinic's page reads nothing a patient types into the
// framed booking (and reads it all on the ordinary page), focus and layout flow as on the page, the frame
// refuses other sites, and messages forged by another window change nothing.
import type { Browser, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeCheck, browserEnv, launchChromium, type OpenedSite, openSite, type Viewport } from './browser.js'
import { fillDetails, pickPractitioner, pickService, pickTime, submitBooking } from './flow.js'
import { hostileRecord, installHostileScript } from './hostile-page.js'
import { MOUNT_CHROMIUM_ARGS, mount, readEmbed } from './mount.js'
import { expectStepOpened, type FocusedElement, focused, widget } from './widget.js'

const PAGE_LEVEL_RULES = ['landmark-one-main', 'page-has-heading-one', 'region']
const NARROW: Viewport = { name: 'isolated-320', width: 320, height: 640 }
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
/** What the patient types, each a string no page text or id could contain by chance. */
const MARKERS = {
  name: 'Zofia Markowitz',
  email: `zofia.marker.${run}@example.org`,
  phone: '+49 30 5550 1977',
  dateOfBirth: '1977-03-21',
  notes: `Marker note ${run}`,
  intake: `Marker reason ${run}`,
}

/** The framed booking as Playwright sees it; the helpers written for a page read a frame the same way. */
async function bookingFrame(page: Page): Promise<{ frame: Frame; asPage: Page }> {
  const handle = await page.locator('frontdesk-booking iframe').elementHandle()
  const frame = await handle!.contentFrame()
  if (!frame) throw new Error('the isolated booking shows no frame')
  return { frame, asPage: frame as unknown as Page }
}

interface Focus extends FocusedElement {
  inFrame: boolean
}

/** What has focus, on the page or, through the iframe, in the frame. */
async function focusNow(page: Page, frame: Frame): Promise<Focus | null> {
  const onPage = await focused(page)
  if (onPage?.tag !== 'iframe') return onPage && { ...onPage, inFrame: false }
  const inFrame = await focused(frame as unknown as Page)
  return inFrame && { ...inFrame, inFrame: true }
}

/**
 * Presses `key` and answers where focus went. Tabbing into the frame from the page focuses the iframe first
 * and the frame's element a moment later (the frame is another origin, so another renderer process): for up
 * to a second, "the iframe with nothing focused inside" is read as focus still on its way.
 */
async function press(page: Page, frame: Frame, key: string): Promise<Focus | null> {
  await page.keyboard.press(key)
  const started = Date.now()
  for (;;) {
    const now = await focusNow(page, frame)
    if (now || Date.now() - started > 1000) return now
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Presses `key` until focus is on what `matches`, failing with the way focus went. */
async function tabTo(page: Page, frame: Frame, wanted: string, matches: (f: Focus) => boolean, key = 'Tab') {
  const path: string[] = []
  for (let presses = 0; presses < 40; presses++) {
    const now = await press(page, frame, key)
    if (now && matches(now)) return now
    path.push(
      now
        ? `${now.inFrame ? 'frame' : 'page'} <${now.tag}> ${now.label ?? now.name.slice(0, 40)}`
        : '(nothing)',
    )
  }
  throw new Error(`${key} never reached ${wanted}; focus went:\n  ${path.join('\n  ')}`)
}

const inFrameButton = (name: RegExp) => (f: Focus) => f.inFrame && f.tag === 'button' && name.test(f.name)
const inFrameField = (label: string) => (f: Focus) => f.inFrame && (f.label?.startsWith(label) ?? false)

describe.skipIf(!inject('browser').available)('isolated mode', () => {
  let browser: Browser
  const sites: OpenedSite[] = []
  const hostile = (page: Page) => installHostileScript(page, new URL(browserEnv().siteUrl).origin)

  beforeAll(async () => {
    // Without Local Network Access checks, so a refused frame on a fulfilled page is refused by the
    // frame's own policy, not because the page is "public" and the API on this machine.
    browser = await launchChromium(MOUNT_CHROMIUM_ARGS)
  })
  afterAll(async () => {
    for (const site of sites) await site.close()
    await browser?.close()
  })

  it('books by keyboard alone at 320 px, and a hostile script on the page reads none of it', async () => {
    const site = await openSite(browser, { viewport: NARROW, path: '/isolated.html', beforeLoad: hostile })
    sites.push(site)
    const { page } = site
    expect(await page.locator('frontdesk-booking iframe').getAttribute('title')).toBe('Online booking')
    const { frame, asPage } = await bookingFrame(page)
    const w = widget(asPage)
    await w.heading('service').waitFor()

    // Tab goes from the page into the frame and out again, both ways, as if the widget were on the page.
    await page.getByRole('link', { name: 'home page', exact: true }).focus()
    expect(await press(page, frame, 'Tab')).toMatchObject({
      inFrame: true,
      name: expect.stringMatching(/^General consultation/),
    })
    expect(await press(page, frame, 'Shift+Tab')).toMatchObject({ inFrame: false, name: 'home page' })
    await tabTo(page, frame, 'the Vaccination button', inFrameButton(/^Vaccination/))
    expect(await press(page, frame, 'Tab')).toMatchObject({ inFrame: false, name: 'How we handle your data' })
    expect(await press(page, frame, 'Shift+Tab')).toMatchObject({
      inFrame: true,
      name: expect.stringMatching(/^Vaccination/),
    })

    await tabTo(page, frame, 'General consultation', inFrameButton(/^General consultation/), 'Shift+Tab')
    await page.keyboard.press('Enter')
    await expectStepOpened(asPage, 'practitioner')
    await tabTo(page, frame, 'Any available', inFrameButton(/^Any available/))
    await page.keyboard.press('Enter')
    await expectStepOpened(asPage, 'time')
    await w.options.first().waitFor()
    await tabTo(page, frame, 'the times', (f) => f.inFrame && (f.role === 'option' || f.role === 'listbox'))
    await page.keyboard.press('Enter')
    await expectStepOpened(asPage, 'details')

    for (const [label, text] of [
      ['Full name', MARKERS.name],
      ['Email', MARKERS.email],
      ['Phone', MARKERS.phone],
    ] as const) {
      await tabTo(page, frame, `the ${label} field`, inFrameField(label))
      await page.keyboard.type(text)
    }
    await tabTo(page, frame, 'the Date of birth field', inFrameField('Date of birth'))
    const [year, month, day] = MARKERS.dateOfBirth.split('-')
    await page.keyboard.type(`${month}${day}${year}`)
    await tabTo(page, frame, 'the Notes field', inFrameField('Notes for the clinic'))
    await page.keyboard.type(MARKERS.notes)
    expect(await w.field('Date of birth').inputValue()).toBe(MARKERS.dateOfBirth)

    // 320 px: nothing wider than the screen, and the frame as tall as its content (no scrollbar inside).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    await expect
      .poll(() => frame.evaluate(() => document.documentElement.scrollHeight - window.innerHeight))
      .toBeLessThanOrEqual(0)
    // Inside the frame, less the rules about a whole page: its main landmark and h1 are the host page's,
    // and the frame must add none of its own (a screen reader reads on from the page into the widget).
    expect(await axeCheck(asPage, { disabledRules: PAGE_LEVEL_RULES })).toEqual([])
    await site.screenshot('details')

    await tabTo(page, frame, 'the Book button', inFrameButton(/^Book appointment$/))
    await page.keyboard.press('Enter')
    await expectStepOpened(asPage, 'confirmation')
    const reason = frame.locator('frontdesk-intake').getByLabel(/^What would you like to see us about\?/)
    await reason.waitFor()
    await tabTo(page, frame, 'the intake question', inFrameField('What would you like to see us about?'))
    await page.keyboard.type(MARKERS.intake)
    // The draft is saved and the page hears so: the bridge carries the element's events, ids only.
    await expect
      .poll(async () => (await site.events()).map((event) => event.type))
      .toContain('frontdesk-intake-saved')

    const events = await site.events()
    const booked = events.find((event) => event.type === 'frontdesk-booking-confirmed')
    expect(JSON.parse(booked!.detail)).toEqual({ bookingId: expect.stringMatching(/^bkg_/) })
    expect(
      events.filter((event) => event.type === 'frontdesk-step').map((event) => JSON.parse(event.detail).step),
    ).toEqual(['service', 'practitioner', 'time', 'details', 'confirmation'])

    const record = await hostileRecord(page)
    // The script ran and heard what crosses: the page's own text and the frame's messages.
    expect(record).toContain('Lindenhof Family Practice')
    expect(record).toContain(`message from ${site.apiOrigin}`)
    for (const [what, marker] of Object.entries(MARKERS))
      expect(record, `the page's script read the patient's ${what}`).not.toContain(marker)
    expect(record).not.toContain('Markowitz')

    // The page's design tokens crossed, checked; nothing else did.
    expect(
      await frame.evaluate(() =>
        getComputedStyle(document.querySelector('frontdesk-booking')!)
          .getPropertyValue('--frontdesk-accent')
          .trim(),
      ),
    ).toBe('#1f5f4a')
    expect([...site.origins].sort()).toEqual([site.apiOrigin, site.siteOrigin].sort())
    expect(await site.cspViolations()).toEqual([])
    expect(await frame.evaluate(() => window.__csp)).toEqual([])
    expect(site.pageErrors).toEqual([])
  })

  it('on the ordinary page the same script reads what the patient types: the trade-off isolated mode removes', async () => {
    const site = await openSite(browser, { path: '/', label: 'ordinary-hostile', beforeLoad: hostile })
    sites.push(site)
    const { page } = site
    await widget(page).heading('service').waitFor()
    await pickService(page, 'General consultation')
    await pickPractitioner(page, 'Any available')
    await pickTime(page, 0)
    const patient = {
      name: 'Ilse Markgraf',
      email: `ilse.marker.${run}@example.org`,
      dateOfBirth: '1966-11-30',
    }
    await fillDetails(page, patient)
    await submitBooking(page)
    const record = await hostileRecord(page)
    for (const marker of Object.values(patient)) expect(record).toContain(marker)
  })

  it("is refused on an origin the clinic has not allowed, even by a page claiming the clinic's origin", async () => {
    const env = browserEnv()
    // The demo site again, from a second origin that is not among the clinic's allowed origins.
    const elsewhere = new URL(env.siteUrl)
    elsewhere.hostname = '127.0.0.1'
    const context = await browser.newContext()
    const page = await context.newPage()
    const claimed = `${env.apiUrl}/v1/frames/booking?${new URLSearchParams({
      key: env.publishableKey,
      origin: new URL(env.siteUrl).origin,
    })}#n=${'0'.repeat(32)}`
    await page.route(`${elsewhere.origin}/claims.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>Not the clinic</title><iframe title="claims the clinic" src="${claimed}"></iframe>`,
      }),
    )
    const answers: number[] = []
    const asked: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/v1/frames/booking'))
        asked.push(new URL(request.url()).searchParams.get('origin')!)
    })
    page.on('response', (response) => {
      if (response.url().includes('/v1/frames/booking')) answers.push(response.status())
    })
    for (const path of ['/isolated.html', '/claims.html']) {
      await page.goto(new URL(path, elsewhere).href)
      await page.waitForTimeout(1000)
      const frames = page.frames().filter((frame) => frame !== page.mainFrame())
      expect(frames, path).toHaveLength(1)
      // The browser shows its own error page instead of the frame: no widget, no element, nothing to read.
      expect(frames[0]!.url(), path).not.toContain('/v1/frames/')
      expect(await frames[0]!.locator('frontdesk-booking').count(), path).toBe(0)
    }
    // The API refused the page's own origin; the claimed one it answered with frame-ancestors naming the
    // clinic's origins, and the browser dropped that frame before it committed (widget-frames.test.ts).
    expect(answers).toContain(403)
    expect(asked).toEqual([elsewhere.origin, new URL(env.siteUrl).origin])
    await context.close()
  })

  it("ignores messages another window forges to the page and to the frame, even with the mount's nonce", async () => {
    const site = await openSite(browser, { path: '/isolated.html', label: 'isolated-forged' })
    sites.push(site)
    const { page, context } = site
    const { frame, asPage } = await bookingFrame(page)
    await widget(asPage).heading('service').waitFor()
    const iframe = page.locator('frontdesk-booking iframe')
    const src = (await iframe.getAttribute('src'))!
    const nonce = new URLSearchParams(new URL(src).hash.slice(1)).get('n')
    expect(nonce).toMatch(/^[0-9a-f]{32}$/)
    await expect.poll(async () => (await iframe.boundingBox())?.height).toBeGreaterThan(200)
    const height = (await iframe.boundingBox())!.height
    const eventsBefore = (await site.events()).length

    // A window of another origin that holds a reference to the frame (here, one the frame opened) and so
    // to the page above it, posting what each side would accept from the other, nonce included.
    const forger = new URL(browserEnv().siteUrl)
    forger.hostname = '127.0.0.1'
    forger.pathname = '/forger.html'
    await context.route(forger.href, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>forging</title><script>
          const nonce = location.hash.slice(1)
          const frame = window.opener
          frame.parent.postMessage({ frontdesk: 'frame', nonce, type: 'resize', height: 7 }, '*')
          frame.parent.postMessage({ frontdesk: 'frame', nonce, type: 'event', name: 'frontdesk-booking-confirmed',
            detail: { bookingId: 'bkg_Forged0000000000000000' } }, '*')
          frame.postMessage({ frontdesk: 'host', nonce, type: 'theme',
            tokens: { '--frontdesk-accent': '#ff0000', '--frontdesk-background': '#ff0000' } }, '*')
          document.title = 'sent'
        </script>`,
      }),
    )
    const popupOpened = page.waitForEvent('popup')
    await frame.evaluate((url) => window.open(url), `${forger.href}#${nonce}`)
    const popup = await popupOpened
    await popup.waitForFunction(() => document.title === 'sent')
    await page.waitForTimeout(500)

    expect((await iframe.boundingBox())!.height).toBe(height)
    expect((await site.events()).length).toBe(eventsBefore)
    const accent = await frame.evaluate(() =>
      getComputedStyle(document.querySelector('frontdesk-booking')!)
        .getPropertyValue('--frontdesk-accent')
        .trim(),
    )
    expect(accent).toBe('#1f5f4a')
  })
  it('isolates the full element given the attribute: ids in the query, details only in the fragment', async () => {
    const embed = await readEmbed(browser)
    const serviceId = embed.serviceIds['General consultation']!
    const { page, context } = await mount(browser, embed, {
      isolated: '',
      lang: 'de',
      service: serviceId,
      'prefill-name': 'Ada Prefill',
    })
    const iframe = page.locator('frontdesk-booking iframe')
    expect(await iframe.getAttribute('title')).toBe('Online-Terminbuchung')
    const src = new URL((await iframe.getAttribute('src'))!)
    expect(src.pathname).toBe('/v1/frames/booking')
    expect(Object.fromEntries(src.searchParams)).toMatchObject({ service: serviceId, locale: 'de' })
    expect(src.search).not.toContain('Prefill')
    expect(new URLSearchParams(src.hash.slice(1)).get('prefill-name')).toBe('Ada Prefill')
    // The element renders nothing of its own on the page: its shadow root holds the frame alone.
    expect(
      await page
        .locator('frontdesk-booking')
        .evaluate((host) => [...host.shadowRoot!.children].map((child) => child.localName)),
    ).toEqual(['iframe'])
    const { frame } = await bookingFrame(page)
    const inside = frame.locator('frontdesk-booking')
    await inside.getByRole('heading', { level: 2, name: 'Bei wem möchten Sie einen Termin?' }).waitFor()
    await inside.getByRole('button', { name: /^Beliebige freie Person/ }).click()
    await inside.getByRole('listbox').getByRole('option').first().click()
    expect(await inside.getByLabel('Vollständiger Name', { exact: true }).inputValue()).toBe('Ada Prefill')
    // The frame took the details out of its own address once it had read them.
    expect(frame.url()).not.toContain('Prefill')
    await context.close()
  })
})
