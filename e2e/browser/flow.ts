// The booking flow done with the mouse, one step per helper, each waiting until the next step has opened.
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { expectStepOpened, PATIENT, readDays, timeNames, widget } from './widget.js'

export async function pickService(page: Page, service: string): Promise<void> {
  await widget(page).button(service).click()
  await expectStepOpened(page, 'practitioner')
}

export async function pickPractitioner(page: Page, practitioner: string): Promise<void> {
  await widget(page).button(practitioner).click()
  await expectStepOpened(page, 'time')
}

export interface ChosenTime {
  /** The selected day button's accessible name. */
  day: string
  /** The chosen option's accessible name, e.g. "09:15". */
  time: string
}

/**
 * Waits for the offered times of the selected day and returns the day and the time at `index`. Late in the
 * clinic's day the first day may have fewer times left than `index` needs: then the next day that offers
 * enough is selected, as a patient would.
 */
export async function offeredTime(page: Page, index: number): Promise<ChosenTime> {
  const { options, root } = widget(page)
  await options.first().waitFor()
  let days = await readDays(page)
  let times = await timeNames(page)
  while (times.length <= index) {
    const next = days.slice(days.findIndex((day) => day.pressed) + 1).find((day) => !day.disabled)
    if (!next) break
    await root
      .getByLabel('Days', { exact: true })
      .getByRole('button', { name: next.name, exact: true })
      .click()
    await expect.poll(async () => (await readDays(page)).find((day) => day.pressed)?.name).toBe(next.name)
    await options.first().waitFor()
    days = await readDays(page)
    times = await timeNames(page)
  }
  const day = days.find((candidate) => candidate.pressed)
  expect(day, 'a day should be selected when times are shown').toBeDefined()
  expect(times.length, `the selected day should offer at least ${index + 1} times`).toBeGreaterThan(index)
  expect(times[index], 'times are named in 24-hour clinic time, like "09:15"').toMatch(/^\d{2}:\d{2}\b/)
  return { day: day!.name, time: times[index]! }
}

/** Chooses the time at `index` on the selected day and waits for the details step (the time is now held). */
export async function pickTime(page: Page, index: number): Promise<ChosenTime> {
  const chosen = await offeredTime(page, index)
  await widget(page).options.nth(index).click()
  await expectStepOpened(page, 'details')
  return chosen
}

export interface PatientDetails {
  name: string
  email?: string
  phone?: string
  dateOfBirth: string
}

/** Fills the details form; email and phone only when given, since either one is enough. */
export async function fillDetails(page: Page, patient: PatientDetails = PATIENT): Promise<void> {
  const { field } = widget(page)
  await field('Full name').fill(patient.name)
  if (patient.email) await field('Email').fill(patient.email)
  if (patient.phone) await field('Phone').fill(patient.phone)
  await field('Date of birth').fill(patient.dateOfBirth)
}

export async function submitBooking(page: Page): Promise<void> {
  await widget(page).submit.click()
  await expectStepOpened(page, 'confirmation')
}

/** The widget's own words on the details step: the hold and its countdown. */
export async function expectHeld(page: Page): Promise<void> {
  const status = widget(page).status.filter({ hasText: /held for you/i })
  await status.waitFor()
  expect(await status.textContent()).toMatch(/\b\d{1,2}:\d{2}\b/)
}
