// The intake case table judged in Chromium: the validator the widgets bundle, built from the same source
// the server runs, must reach every verdict the table (and so Node and the API) expects.
import { fileURLToPath } from 'node:url'
import type { IntakeVerdict, validateIntake } from '@frontdesk/contracts/intake'
import { INTAKE_CASES } from '@frontdesk/contracts/testing'
import { build } from 'esbuild'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from './browser.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

declare global {
  interface Window {
    /** What the bundle below puts on the page. */
    frontdeskIntake: {
      validateIntake: typeof validateIntake
      INTAKE_CASES: typeof INTAKE_CASES
      TODAY: string
    }
  }
}

/** The zod-free intake entry point and the case table, as built and published, as one script for a bare page. */
async function bundleForPage(): Promise<string> {
  const result = await build({
    stdin: {
      contents:
        "export { validateIntake } from '@frontdesk/contracts/intake'\nexport { INTAKE_CASES, TODAY } from '@frontdesk/contracts/testing'\n",
      resolveDir: REPO,
      sourcefile: 'intake-verdict-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'frontdeskIntake',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

describe.skipIf(!inject('browser').available)('intake verdicts in Chromium', () => {
  let browser: Browser
  let script: string
  /** The page's verdict per case name. */
  let verdicts: Map<string, IntakeVerdict>
  let userAgent: string

  beforeAll(async () => {
    script = await bundleForPage()
    browser = await launchChromium()
    const page = await browser.newPage()
    await page.goto('about:blank')
    await page.addScriptTag({ content: script })
    const judged = await page.evaluate(() => {
      const { validateIntake, INTAKE_CASES, TODAY } = window.frontdeskIntake
      return INTAKE_CASES.map(({ name, form, answers, draft }) => ({
        name,
        verdict: validateIntake(form, answers, { today: TODAY, draft }),
      }))
    })
    verdicts = new Map(judged.map(({ name, verdict }) => [name, verdict]))
    userAgent = await page.evaluate(() => navigator.userAgent)
    await page.close()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('judges the whole table in the page, with a bundle that carries no zod', () => {
    expect(userAgent).toMatch(/Chrome\//)
    expect(script).not.toMatch(/ZodError|\$ZodType/)
    expect([...verdicts.keys()]).toEqual(INTAKE_CASES.map((entry) => entry.name))
  })

  for (const entry of INTAKE_CASES) {
    it(entry.name, () => {
      expect(verdicts.get(entry.name)).toEqual(entry.expected)
    })
  }
})
