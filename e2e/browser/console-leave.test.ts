// A clinic leaves, in Chromium, on a clinic of its own (never the demo clinic other files share): the owner
// downloads the archive (a wrong password first), closes the clinic (a mistyped name first), sees the
// report, and is signed out for good. axe-clean before and after.
import { readFile } from 'node:fs/promises'
import { unzipSync } from 'fflate'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeCheck, launchChromium } from './browser.js'
import {
  consoleUi,
  headingShown,
  type OpenedConsole,
  openConsole,
  SECTIONS,
  sessionCookie,
  signIn,
  staffAvailable,
  staffEnv,
  staffMeStatus,
} from './console-page.js'

describe.skipIf(!staffAvailable())('an owner takes their clinic’s data and closes it', () => {
  let browser: Browser
  let opened: OpenedConsole
  const leaving = () => staffEnv().leavingClinic

  beforeAll(async () => {
    browser = await launchChromium()
    opened = await openConsole(browser)
    await signIn(opened.page, leaving().email, leaving().password)
    await headingShown(opened.page, SECTIONS[0])
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('downloads the archive once the password is right', async () => {
    const { page } = opened
    const ui = consoleUi(page)
    await ui.navLink('Leave Frontdesk').click()
    await headingShown(page, 'Leave Frontdesk')
    expect(await axeCheck(page)).toEqual([])

    const exportPassword = ui.root.locator('#leave-export-password')
    await exportPassword.fill('not my password at all')
    await ui.button('Download the archive').click()
    await expect.poll(() => ui.alert.textContent()).toBe('That password is not right.')
    await expect.poll(() => exportPassword.getAttribute('aria-invalid')).toBe('true')

    await exportPassword.fill(leaving().password)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ui.button('Download the archive').click(),
    ])
    expect(download.suggestedFilename()).toMatch(new RegExp(`^frontdesk-${leaving().clinicId}-.+\\.zip$`))
    const entries = unzipSync(new Uint8Array(await readFile((await download.path()) as string)))
    const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8'))
    expect(manifest).toMatchObject({ clinicId: leaving().clinicId, clinicName: leaving().name })
    expect(manifest.entries.length).toBe(Object.keys(entries).length - 1)
    await expect.poll(() => ui.status.textContent()).toBe('The archive is downloaded')
    await expect.poll(() => ui.root.locator('#leave-archive-hash').textContent()).toMatch(/^[0-9a-f]{64}$/)
  })

  it('closes the clinic once the name is typed exactly, shows the report and signs out', async () => {
    const { page, context } = opened
    const ui = consoleUi(page)
    const cookie = await sessionCookie(context)
    await ui.root.locator('#leave-close-password').fill(leaving().password)
    const name = ui.root.locator('#leave-close-name')
    await name.fill(`${leaving().name}x`)
    await ui.button('Close the clinic for good').click()
    await expect
      .poll(() => ui.alert.textContent())
      .toBe('The name does not match. Type the clinic’s name exactly as shown.')
    expect(await staffMeStatus(cookie)).toBe(200)

    await name.fill(leaving().name)
    await ui.root.locator('#leave-close-password').fill(leaving().password)
    await ui.button('Close the clinic for good').click()
    await headingShown(page, 'The clinic is closed')
    await expect.poll(() => ui.root.getByRole('row', { name: /^clinics 1$/ }).count()).toBe(1)
    expect(await axeCheck(page)).toEqual([])
    // The session ended with the clinic, before anyone signs out.
    expect(await staffMeStatus(cookie)).toBe(401)

    await ui.button('Finish and sign out').click()
    await headingShown(page, 'Sign in to the staff console')
    expect(await opened.cspViolations()).toEqual([])
    expect(opened.pageErrors).toEqual([])
  })
})
