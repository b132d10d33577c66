// The owner's console in Chromium: every section in the nav, each one axe-clean, and the nav worked
// with the keyboard alone.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeCheck, launchChromium } from './browser.js'
import {
  consoleUi,
  type OpenedConsole,
  openConsole,
  SECTIONS,
  settled,
  signInAsOwner,
  staffAvailable,
} from './console-page.js'
import { type FocusedElement, focused } from './widget.js'

describe.skipIf(!staffAvailable())('the owner in the staff console', () => {
  let browser: Browser
  let opened: OpenedConsole

  beforeAll(async () => {
    browser = await launchChromium()
    opened = await openConsole(browser)
    await signInAsOwner(opened.page)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('sees every section, and axe finds nothing to fix on any of them', async () => {
    const ui = consoleUi(opened.page)
    const links = await ui.nav.getByRole('link').allTextContents()
    expect(links.map((text) => text.trim())).toEqual([...SECTIONS])
    for (const section of SECTIONS) {
      await ui.navLink(section).click()
      await expect.poll(() => ui.heading.textContent(), { message: `${section} opens` }).toBe(section)
      await settled(opened.page, `${section} loads`)
      expect(await ui.alert.textContent(), `${section} loads without an error`).toBe('')
      expect(await axeCheck(opened.page), `axe on ${section}`).toEqual([])
    }
    expect(await opened.cspViolations()).toEqual([])
    expect(opened.pageErrors).toEqual([])
  })

  it('reaches each section from the nav with Tab and Enter, and moves focus to its heading', async () => {
    const { page } = opened
    const isLink = (name: string) => (element: FocusedElement) => element.tag === 'a' && element.name === name
    for (const section of [...SECTIONS].reverse()) {
      // Focus sits on the last section's heading; the nav comes before it, so Shift+Tab walks back to it.
      const path: string[] = []
      let found = false
      for (let presses = 0; presses < 40 && !found; presses++) {
        await page.keyboard.press('Shift+Tab')
        const element = await focused(page)
        found = element !== null && isLink(section)(element)
        if (!found) path.push(element ? `<${element.tag}> ${element.name.slice(0, 40)}` : '(nothing)')
      }
      expect(found, `Shift+Tab reaches the ${section} link; focus went: ${path.join(', ')}`).toBe(true)
      await page.keyboard.press('Enter')
      await expect
        .poll(() => focused(page).then((element) => element && `${element.tag}: ${element.name}`), {
          message: `${section}'s heading takes focus`,
        })
        .toBe(`h1: ${section}`)
      // Focus is drawn where it is: the heading shows an outline when reached by keyboard.
      const outline = await page.evaluate(() => {
        let active = document.activeElement
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
        return active ? getComputedStyle(active).outlineStyle : 'none'
      })
      expect(outline, `${section}'s focused heading is visible`).not.toBe('none')
    }
  })
})
