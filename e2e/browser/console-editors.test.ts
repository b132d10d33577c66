// The console's form and consent document editors, from the owner's sign-in: a form built with a required
// field, a group that repeats and a condition, checked in the live preview (the real <frontdesk-intake>),
// published; then the same form on the clinic's site refuses the same missing answer, and so does the API
// (422): it validates alike in preview, widget and API. A consent document written and published in the
// console is what <frontdesk-consent> shows. axe clean, by keyboard where it matters.
import type { IntakeForm } from '@frontdesk/contracts'
import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeCheck, launchChromium } from './browser.js'
import { bookVisit, clinicCall, consent, openConsentPage } from './consent-page.js'
import {
  consoleUi,
  headingShown,
  openConsole,
  settled,
  signInAsOwner,
  staffAvailable,
  staffEnv,
} from './console-page.js'
import { allowSite, clinicAdmin, openIntakePage } from './intake-page.js'
import { MOUNT_CHROMIUM_ARGS } from './mount.js'

const stamp = Date.now().toString(36)

/** The preview or the clinic site's element: the same locators, as a patient finds them. */
function intake(root: Locator) {
  return {
    root,
    field: (label: string) => root.getByLabel(label, { exact: true }),
    radio: (name: string) => root.getByRole('radio', { name, exact: true }),
    button: (name: string) => root.getByRole('button', { name, exact: true }),
    required: root.getByText('Answer this question.', { exact: true }),
    note: root.locator('.summary'),
  }
}

