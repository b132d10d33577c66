// The <frontdesk-booking> DOM contract as Playwright locators (roles, labels, text), and focus readers.
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

export const STEPS = ['service', 'practitioner', 'time', 'details', 'confirmation'] as const
export type Step = (typeof STEPS)[number]

/** Each step's h2; the apostrophes may be typographic, which a reader does not notice. */
export const STEP_HEADINGS: Record<Step, RegExp> = {
  service: /^Choose a service$/,
  practitioner: /^Choose who you['’]d like to see$/,
  time: /^Choose a time$/,
  details: /^Your details$/,
  confirmation: /^You['’]re booked$/,
}

export const CLINIC = {
  name: 'Lindenhof Family Practice',
  services: ['General consultation', 'Physiotherapy session', 'Vaccination'],
  practitioners: ['Dr. Lena Hoffmann', 'Samuel Okafor'],
}

/** The legend of the choice of channels for confirmations and reminders, on the details step. */
export const CHANNELS_LEGEND = 'Send me confirmations and reminders by'

export const PATIENT = {
  name: 'Marta Kowalczyk',
  email: 'marta.kowalczyk@example.org',
  dateOfBirth: '1985-04-12',
}

export function startsWith(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
}

export function widget(page: Page) {
  const root = page.locator('frontdesk-booking')
  return {
    root,
    heading: (step: Step) => root.getByRole('heading', { level: 2, name: STEP_HEADINGS[step] }),
    steps: root.getByRole('list', { name: 'Booking steps' }),
    button: (name: string | RegExp) =>
      root.getByRole('button', { name: typeof name === 'string' ? startsWith(name) : name }),
    back: root.getByRole('button', { name: 'Back', exact: true }),
    days: root.getByLabel('Days', { exact: true }).getByRole('button'),
    selectedDay: root.getByLabel('Days', { exact: true }).getByRole('button', { pressed: true }),
    earlier: root.getByRole('button', { name: 'Earlier dates', exact: true }),
    later: root.getByRole('button', { name: 'Later dates', exact: true }),
    times: root.getByRole('listbox', { name: 'Available times', exact: true }),
    options: root.getByRole('listbox', { name: 'Available times', exact: true }).getByRole('option'),
    status: root.getByRole('status'),
    alert: root.getByRole('alert'),
    /** A details field by its label; the "Email" channel checkbox shares a label with the Email field. */
    field: (label: string) =>
      root.getByLabel(label, { exact: true }).and(root.locator('input:not([type="checkbox"]), textarea')),
    channels: root.getByRole('group', { name: CHANNELS_LEGEND }),
    channel: (name: string) =>
      root.getByRole('group', { name: CHANNELS_LEGEND }).getByRole('checkbox', { name, exact: true }),
    submit: root.getByRole('button', { name: 'Book appointment', exact: true }),
  }
}

export interface FocusedElement {
  tag: string
  role: string | null
  /** aria-label, else the trimmed text content. */
  name: string
  /** For a listbox focused with aria-activedescendant: the active option's text. */
  activeOption: string | null
  /** For a form field: its labels' text, else aria-labelledby's, else aria-label. */
  label: string | null
}

/** The element that really has focus, followed down through every shadow root. */
export function focused(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    let active = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    if (!active || active === document.body) return null
    const root = active.getRootNode() as Document | ShadowRoot
    const activeId = active.getAttribute('aria-activedescendant')
    const labels = 'labels' in active ? [...((active as HTMLInputElement).labels ?? [])] : []
    const labelledBy = (active.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
    const labelText = [...labels, ...labelledBy.map((id) => root.getElementById(id))]
      .map((label) => label?.textContent?.trim() ?? '')
      .join(' ')
      .trim()
    return {
      tag: active.tagName.toLowerCase(),
      role: active.getAttribute('role'),
      name: (active.getAttribute('aria-label') ?? active.textContent ?? '').replace(/\s+/g, ' ').trim(),
      activeOption: activeId ? (root.getElementById(activeId)?.textContent?.trim() ?? null) : null,
      label: labelText || active.getAttribute('aria-label'),
    }
  })
}

/** Waits for a step's h2 to appear and take focus, as the contract promises when a step opens. */
export async function expectStepOpened(page: Page, step: Step): Promise<void> {
  await widget(page).heading(step).waitFor()
  await expect
    .poll(() => focused(page).then((element) => element && `${element.tag}: ${element.name}`), {
      message: `focus should move to the "${step}" step's h2 when it opens`,
    })
    .toMatch(new RegExp(`^h2: ${STEP_HEADINGS[step].source.slice(1)}`))
}

/** Index of the step indicator item marked aria-current="step". */
export async function currentStepIndex(page: Page): Promise<number> {
  const items = await widget(page).steps.getByRole('listitem').all()
  const marked: number[] = []
  for (const [index, item] of items.entries()) {
    if ((await item.getAttribute('aria-current')) === 'step') marked.push(index)
  }
  expect(marked, 'exactly one step indicator item should be aria-current="step"').toHaveLength(1)
  return marked[0]!
}

export interface AccessibleItem {
  name: string
  pressed: boolean
  disabled: boolean
  selected: boolean
}

/** Elements of one role under a locator as assistive technology sees them (Playwright's aria snapshot). */
export async function accessibleItems(
  container: Locator,
  role: 'button' | 'option',
): Promise<AccessibleItem[]> {
  const snapshot = await container.ariaSnapshot()
  const line = new RegExp(`^\\s*- ${role}(?: "((?:[^"\\\\]|\\\\.)*)")?(.*)$`)
  return snapshot.split('\n').flatMap((text) => {
    const match = line.exec(text)
    if (!match) return []
    const flags = match[2] ?? ''
    return [
      {
        name: JSON.parse(`"${match[1] ?? ''}"`) as string,
        pressed: /\[pressed\]/.test(flags),
        disabled: /\[disabled\]/.test(flags),
        selected: /\[selected\]/.test(flags),
      },
    ]
  })
}

export function readDays(page: Page): Promise<AccessibleItem[]> {
  return accessibleItems(widget(page).root.getByLabel('Days', { exact: true }), 'button')
}

/** Checks the time step's days: disabled exactly when "no free times", and the first free day selected. */
export async function expectDaysConsistent(page: Page): Promise<void> {
  const days = await readDays(page)
  expect(days.length, 'the time step should offer day buttons').toBeGreaterThan(0)
  const inconsistent = days.filter((day) => day.disabled !== /no free times/i.test(day.name))
  expect(inconsistent, 'a day is disabled exactly when its name says "no free times"').toEqual([])
  const firstFree = days.find((day) => !day.disabled)
  expect(firstFree, 'at least one day on the first page should have free times').toBeDefined()
  expect(days.filter((day) => day.pressed).map((day) => day.name)).toEqual([firstFree!.name])
}

/** The offered times, in order, by accessible name. */
export async function timeNames(page: Page): Promise<string[]> {
  return (await accessibleItems(widget(page).times, 'option')).map((option) => option.name)
}

/** The text the widget shows, from inside its shadow root: a host's innerText leaves the shadow tree out. */
export function widgetText(page: Page): Promise<string> {
  return widget(page).root.evaluate((host) => {
    const parts: string[] = []
    const walk = (root: ParentNode) => {
      for (const child of root.children) {
        if (child.shadowRoot) walk(child.shadowRoot)
        else if (child instanceof HTMLElement && !['STYLE', 'SCRIPT', 'TEMPLATE'].includes(child.tagName)) {
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, without the steps that are hidden.
          parts.push(child.innerText)
        }
      }
    }
    walk(host.shadowRoot ?? host)
    return parts.join('\n')
  })
}

/** The message a field's aria-describedby points at, and whether the field is aria-invalid. */
export function fieldError(field: Locator): Promise<{ invalid: boolean; message: string }> {
  return field.evaluate((input) => {
    const root = input.getRootNode() as Document | ShadowRoot
    const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
    return {
      invalid: input.getAttribute('aria-invalid') === 'true',
      message: ids
        .map((id) => root.getElementById(id)?.textContent?.trim() ?? '')
        .join(' ')
        .trim(),
    }
  })
}

/** The day of month in a day button's name ("Tue 25 Nov" → "25"), to find it again in the confirmation. */
export function dayOfMonth(dayName: string): string {
  const match = /\b(\d{1,2})\b/.exec(dayName)
  if (!match) throw new Error(`no day of month in the day button named "${dayName}"`)
  return String(Number(match[1]))
}
