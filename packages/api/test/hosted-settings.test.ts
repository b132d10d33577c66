// A clinic's hosted booking page in its settings: the slug (shape, reserved words, unique across clinics),
// branding (accent colour, languages, logo upload) and the follow-up form; who may change them, and that
// one clinic never reads or changes another's.
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestClinic, type TestClinic, useHarness } from './harness.js'
import { expectError, issuePaths, PNG, png } from './security/fixtures.js'

const harness = useHarness()
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
let slugs = 0
/** Unique per run: on PostgreSQL every test file shares one database, and slugs are unique across it. */
const freshSlug = () => `clinic-${run}-${++slugs}`

let a: TestClinic
let b: TestClinic
beforeAll(async () => {
  a = await createTestClinic(harness)
  b = await createTestClinic(harness)
})

const patch = (token: string, body: unknown) => harness.call('PATCH', '/v1/clinic', { token, body })
const settings = (token: string) => harness.call('GET', '/v1/clinic/settings', { token })
const putLogo = (token: string, body: Blob | string, headers?: Record<string, string>) =>
  harness.call('PUT', '/v1/clinic/logo', { token, body, ...(headers && { headers }) })

describe('the slug', () => {
  it('opens the hosted page at /c/<slug>, with its absolute address in the settings and a live key to book with', async () => {
    const before = await settings(a.sk)
    expect(before.body).toMatchObject({ slug: null, hostedBookingUrl: null })
    const slug = freshSlug()
    const changed = await patch(a.sk, { slug })
    expect(changed.status).toBe(200)
    // The harness's FRONTDESK_PUBLIC_URL is http://localhost.
    expect(changed.body).toMatchObject({ slug, hostedBookingUrl: `http://localhost/c/${slug}` })
    expect((await settings(a.sk)).body.hostedBookingUrl).toBe(`http://localhost/c/${slug}`)
    const keys = await harness.call('GET', '/v1/keys', { token: a.sk })
    const live = keys.body.data.filter((key: any) => key.kind === 'publishable' && key.mode === 'live')
    expect(live).toHaveLength(1)
    expect(live[0].label).toBe('Hosted booking page')
    // Setting it again issues no second key.
    await patch(a.sk, { slug })
    const again = await harness.call('GET', '/v1/keys', { token: a.sk })
    expect(again.body.data.filter((key: any) => key.mode === 'live')).toHaveLength(1)
  })

  it('is unique across the deployment: a taken slug is 409 SLUG_TAKEN and the owner keeps it', async () => {
    const slug = freshSlug()
    expect((await patch(a.sk, { slug })).status).toBe(200)
    const taken = await patch(b.sk, { slug, name: 'Renamed B' })
    expectError(taken, 409, 'SLUG_TAKEN')
    expect(taken.body.error.message).toMatch(/slug/)
    // Nothing of the refused change was written.
    expect((await settings(b.sk)).body).toMatchObject({ slug: null, name: 'Test Clinic' })
    expect((await settings(a.sk)).body.slug).toBe(slug)
    // Given up, it is free again.
    expect((await patch(a.sk, { slug: null })).body).toMatchObject({ slug: null, hostedBookingUrl: null })
    expect((await patch(b.sk, { slug })).body.slug).toBe(slug)
    await patch(b.sk, { slug: null })
  })

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(64)],
    ['capitals', 'Lindenhof'],
    ['a space', 'linden hof'],
    ['a leading hyphen', '-lindenhof'],
    ['a trailing hyphen', 'lindenhof-'],
    ['an underscore', 'linden_hof'],
    ['a reserved word', 'admin'],
    ['another reserved word', 'docs'],
  ])('refuses a slug with %s (422 naming slug)', async (_, slug) => {
    const refused = await patch(a.sk, { slug })
    expectError(refused, 422, 'VALIDATION_FAILED')
    expect(issuePaths(refused)).toEqual(['slug'])
  })
})

describe('branding and the follow-up form', () => {
  it('keeps the accent colour (lower case) and the languages, first one the default', async () => {
    const changed = await patch(a.sk, { branding: { accentColor: '#0F6B5C', languages: ['de', 'en'] } })
    expect(changed.status).toBe(200)
    expect(changed.body.branding).toMatchObject({ accentColor: '#0f6b5c', languages: ['de', 'en'] })
    // Only what is given changes.
    const partial = await patch(a.sk, { branding: { accentColor: null } })
    expect(partial.body.branding).toMatchObject({ accentColor: null, languages: ['de', 'en'] })
  })

  it.each([
    ['a colour name', { branding: { accentColor: 'green' } }, 'branding.accentColor'],
    ['a short hex', { branding: { accentColor: '#0f0' } }, 'branding.accentColor'],
    [
      'CSS in the colour',
      { branding: { accentColor: '#000000;}body{display:none' } },
      'branding.accentColor',
    ],
    ['no language', { branding: { languages: [] } }, 'branding.languages'],
    ['a language the widgets lack', { branding: { languages: ['fr'] } }, 'branding.languages.0'],
    ['a language twice', { branding: { languages: ['en', 'en'] } }, 'branding.languages'],
    ['an unknown field', { branding: { font: 'Comic Sans' } }, 'branding.font'],
  ])('refuses %s (422 naming the field)', async (_, body, field) => {
    const refused = await patch(a.sk, body)
    expectError(refused, 422, 'VALIDATION_FAILED')
    expect(issuePaths(refused)).toEqual([field])
  })

  it("takes the clinic's own intake form, and refuses another clinic's as no such form", async () => {
    const form = await harness.call('POST', '/v1/intake/forms', {
      token: a.sk,
      body: {
        name: 'Hosted',
        definition: { title: 'Before you come', items: [{ id: 'why', type: 'text', label: 'Why?' }] },
      },
    })
    expect(form.status).toBe(201)
    const own = await patch(a.sk, { hostedPage: { intakeFormId: form.body.id } })
    expect(own.body.hostedPage).toEqual({ intakeFormId: form.body.id, intakeFormMinorId: null })
    const foreign = await patch(b.sk, { hostedPage: { intakeFormId: form.body.id } })
    expectError(foreign, 422, 'VALIDATION_FAILED')
    expect(issuePaths(foreign)).toEqual(['hostedPage.intakeFormId'])
    expect((await settings(b.sk)).body.hostedPage.intakeFormId).toBeNull()
  })
})

