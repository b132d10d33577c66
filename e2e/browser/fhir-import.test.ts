// A Questionnaire another system published, imported through the API with the demo clinic's secret key,
// is what <frontdesk-intake> asks in Chromium: HL7's R4 example "Lifelines" (@frontdesk/contracts/testing),
// its three steps with the questions as HL7 wrote them.
import type { fhir } from '@frontdesk/contracts'
import { LIFELINES_QUESTIONNAIRE } from '@frontdesk/contracts/testing'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from './browser.js'
import { allowSite, clinicAdmin, createForm, openIntakePage } from './intake-page.js'
import { MOUNT_CHROMIUM_ARGS } from './mount.js'

describe.skipIf(!inject('browser').available)('a FHIR Questionnaire imported over the API', () => {
  let browser: Browser
  const admin = clinicAdmin()

  beforeAll(async () => {
    await allowSite(admin)
    browser = await launchChromium(MOUNT_CHROMIUM_ARGS)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it("renders HL7's Lifelines example in <frontdesk-intake>, question by question", async () => {
    const formId = await createForm(admin, {
      title: 'Placeholder',
      items: [{ id: 'reason', type: 'text', label: 'Replaced by the import' }],
    })
    const imported = await admin.intake.forms.importFhir(
      formId,
      LIFELINES_QUESTIONNAIRE as unknown as fhir.Questionnaire,
    )
    expect(imported.version).toBe(2)
    const { page, context, cspViolations } = await openIntakePage(browser, formId)
    const root = page.locator('frontdesk-intake')
    const next = root.getByRole('button', { name: 'Next', exact: true })
    const steps = [
      ['Do you have allergies?'],
      [
        'What is your gender?',
        'What is your date of birth?',
        'What is your country of birth?',
        'What is your marital status?',
      ],
      ['Do you smoke?', 'Do you drink alchohol?'],
    ]
    for (const [index, questions] of steps.entries()) {
      await root.getByText(`Step ${index + 1} of ${steps.length}`).waitFor()
      for (const question of questions) await root.getByText(question, { exact: true }).first().waitFor()
      expect(await root.getByText('Replaced by the import').count()).toBe(0)
      if (index < steps.length - 1) await next.click()
    }
    expect(await cspViolations()).toEqual([])
    await context.close()
  })
})
