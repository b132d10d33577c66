// The signature box both elements share (signature_pad on a canvas), as the intake's signature question
// uses it: drawn with the mouse, kept across a narrower window and a step away and back, cleared, and
// sent as the one picture size whatever the screen. The clinic reads the answer back.
import type { FormDefinition } from '@frontdesk/contracts/intake'
import type { FrontdeskAdmin } from '@frontdesk/sdk'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from './browser.js'
import { allowSite, clinicAdmin, createForm, onlyResponse, openIntakePage } from './intake-page.js'
import { MOUNT_CHROMIUM_ARGS } from './mount.js'

const SIGNED: FormDefinition = {
  title: 'Before your visit',
  items: [
    {
      id: 'about',
      type: 'group',
      label: 'About you',
      items: [{ id: 'reason', type: 'text', label: 'Reason for your visit' }],
    },
    {
      id: 'confirm',
      type: 'group',
      label: 'Your signature',
      items: [{ id: 'signature', type: 'signature', label: 'Sign here', required: true }],
    },
  ],
}

async function sign(page: Page, canvas: Locator): Promise<void> {
  const box = (await canvas.boundingBox())!
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.5)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2, { steps: 8 })
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.7, { steps: 8 })
  await page.mouse.up()
}

/** How many of the canvas's pixels carry ink. */
function inkedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement
    const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
    let count = 0
    for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) count += 1
    return count
  })
}

/** A PNG's width and height, from its header. */
function pngSize(dataUrl: string): [number, number] {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)]
}

describe.skipIf(!inject('browser').available)('the signature box', () => {
  let browser: Browser
  let admin: FrontdeskAdmin

  beforeAll(async () => {
    admin = clinicAdmin()
    await allowSite(admin)
    browser = await launchChromium(MOUNT_CHROMIUM_ARGS)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('takes a mouse signature, keeps it through a narrower window and a step back, clears, and sends 600 × 200', async () => {
    const formId = await createForm(admin, SIGNED)
    const { page, context, cspViolations } = await openIntakePage(browser, formId)
    const root = page.locator('frontdesk-intake')
    const button = (name: string) => root.getByRole('button', { name, exact: true })
    await button('Next').click()
    const canvas = root.getByRole('img', { name: 'Signature box, empty' })
    await canvas.waitFor()
    await sign(page, canvas)
    await root.getByRole('img', { name: 'Signature box, signed' }).waitFor()
    const drawn = await inkedPixels(root.locator('canvas'))
    expect(drawn).toBeGreaterThan(100)

    // The box follows the window's width and keeps the picture, scaled.
    const before = await root.locator('canvas').evaluate((c) => (c as HTMLCanvasElement).width)
    await page.setViewportSize({ width: 360, height: 720 })
    await expect
      .poll(() => root.locator('canvas').evaluate((c) => (c as HTMLCanvasElement).width))
      .toBeLessThan(before)
    expect(await inkedPixels(root.locator('canvas'))).toBeGreaterThan(0)

    // A step away and back: a new canvas, the answer painted back onto it.
    await button('Back').click()
    await button('Next').click()
    await expect.poll(() => inkedPixels(root.locator('canvas'))).toBeGreaterThan(0)
    expect(await root.getByRole('img', { name: 'Signature box, signed' }).count()).toBe(1)

    await button('Clear signature').click()
    expect(await inkedPixels(root.locator('canvas'))).toBe(0)
    await button('Send').click()
    expect(await root.getByRole('group', { name: 'Sign here (required)' }).getAttribute('aria-invalid')).toBe(
      'true',
    )

    await sign(page, root.locator('canvas'))
    await button('Send').click()
    await root.getByRole('heading', { level: 2, name: 'Thank you' }).waitFor()
    const sent = await onlyResponse(admin, formId)
    const image = (sent.answers as { confirm: { signature: { image: string } } }).confirm.signature.image
    expect(pngSize(image)).toEqual([600, 200])
    expect(await cspViolations()).toEqual([])
    await context.close()
  })
})