describe('the logo', () => {
  it('is stored, named in the settings and served from the page under a versioned address', async () => {
    // Without a slug there is a logo but no page to load it from.
    await patch(a.sk, { slug: null })
    const early = await putLogo(a.sk, png())
    expect(early.body.branding.logo).toEqual({ contentType: 'image/png', bytes: PNG.length, url: null })
    const slug = freshSlug()
    await patch(a.sk, { slug })
    const uploaded = await putLogo(a.sk, png())
    expect(uploaded.status).toBe(200)
    const logoUrl: string = uploaded.body.branding.logo?.url
    expect(logoUrl).toMatch(new RegExp(`^/c/${slug}/logo\\?v=[0-9a-f]{16}$`))
    const served = await harness.app.request(logoUrl)
    expect(served.status).toBe(200)
    expect(served.headers.get('Content-Type')).toBe('image/png')
    expect(served.headers.get('Cache-Control')).toContain('immutable')
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG)
    const removed = await harness.call('DELETE', '/v1/clinic/logo', { token: a.sk })
    expect(removed.body.branding.logo).toBeNull()
    expect((await harness.app.request(`/c/${slug}/logo`)).status).toBe(404)
  })

  it('refuses a file over 256 KB with 413 and keeps the old logo', async () => {
    await putLogo(a.sk, png())
    const before = (await settings(a.sk)).body.branding.logo?.url
    const big = new Blob([PNG, new Uint8Array(256 * 1024)], { type: 'image/png' })
    expectError(await putLogo(a.sk, big), 413, 'PAYLOAD_TOO_LARGE')
    expect((await settings(a.sk)).body.branding.logo?.url).toBe(before)
  })

  it.each([
    [
      'an SVG',
      new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], {
        type: 'image/svg+xml',
      }),
    ],
    ['HTML', new Blob(['<html><script>alert(1)</script></html>'], { type: 'text/html' })],
    ['a PNG sent as a JPEG', new Blob([PNG], { type: 'image/jpeg' })],
    ['text named a PNG', new Blob(['not an image at all'], { type: 'image/png' })],
  ])('refuses %s with 415', async (_, body) => {
    expectError(await putLogo(b.sk, body), 415, 'UNSUPPORTED_MEDIA_TYPE')
    expect((await settings(b.sk)).body.branding.logo).toBeNull()
  })

  it('refuses an empty file with 422', async () => {
    const refused = await putLogo(b.sk, new Blob([], { type: 'image/png' }))
    expectError(refused, 422, 'VALIDATION_FAILED')
    expect(issuePaths(refused)).toEqual(['body'])
  })
})

describe('who may change them', () => {
  it('asks for a key (401) and a secret one (403); a clinic changes only its own', async () => {
    expectError(
      await harness.call('PATCH', '/v1/clinic', { body: { slug: freshSlug() } }),
      401,
      'UNAUTHENTICATED',
    )
    expectError(await harness.call('PUT', '/v1/clinic/logo', { body: png() }), 401, 'UNAUTHENTICATED')
    expectError(await harness.call('DELETE', '/v1/clinic/logo'), 401, 'UNAUTHENTICATED')
    expectError(await patch(a.pk, { slug: freshSlug() }), 403, 'FORBIDDEN')
    expectError(await putLogo(a.pk, png()), 403, 'FORBIDDEN')
    expectError(await harness.call('DELETE', '/v1/clinic/logo', { token: a.pk }), 403, 'FORBIDDEN')

    const slug = freshSlug()
    await patch(a.sk, { slug, branding: { accentColor: '#123456' } })
    await putLogo(a.sk, png())
    const aBefore = (await settings(a.sk)).body
    // Clinic B's key reads and writes clinic B: its changes and its logo removal leave A as it was.
    const bSettings = await settings(b.sk)
    expect(bSettings.body.slug).not.toBe(slug)
    expect(bSettings.body.branding.accentColor).not.toBe('#123456')
    await patch(b.sk, { branding: { accentColor: '#654321' } })
    await harness.call('DELETE', '/v1/clinic/logo', { token: b.sk })
    expect((await settings(a.sk)).body).toEqual(aBefore)
  })
})
