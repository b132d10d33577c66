// The hosted booking page /c/<slug> over the real app: the clinic's name, language and live key in a page
// with nothing inline (the app's CSP allows no inline script or style), its theme and QR code, and the same
// 404 page for every slug no clinic has.
import QRCode from 'qrcode'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestClinic, type TestClinic, useHarness } from './harness.js'
import { png } from './security/fixtures.js'

const harness = useHarness()
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
const slug = `page-${run}`
const NAME = 'Praxis <Am Fluss> & "Partner"'

let clinic: TestClinic
let formId: string

const page = async (path: string, headers: Record<string, string> = {}) => {
  const response = await harness.app.request(path, { headers })
  return { status: response.status, headers: response.headers, text: await response.text() }
}
const patch = (body: unknown) => harness.call('PATCH', '/v1/clinic', { token: clinic.sk, body })

beforeAll(async () => {
  clinic = await createTestClinic(harness)
  const form = await harness.call('POST', '/v1/intake/forms', {
    token: clinic.sk,
    body: {
      name: 'Hosted',
      definition: { title: 'Before you come', items: [{ id: 'why', type: 'text', label: 'Why?' }] },
    },
  })
  formId = form.body.id
  const changed = await patch({
    name: NAME,
    slug,
    branding: { accentColor: '#0F6B5C', languages: ['en', 'de'] },
    hostedPage: { intakeFormId: formId },
  })
  expect(changed.status).toBe(200)
})

/** Whatever the CSP (script-src 'self', style-src 'self' + nonce) would block or a page should never carry. */
function inlineCode(html: string): string[] {
  return [
    ...[...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>/gi)].map((m) => `inline script ${m[0]}`),
    ...[...html.matchAll(/<style\b[^>]*>/gi)].map((m) => `style element ${m[0]}`),
    ...[...html.matchAll(/\sstyle=/gi)].map(() => 'style attribute'),
    ...[...html.matchAll(/\son[a-z]+=/gi)].map((m) => `event handler ${m[0]}`),
    ...[...html.matchAll(/(?:src|href)="(?:https?:)?\/\/[^"]*"/gi)].map((m) => `another origin ${m[0]}`),
  ]
}

