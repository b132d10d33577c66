// The console in German: a browser that prefers German gets German from the sign-in on, a member who
// chooses English in their account keeps English in any browser, and the TOTP setup's QR code decodes to
// the otpauth URI whose codes complete two-factor setup.
import { createHmac } from 'node:crypto'
import jsQR from 'jsqr'
import type { Browser, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeCheck, launchChromium } from './browser.js'
import {
  consoleUi,
  headingShown,
  mailTo,
  type OpenedConsole,
  openConsole,
  sessionCookie,
  signInAsOwner,
  staffAvailable,
  staffEnv,
} from './console-page.js'

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) of a base32 secret: what an authenticator app shows. */
function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const char of secret.replace(/=+$/, '').toUpperCase())
    bits += alphabet.indexOf(char).toString(2).padStart(5, '0')
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)))
  const digest = createHmac('sha1', key).update(counter).digest()
  const offset = (digest.at(-1) ?? 0) & 0xf
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

/** What a phone's camera would read: the QR image as the screen shows it, decoded by jsQR. */
async function readQr(page: Page, name: string): Promise<string | null> {
  const image = consoleUi(page).root.getByRole('img', { name, exact: true })
  const png = PNG.sync.read(await image.screenshot())
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null
}

/** An admin's sections: everything but the owner's Leave Frontdesk. */
const GERMAN_SECTIONS = [
  'Termine',
  'Patientinnen und Patienten',
  'Live gehen',
  'Praxiseinstellungen',
  'Leistungen',
  'Sprechzeiten und Abwesenheiten',
  'Nachrichten',
  'Anamnesebögen',
  'Einwilligungsdokumente',
  'API-Schlüssel',
  'Webhooks',
  'Team',
  'Protokoll',
  'Betroffenenanfragen',
  'Aufbewahrung',
  'Konto',
]

describe.skipIf(!staffAvailable())('the console in German', () => {
  let browser: Browser
  let member: OpenedConsole | undefined
  // A member of their own, so the demo owner's language stays as the other tests expect it.
  const email = `admin-de-${Date.now()}@example.org`
  const password = 'correct horse battery staple'
  let secret = ''

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await member?.close()
    await browser?.close()
  })

  it('speaks German to a browser that prefers it, from the invitation on', async () => {
    const owner = await openConsole(browser)
    await signInAsOwner(owner.page)
    const invited = await fetch(new URL('/api/auth/organization/invite-member', staffEnv().apiUrl), {
      method: 'POST',
      headers: {
        Cookie: await sessionCookie(owner.context),
        Origin: new URL(staffEnv().apiUrl).origin,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ email, role: 'admin' }),
    })
    expect(invited.status).toBe(200)
    await owner.close()

    const mail = await mailTo(email, /invited/i)
    member = await openConsole(browser, { hash: new URL(mail.link).hash, locale: 'de-DE' })
    const page = member.page
    const ui = consoleUi(page)
    await headingShown(page, 'Ihrer Praxis bei Frontdesk beitreten')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de')
    await ui.field('Ihr Name').fill('Anna Admin')
    await ui.field('E-Mail-Adresse').fill(email)
    await ui.field('Passwort').fill(password)
    await ui.button('Konto anlegen').click()
    await ui.button('Einladung annehmen').click()
    await headingShown(page, 'Termine')
    const links = await ui.root
      .getByRole('navigation', { name: 'Bereiche' })
      .getByRole('link')
      .allTextContents()
    expect(links.map((text) => text.trim())).toEqual(GERMAN_SECTIONS)
    expect(await page.title()).toBe('Termine · Frontdesk')
    expect(await axeCheck(page)).toEqual([])
  })

  it('shows the TOTP setup as a QR code that decodes to the otpauth URI, and a code from it turns 2FA on', async () => {
    if (!member) throw new Error('the first test runs first')
    const page = member.page
    const ui = consoleUi(page)
    await ui.root.getByRole('link', { name: 'Konto', exact: true }).click()
    await headingShown(page, 'Konto')
    await ui.field('Ihr Passwort').fill(password)
    await ui.button('Einschalten').click()
    const qrName = 'QR-Code für Ihre Authenticator-App'
    await ui.root.getByRole('img', { name: qrName, exact: true }).waitFor()
    // The same URI as the text beside it, which stays for whoever cannot scan.
    const uri = (await ui.root.locator('code.secret').last().textContent())?.trim() ?? ''
    expect(uri).toMatch(/^otpauth:\/\/totp\//)
    expect(await readQr(page, qrName)).toBe(uri)
    secret = new URL(uri).searchParams.get('secret') ?? ''
    expect(await ui.root.locator('code.secret').first().textContent()).toBe(secret)
    expect(await axeCheck(page)).toEqual([])

    await ui.field('Code aus der App').fill(totp(secret))
    await ui.button('Bestätigen').click()
    await expect
      .poll(() =>
        ui.root
          .getByText('Ein: Bei der Anmeldung wird ein Code aus Ihrer Authenticator-App abgefragt.')
          .count(),
      )
      .toBe(1)
    expect(member.pageErrors).toEqual([])
    expect(await member.cspViolations()).toEqual([])
  })

  it('switches to English in the account at once, and keeps English in a new German browser', async () => {
    if (!member) throw new Error('the first tests run first')
    const page = member.page
    const ui = consoleUi(page)
    await ui.field('Sprache').selectOption('en')
    await ui.button('Sprache speichern').click()
    await headingShown(page, 'Account')
    await expect.poll(() => ui.status.textContent()).toBe('The console now speaks English.')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await ui.nav.getByRole('link', { name: 'Bookings', exact: true }).count()).toBe(1)
    expect(await ui.field('Language').inputValue()).toBe('en')
    await member.close()
    member = undefined

    // Another browser, German by preference: German until the account is known, then the account's English.
    const again = await openConsole(browser, { locale: 'de-DE' })
    member = again
    const mine = consoleUi(again.page)
    await headingShown(again.page, 'Anmeldung zur Praxiskonsole')
    await mine.field('E-Mail-Adresse').fill(email)
    await mine.field('Passwort').fill(password)
    await mine.button('Anmelden').click()
    await headingShown(again.page, 'Anmeldung mit zweitem Faktor')
    await mine.field('Code').fill(totp(secret, Date.now() + 30_000))
    await mine.button('Bestätigen').click()
    await headingShown(again.page, 'Bookings')
    expect(await again.page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await axeCheck(again.page)).toEqual([])
  })
})
