// Booking with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrows, typing); focus follows each step.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DESKTOP, launchChromium, type OpenedSite, openSite } from './browser.js'
import { expectHeld, offeredTime } from './flow.js'
import {
  dayOfMonth,
  expectStepOpened,
  type FocusedElement,
  fieldError,
  focused,
  PATIENT,
  readDays,
  timeNames,
  widget,
  widgetText,
} from './widget.js'

function describeFocus(element: FocusedElement | null): string {
  if (!element) return '(nothing)'
  const role = element.role ? ` role=${element.role}` : ''
  return `<${element.tag}${role}> ${element.label ?? element.name.slice(0, 40)}`
}

/** Presses Tab (or Shift+Tab) until the focused element matches, failing with the path focus took. */
async function tabTo(
  page: Page,
  wanted: string,
  matches: (element: FocusedElement) => boolean,
  { key = 'Tab', limit = 60 } = {},
): Promise<FocusedElement> {
  const path: string[] = []
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press(key)
    const element = await focused(page)
    if (element && matches(element)) return element
    path.push(describeFocus(element))
  }
  throw new Error(`${key} never reached ${wanted}; focus went:\n  ${path.join('\n  ')}`)
}

const button = (name: RegExp) => (element: FocusedElement) =>
  element.tag === 'button' && name.test(element.name)
const field = (label: string) => (element: FocusedElement) => element.label?.startsWith(label) ?? false

/** The option a listbox user is on: the focused option, or the listbox's aria-activedescendant. */
async function currentOption(page: Page): Promise<string | null> {
  const element = await focused(page)
  if (element?.role === 'option') return element.name
  if (element?.role === 'listbox') return element.activeOption
  return null
}

describe.skipIf(!inject('browser').available)('booking with the keyboard alone', () => {
  let browser: Browser
  let site: OpenedSite

  beforeAll(async () => {
    browser = await launchChromium()
    site = await openSite(browser, { viewport: DESKTOP, label: 'keyboard' })
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('books with Dr. Lena Hoffmann at the second offered time', async () => {
    const { page } = site
    const w = widget(page)
    await w.heading('service').waitFor()

    await tabTo(page, 'the General consultation button', button(/^General consultation/))
    await page.keyboard.press('Enter')
    await expectStepOpened(page, 'practitioner')
    await site.screenshot('practitioner')

    await tabTo(page, 'the Dr. Lena Hoffmann button', button(/^Dr\. Lena Hoffmann/))
    await page.keyboard.press('Space')
    await expectStepOpened(page, 'time')

    // Late in the day the first day may have a time or two left; the arrow keys need three to show anything.
    await w.options.first().waitFor()
    while ((await timeNames(page)).length < 3) {
      const days = await readDays(page)
      const next = days.slice(days.findIndex((day) => day.pressed) + 1).find((day) => !day.disabled)
      if (!next) throw new Error('no day on the first page of days offers three times')
      await tabTo(page, `the day "${next.name}"`, (element) => element.name === next.name)
      await page.keyboard.press('Enter')
      await expect.poll(async () => (await readDays(page)).find((day) => day.pressed)?.name).toBe(next.name)
    }
    const { day } = await offeredTime(page, 1)
    const times = await timeNames(page)
    await tabTo(
      page,
      'the available times',
      (element) => element.role === 'option' || element.role === 'listbox',
    )
    await site.screenshot('time')
    // Times wrap into rows, so Down may move a whole row on: it need only move later, and Up come back.
    const later = (option: string | null) => option !== null && times.indexOf(option) > 0
    const moves: [string, (option: string | null) => boolean, string][] = [
      ['End', (option) => option === times.at(-1), `the last time, ${times.at(-1)}`],
      ['Home', (option) => option === times[0], `the first time, ${times[0]}`],
      ['ArrowDown', later, 'a later time'],
      ['ArrowUp', (option) => option === times[0], `back to ${times[0]}`],
      ['ArrowRight', (option) => option === times[1], `the next time, ${times[1]}`],
      ['ArrowLeft', (option) => option === times[0], `the previous time, ${times[0]}`],
      ['ArrowRight', (option) => option === times[1], `the next time, ${times[1]}`],
    ]
    expect(await currentOption(page), 'tabbing into the times lands on the first').toBe(times[0])
    for (const [key, reached, wanted] of moves) {
      await page.keyboard.press(key)
      const option = await currentOption(page)
      expect(reached(option), `${key} in the times list should reach ${wanted}, reached ${option}`).toBe(true)
    }
    await page.keyboard.press('Enter')
    await expectStepOpened(page, 'details')
    await expectHeld(page)

    await tabTo(page, 'the Full name field', field('Full name'))
    await page.keyboard.type(PATIENT.name)
    await tabTo(page, 'the Email field', field('Email'))
    await page.keyboard.type(PATIENT.email)
    // The channel choice takes Space like any checkbox; SMS without a phone number says what it needs.
    const sms = w.channel('SMS (text message)')
    await tabTo(page, 'the SMS checkbox', field('SMS (text message)'))
    await page.keyboard.press('Space')
    expect(await sms.isChecked()).toBe(true)
    expect(await fieldError(sms)).toEqual({
      invalid: true,
      message: 'Enter a phone number to get messages by SMS.',
    })
    await page.keyboard.press('Space')
    expect(await sms.isChecked()).toBe(false)
    expect((await fieldError(sms)).invalid).toBe(false)
    expect(await w.channel('Email').isChecked(), 'email stays chosen').toBe(true)
    await tabTo(page, 'the Date of birth field', field('Date of birth'))
    // Chromium's date field takes month, day, year in the en-US order the context is set to.
    const [year, month, date] = PATIENT.dateOfBirth.split('-')
    await page.keyboard.type(`${month}${date}${year}`)
    expect(await w.field('Date of birth').inputValue()).toBe(PATIENT.dateOfBirth)
    await tabTo(page, 'the Notes field', field('Notes for the clinic'))
    await page.keyboard.type('Prefers morning appointments.')
    await tabTo(page, 'back to the Date of birth field', field('Date of birth'), {
      key: 'Shift+Tab',
      limit: 5,
    })
    expect(await w.field('Full name').inputValue()).toBe(PATIENT.name)
    expect(await w.field('Email').inputValue()).toBe(PATIENT.email)
    await site.screenshot('details')

    await tabTo(page, 'the Book appointment button', button(/^Book appointment$/))
    await page.keyboard.press('Enter')
    await expectStepOpened(page, 'confirmation')
    await site.screenshot('confirmation')

    const confirmation = await widgetText(page)
    expect(confirmation, 'the confirmation names the second time').toContain(times[1])
    expect(confirmation, 'the confirmation names the day').toMatch(new RegExp(`\\b${dayOfMonth(day)}\\b`))
    const confirmed = (await site.events()).filter((event) => event.type === 'frontdesk-booking-confirmed')
    expect(confirmed).toHaveLength(1)
    expect(JSON.parse(confirmed[0]!.detail).bookingId).toMatch(/^bkg_/)
  })

  it('raised no CSP violations or page errors', async () => {
    expect(await site.cspViolations()).toEqual([])
    expect(site.pageErrors).toEqual([])
  })
})