describe('GET /c/<slug>', () => {
  it("is the clinic's page: its name (escaped), the booking with its live key and intake form, nothing inline", async () => {
    const answer = await page(`/c/${slug}`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('Content-Type')).toMatch(/^text\/html/)
    const csp = answer.headers.get('Content-Security-Policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    const html = answer.text
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<h1>Praxis &lt;Am Fluss&gt; &amp; &quot;Partner&quot;</h1>')
    expect(html).not.toContain('<Am Fluss>')
    const key = /<frontdesk-booking publishable-key="(pk_live_[A-Za-z0-9_-]+)"/.exec(html)?.[1]
    expect(key, 'the booking widget with a live publishable key').toBeDefined()
    expect(key).not.toBe(clinic.pk)
    expect(html).toContain(`intake-form="${formId}"`)
    // The widgets call the API at the page's own origin (the harness's public URL).
    expect(html).toContain('api-base="http://localhost"')
    expect(html).toContain('<script type="module" src="/v1/widgets.js"></script>')
    expect(html).toContain(`href="/c/${slug}/theme.css?v=%230f6b5c"`)
    expect(inlineCode(html)).toEqual([])

    // The key books from the page's own origin (the API's), with no allowed origin added for it.
    const catalogue = await harness.call('GET', '/v1/services', { token: key, origin: 'http://localhost' })
    expect(catalogue.status).toBe(200)
    expect(catalogue.body.data.map((service: { id: string }) => service.id)).toEqual([clinic.serviceId])
    // A browser sends no Origin on a same-origin GET, but always Sec-Fetch-Site: the page's own reads work.
    const sameOrigin = { 'Sec-Fetch-Site': 'same-origin' }
    const read = await harness.call('GET', '/v1/clinic', { token: key, origin: null, headers: sameOrigin })
    expect(read.status).toBe(200)
    expect(read.body.name).toBe(NAME)
    const crossSite = { 'Sec-Fetch-Site': 'cross-site' }
    const foreign = await harness.call('GET', '/v1/clinic', { token: key, origin: null, headers: crossSite })
    expect(foreign.status).toBe(403)
    // A secret key is never for a browser page, however it asks.
    expect((await harness.call('GET', '/v1/clinic', { token: clinic.sk, headers: sameOrigin })).status).toBe(
      403,
    )
  })

  it('sends a slug written in other case on to the one address, the query kept', async () => {
    const answer = await page(`/c/${slug.toUpperCase()}?lang=de`)
    expect(answer.status).toBe(301)
    expect(answer.headers.get('Location')).toBe(`/c/${slug}?lang=de`)
    const followed = await page(answer.headers.get('Location')!)
    expect(followed.status).toBe(200)
    expect(followed.text).toContain('<html lang="de">')
  })

  it('speaks ?lang=, else the best of Accept-Language among the clinic’s languages, else its first', async () => {
    expect((await page(`/c/${slug}?lang=de`)).text).toContain('<html lang="de">')
    const german = await page(`/c/${slug}`, { 'Accept-Language': 'fr-CH, de-AT;q=0.8, en;q=0.5' })
    expect(german.text).toContain('<html lang="de">')
    expect(german.text).toContain('Termin buchen')
    expect(german.text).toContain('locale="de"')
    expect(german.headers.get('Content-Language')).toBe('de')
    expect((await page(`/c/${slug}?lang=fr`, { 'Accept-Language': 'fr' })).text).toContain('<html lang="en">')
    // The switcher: a link per language, the current one marked.
    const { text } = await page(`/c/${slug}?lang=de`)
    expect(text).toContain('<nav class="languages" aria-label="Sprache">')
    expect(text).toContain(
      `<a aria-current="page" lang="de" hreflang="de" href="/c/${slug}?lang=de">Deutsch</a>`,
    )
    expect(text).toContain(`<a lang="en" hreflang="en" href="/c/${slug}?lang=en">English</a>`)
    // A clinic in German alone answers in German whatever the browser asks, with no switcher.
    await patch({ branding: { languages: ['de'] } })
    const only = await page(`/c/${slug}?lang=en`, { 'Accept-Language': 'en' })
    expect(only.text).toContain('<html lang="de">')
    expect(only.text).not.toContain('<nav')
    await patch({ branding: { languages: ['en', 'de'] } })
  })

  it('shows the logo from this origin when the clinic has one', async () => {
    const uploaded = await harness.call('PUT', '/v1/clinic/logo', { token: clinic.sk, body: png() })
    const { text } = await page(`/c/${slug}`)
    expect(text).toContain(`<img class="logo" src="${uploaded.body.branding.logo?.url}" alt="">`)
    expect(inlineCode(text)).toEqual([])
  })

  it('says booking is unavailable, with no widget, once the clinic has revoked its live key', async () => {
    const other = await createTestClinic(harness)
    const otherSlug = `${slug}-revoked`
    await harness.call('PATCH', '/v1/clinic', { token: other.sk, body: { slug: otherSlug } })
    const keys = await harness.call('GET', '/v1/keys', { token: other.sk })
    const live = keys.body.data.find((key: { mode: string }) => key.mode === 'live')
    expect((await harness.call('POST', `/v1/keys/${live.id}/revoke`, { token: other.sk })).status).toBe(200)
    const { status, text } = await page(`/c/${otherSlug}`)
    expect(status).toBe(200)
    expect(text).toContain('Online booking is not available right now')
    expect(text).not.toContain('<frontdesk-booking')
    expect(text).not.toContain('<script')
  })

  it('is one 404 page, in HTML, for a slug no clinic has and for one given up', async () => {
    const unknown = await page('/c/no-such-clinic-anywhere')
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(unknown.text).toContain('Page not found')
    expect(unknown.text).not.toContain('Test Clinic')
    expect(inlineCode(unknown.text)).toEqual([])
    expect((await page('/c/no-such-clinic-anywhere', { 'Accept-Language': 'de' })).text).toContain(
      'Seite nicht gefunden',
    )
    const other = await createTestClinic(harness)
    const given = `${slug}-given-up`
    await harness.call('PATCH', '/v1/clinic', { token: other.sk, body: { slug: given } })
    expect((await page(`/c/${given}`)).status).toBe(200)
    await harness.call('PATCH', '/v1/clinic', { token: other.sk, body: { slug: null } })
    const gone = await page(`/c/${given}`)
    expect(gone.status).toBe(404)
    expect(gone.text).toBe(unknown.text)
  })

  it('is the same 404 page for an address no slug can be, a NUL byte included (the fuzz found a 500)', async () => {
    const unknown = await page('/c/no-such-clinic-anywhere')
    for (const path of [
      '/c/%00',
      '/c/a%00b',
      '/c/x',
      '/c/-demo-',
      '/c/%F0%9F%8F%A5',
      '/c/%00/theme.css',
      '/c/%00/qr.svg',
    ]) {
      const answer = await page(path)
      expect(answer.status, path).toBe(404)
      if (!path.includes('.')) expect(answer.text, path).toBe(unknown.text)
    }
  })
})

describe('what the page loads', () => {
  it("maps the clinic's accent onto the widgets' custom properties, with a readable text colour", async () => {
    const theme = await page(`/c/${slug}/theme.css`)
    expect(theme.status).toBe(200)
    expect(theme.headers.get('Content-Type')).toMatch(/^text\/css/)
    expect(theme.text).toContain('--frontdesk-accent: #0f6b5c;')
    expect(theme.text).toContain('--frontdesk-accent-text: #ffffff;')
    await patch({ branding: { accentColor: '#ffd60a' } })
    expect((await page(`/c/${slug}/theme.css`)).text).toContain('--frontdesk-accent-text: #111111;')
    await patch({ branding: { accentColor: '#0f6b5c' } })
    expect((await page('/c/no-such-clinic-anywhere/theme.css')).status).toBe(404)
  })

  it('serves its stylesheet from this origin', async () => {
    const styles = await page('/v1/hosted-page.css')
    expect(styles.status).toBe(200)
    expect(styles.text).toContain('frontdesk-booking')
  })

  it("gives a QR code of the page's absolute address, different per clinic", async () => {
    const qr = await page(`/c/${slug}/qr.svg`)
    expect(qr.status).toBe(200)
    expect(qr.headers.get('Content-Type')).toMatch(/^image\/svg\+xml/)
    expect(qr.text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    expect(qr.text).not.toMatch(/<script/i)
    // The code of exactly the settings' hostedBookingUrl (the harness's public URL is http://localhost).
    const url = `http://localhost/c/${slug}`
    expect(
      (await harness.call('GET', '/v1/clinic/settings', { token: clinic.sk })).body.hostedBookingUrl,
    ).toBe(url)
    expect(qr.text).toBe(await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }))
    const other = await createTestClinic(harness)
    await harness.call('PATCH', '/v1/clinic', { token: other.sk, body: { slug: `${slug}-qr` } })
    expect((await page(`/c/${slug}-qr/qr.svg`)).text).not.toBe(qr.text)
    expect((await page('/c/no-such-clinic-anywhere/qr.svg')).status).toBe(404)
  })
})