describe.skipIf(!staffAvailable())('the form and consent editors in the staff console', () => {
  let browser: Browser

  beforeAll(async () => {
    // The clinic's site is a public origin loading the API on 127.0.0.1, as the intake and consent tests do.
    browser = await launchChromium(MOUNT_CHROMIUM_ARGS)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('builds a form, previews it with the real element, publishes it, and it validates alike on the site and in the API', async () => {
    const opened = await openConsole(browser)
    const { page } = opened
    const ui = consoleUi(page)
    // The console's own regions: the preview's element has an alert and a status of its own.
    const alert = ui.root.locator('main > [role="alert"]')
    const status = ui.root.locator('main > [role="status"]')
    await signInAsOwner(page)

    // By keyboard from the nav.
    await ui.navLink('Intake forms').focus()
    await page.keyboard.press('Enter')
    await headingShown(page, 'Intake forms')
    await settled(page)
    expect(await alert.textContent()).toBe('')

    await ui.button('New form').click()
    await headingShown(page, 'New intake form')
    const name = `Editor check ${stamp}`
    await ui.field('Name of the form (for your staff)').fill(name)
    await ui.field('Title patients see').fill('Before your first visit')

    const item = (key: string) => ui.root.locator(`#item-${key}`)
    const add = async (kind: string, label: string, id: string, parent = 'form') => {
      await ui.root.locator(`#item-${parent}-add-kind`).selectOption(kind)
      await ui.root.locator(`#item-${parent}-add`).click()
      // The new item's question takes focus: typing goes there.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id))
        .toMatch(/-label$/)
      const focusedId = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id ?? '')
      const key = focusedId.replace(/^item-/, '').replace(/-label$/, '')
      await page.keyboard.press('Control+A')
      await page.keyboard.type(label)
      await ui.root.locator(`#item-${key}-id`).fill(id)
      return key
    }
    const fullName = await add('text', 'Full name', 'fullName')
    await item(fullName).getByLabel('Required', { exact: true }).check()
    await add('yesNo', 'Any allergies?', 'allergic')
    const allergies = await add('text', 'Which allergies?', 'allergies')
    await ui.root.locator(`#item-${allergies}-when`).selectOption('allergic')
    const medications = await add('group', 'Medications', 'medications')
    await ui.root.locator(`#item-${medications}-repeats`).check()
    await ui.root.locator(`#item-${medications}-0-label`).fill('Medicine')
    await ui.root.locator(`#item-${medications}-0-id`).fill('medicine')

    // Reordered by keyboard: the Down button keeps focus as the item moves, Up brings it back.
    await ui.root.locator('#item-0-down').focus()
    await page.keyboard.press('Enter')
    const order = () =>
      ui.root
        .locator('form fieldset[data-item]')
        .evaluateAll((sets) => sets.map((set) => set.getAttribute('data-item')))
    await expect.poll(order).toEqual(['allergic', 'fullName', 'allergies', 'medications', 'medicine'])
    await ui.root.locator('#item-1-up').focus()
    await page.keyboard.press('Enter')
    await expect.poll(order).toEqual(['fullName', 'allergic', 'allergies', 'medications', 'medicine'])

    // A problem the contracts' schema finds is shown beside its field before anything is sent.
    await ui.root.locator('#item-0-label').fill('')
    await ui.button('Check').click()
    await expect.poll(() => alert.textContent()).toMatch(/1 problem to fix/)
    await expect.poll(() => ui.root.locator('#item-0-label-issue').isVisible()).toBe(true)
    await ui.root.locator('#item-0-label').fill('Full name')
    await ui.button('Check').click()
    await expect.poll(() => status.textContent()).toMatch(/No problems/)
    expect(await ui.root.locator('#item-0-label-issue').isVisible()).toBe(false)

    // The live preview: the real element, the condition, the required field refused.
    const preview = intake(ui.root.locator('frontdesk-intake'))
    await preview.field('Full name (required)').waitFor()
    expect(await preview.field('Which allergies?').count()).toBe(0)
    await preview.radio('Yes').check()
    await preview.field('Which allergies?').waitFor()
    await preview.radio('No').check()
    await expect.poll(() => preview.field('Which allergies?').count()).toBe(0)
    await preview.button('Next').click()
    await preview.required.waitFor()
    expect(await axeCheck(page)).toEqual([])
    await preview.field('Full name (required)').fill('Ada Lovelace')
    await preview.button('Next').click()
    await preview.root.getByRole('heading', { level: 3, name: 'Medications' }).waitFor()
    await preview.button('Send').click()
    await expect.poll(() => preview.note.textContent()).toMatch(/Nothing was sent/)

    await ui.button('Publish as version 1').click()
    await expect.poll(() => status.textContent()).toBe('Published as version 1')
    await headingShown(page, 'Intake forms')
    await ui.root.getByRole('cell', { name, exact: true }).waitFor()
    expect(opened.pageErrors).toEqual([])
    expect(await opened.cspViolations()).toEqual([])

    const admin = clinicAdmin()
    const form = (await admin.intake.forms.list()).find((candidate: IntakeForm) => candidate.name === name)!
    expect(form.currentVersion).toBe(1)
    expect(form.definition.items.map((entry) => entry.id)).toEqual([
      'fullName',
      'allergic',
      'allergies',
      'medications',
    ])

    // The versions, listed in the console.
    await ui.button(`Show the versions of ${name}`).click()
    await ui.root.getByRole('heading', { level: 2, name: `Versions of ${name}` }).waitFor()
    await opened.close()

    // The same form on the clinic's site: the same condition, the same refusal.
    await allowSite(admin)
    const site = await openIntakePage(browser, form.id)
    const widget = intake(site.page.locator('frontdesk-intake'))
    await widget.field('Full name (required)').waitFor()
    expect(await widget.field('Which allergies?').count()).toBe(0)
    await widget.radio('Yes').check()
    await widget.field('Which allergies?').waitFor()
    await widget.button('Next').click()
    await widget.required.waitFor()
    await site.context.close()

    // And the API refuses the same missing answer.
    const env = staffEnv()
    const draft = await clinicCall<{ draft: { id: string }; resumeToken: string }>(
      'POST',
      '/intake/drafts',
      { formId: form.id },
      201,
    )
    const submitted = await fetch(`${env.apiUrl}/v1/intake/drafts/${draft.draft.id}/submit`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${draft.resumeToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: 1, answers: { allergic: false } }),
    })
    expect(submitted.status).toBe(422)
    const body = (await submitted.json()) as { error: { issues?: { path: string }[] } }
    expect(body.error.issues?.map((issue) => issue.path)).toContain('answers.fullName')
  })

  it('publishes a consent document and a new version in the console, and the widget shows that version', async () => {
    await allowSite(clinicAdmin())
    const opened = await openConsole(browser)
    const { page } = opened
    const ui = consoleUi(page)
    await signInAsOwner(page)
    await ui.navLink('Consent documents').click()
    await headingShown(page, 'Consent documents')
    await settled(page)

    await ui.button('New document').click()
    const name = `Console consent ${stamp}`
    // Publishing an empty text is refused beside its field.
    await ui.field('Name').fill(name)
    await ui.button('Publish as version 1').click()
    await expect.poll(() => ui.root.locator('#consent-texts-0-title-issue').isVisible()).toBe(true)
    await ui.field('Title').fill('Consent to treatment')
    await ui.field('Text (Markdown: **bold**, *italic*, [links](https://…))').fill('I agree to be examined.')
    await ui.button('Publish as version 1').click()
    await expect.poll(() => ui.status.textContent()).toBe('Published as version 1')

    const listed = await clinicCall<{ data: { id: string; name: string }[] }>('GET', '/consent/documents')
    const document = listed.data.find((candidate) => candidate.name === name)!

    // Version 2: a German text beside the English one, agreed by typed name.
    await ui.button(`Edit ${name}: write its next version`).click()
    await ui.root.locator('#consent-method').selectOption('typed_name')
    await ui.button('Add a language').click()
    await ui.root.locator('#consent-1-language').fill('de')
    await ui.root.locator('#consent-1-title').fill('Einwilligung in die Behandlung')
    await ui.root.locator('#consent-1-body').fill('Ich willige in die Untersuchung ein.')
    await ui.root.locator('#consent-0-body').fill('I agree to be examined and treated.')
    expect(await axeCheck(page)).toEqual([])
    await ui.button('Publish as version 2').click()
    await expect.poll(() => ui.status.textContent()).toBe('Published as version 2')
    await ui.button(`Show the versions of ${name}`).click()
    await ui.root.getByRole('heading', { level: 2, name: `Versions of ${name}` }).waitFor()
    expect(await ui.root.locator('summary').count()).toBe(2)
    expect(opened.pageErrors).toEqual([])
    await opened.close()

    // The consent widget shows version 2's text.
    const { visitToken } = await bookVisit()
    const site = await openConsentPage(browser, { documents: document.id, 'visit-token': visitToken })
    const w = consent(site.page)
    const shown = () =>
      w.root.evaluate((element) => element.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '')
    await expect.poll(shown, { timeout: 15_000 }).toContain('I agree to be examined and treated.')
    expect(await w.root.getByText('I agree to be examined.', { exact: true }).count()).toBe(0)
    await site.context.close()
  })
})
