// A new member joins from the invitation mail, sees only what reception may, and later resets the
// password from the reset mail; both links are read from the mails the dev inbox caught over SMTP.
import { createHmac } from 'node:crypto'
import { roleAllows } from '@frontdesk/contracts/staff'
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
  signIn,
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

describe.skipIf(!staffAvailable())('joining the clinic from an invitation', () => {
  let browser: Browser
  let owner: OpenedConsole
  let invitee: OpenedConsole | undefined
  const email = `reception-${Date.now()}@example.org`
  const password = 'correct horse battery staple'

  beforeAll(async () => {
    browser = await launchChromium()
    owner = await openConsole(browser)
    await signInAsOwner(owner.page)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('invites a receptionist, who creates an account from the mail and sees only what reception may', async () => {
    const ui = consoleUi(owner.page)
    await ui.navLink('Staff').click()
    await headingShown(owner.page, 'Staff')
    await ui.field('Email').fill(email)
    await ui.field('Role').selectOption('reception')
    await ui.button('Invite').click()
    await expect.poll(() => ui.status.textContent()).toBe(`Invitation sent to ${email}.`)
    await expect.poll(() => ui.root.getByRole('cell', { name: email, exact: true }).count()).toBe(1)

    const mail = await mailTo(email, /invited/i)
    expect(mail.link).toMatch(/\/admin#invitation=/)
    invitee = await openConsole(browser, { hash: new URL(mail.link).hash })
    const page = invitee.page
    const mine = consoleUi(page)
    await headingShown(page, 'Join your clinic on Frontdesk')
    // The invitation's id leaves the address bar at once.
    expect(new URL(page.url()).hash).toBe('')
    expect(await axeCheck(page)).toEqual([])

    await mine.field('Your name').fill('Rosa Reception')
    await mine.field('Email address').fill(email)
    await mine.field('Password').fill(password)
    await mine.button('Create account').click()
    await expect.poll(() => mine.root.getByText(/invites you to .+ as Reception\./).count()).toBe(1)
    await mine.button('Accept the invitation').click()
    await headingShown(page, 'Bookings')

    const links = await mine.nav.getByRole('link').allTextContents()
    expect(links.map((text) => text.trim())).toEqual([
      'Bookings',
      'Patients',
      'Hours and time off',
      'Account',
    ])
    expect(await axeCheck(page)).toEqual([])
    await page.evaluate(() => {
      location.hash = '#/keys'
    })
    await headingShown(page, 'Your role does not open this section.')
    // Hiding the section is a courtesy: the server refuses reception the keys too.
    const keys = await fetch(new URL('/v1/keys', staffEnv().apiUrl), {
      headers: { Cookie: await sessionCookie(invitee.context) },
    })
    expect(keys.status).toBe(403)
    // The role table gives reception no settings:read: no Messages section, no settings form, and the API
    // refuses the settings too.
    expect(roleAllows('reception', 'settings:read')).toBe(false)
    await page.evaluate(() => {
      location.hash = '#/messaging'
    })
    await headingShown(page, 'Your role does not open this section.')
    expect(await mine.root.getByLabel('SMS sender number').count()).toBe(0)
    const messaging = await fetch(new URL('/v1/clinic/messaging', staffEnv().apiUrl), {
      headers: { Cookie: await sessionCookie(invitee.context) },
    })
    expect(messaging.status).toBe(403)
    // Go live is for owners and admins: not in reception's nav (above), and its address opens nothing.
    await page.evaluate(() => {
      location.hash = '#/go-live'
    })
    await headingShown(page, 'Your role does not open this section.')
    expect(await mine.root.getByLabel('Page address').count()).toBe(0)
    expect(invitee.pageErrors).toEqual([])
    expect(await invitee.cspViolations()).toEqual([])
  })

  it('lets the new member set a new password from the reset mail and sign in with it', async () => {
    if (!invitee) throw new Error('the invitation test runs first')
    const page = invitee.page
    const mine = consoleUi(page)
    await mine.button('Sign out').first().click()
    await headingShown(page, 'Sign in to the staff console')
    await mine.button('Forgot your password?').click()
    await mine.field('Email address').fill(email)
    await mine.button('Send the link').click()
    await expect.poll(() => mine.root.getByText(/a link is on its way/).count()).toBe(1)

    const mail = await mailTo(email, /reset/i)
    await page.goto(mail.link)
    await headingShown(page, 'Choose a new password')
    expect(new URL(page.url()).hash).toBe('')
    const newPassword = 'another long passphrase here'
    await mine.field('New password').fill(newPassword)
    await mine.field('New password again').fill(newPassword)
    await mine.button('Set the password').click()
    await expect.poll(() => mine.root.getByText('Your password is set. Sign in with it now.').count()).toBe(1)
    await mine.button('Sign in').click()

    await signIn(page, email, password)
    await expect.poll(() => mine.alert.textContent()).toBe('The email address or password is not right.')
    await signIn(page, email, newPassword)
    await headingShown(page, 'Bookings')
  })

  it('turns on two-factor sign-in, after which signing in asks for the code', async () => {
    if (!invitee) throw new Error('the invitation test runs first')
    const page = invitee.page
    const mine = consoleUi(page)
    await mine.navLink('Account').click()
    await headingShown(page, 'Account')
    await mine.field('Your password').fill('another long passphrase here')
    await mine.button('Turn on').click()
    const setupKey = mine.root.locator('code.secret').first()
    await setupKey.waitFor()
    const secret = (await setupKey.textContent())?.trim() ?? ''
    expect(secret).toMatch(/^[A-Z2-7]+=*$/)
    expect(await axeCheck(page)).toEqual([])
    await mine.field('Code from the app').fill(totp(secret))
    await mine.button('Confirm').click()
    await expect.poll(() => mine.root.getByText(/^On: signing in asks for a code/).count()).toBe(1)

    await mine.button('Sign out').first().click()
    await signIn(page, email, 'another long passphrase here')
    await headingShown(page, 'Two-factor sign-in')
    await mine.field('Code').fill('000000')
    await mine.button('Verify').click()
    await expect.poll(() => mine.alert.textContent()).toMatch(/code is not right/)
    // The next period's code: the one just used to confirm may not count twice.
    await mine.field('Code').fill(totp(secret, Date.now() + 30_000))
    await mine.button('Verify').click()
    await headingShown(page, 'Bookings')
  })
})
