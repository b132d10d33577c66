// The API reference at /docs in Chromium: served under the strict page CSP (no unsafe-inline), its one
// inline stylesheet applies through the answer's nonce, and nothing on the page is blocked.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { browserEnv, launchChromium } from './browser.js'

describe.skipIf(!inject('browser').available)('the API reference page', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('is styled under a CSP without unsafe-inline, and raises no violations', async () => {
    const page = await browser.newPage()
    const violations: string[] = []
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text())
    })
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`)
      })
    })
    const response = await page.goto(new URL('/docs', browserEnv().apiUrl).href)
    const policy = response?.headers()['content-security-policy'] ?? ''
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).not.toMatch(/unsafe/)
    await page.getByRole('heading', { name: 'Frontdesk API', level: 1 }).waitFor()
    // 60rem from the page's own stylesheet: it was applied, not blocked.
    expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).toBe('960px')
    expect(violations).toEqual([])
    await page.close()
  })
})
