import type { ApiKey, WidgetManifest } from '@frontdesk/contracts'
import { describe, expect, it } from 'vitest'
import { buildSnippets, checklist, checkOrigin, checkSlug, livePublishableKey } from './go-live.js'

const key = (over: Partial<ApiKey>): ApiKey => ({
  id: 'key_1',
  kind: 'publishable',
  mode: 'live',
  label: null,
  hint: 'pk_live_one',
  createdAt: '2026-01-01T00:00:00Z',
  revokedAt: null,
  expiresAt: null,
  replacedBy: null,
  ...over,
})

const script = (hash: string) => ({
  url: `/v1/widgets/${hash}.js`,
  integrity: `sha384-${hash}`,
  bytes: 1,
  gzipBytes: 1,
})
const manifest = {
  ...script('all'),
  scripts: {
    widgets: script('all'),
    booking: script('book'),
    intake: script('intake'),
    consent: script('consent'),
    'rights-request': script('rights'),
  },
  isolated: script('iso'),
} satisfies WidgetManifest

describe('checkOrigin', () => {
  it('takes an origin as the API keeps it, and refuses a path, a bare host or words', () => {
    expect(checkOrigin(' https://clinic.example/ ')).toEqual({ origin: 'https://clinic.example' })
    expect(checkOrigin('http://localhost:5173')).toEqual({ origin: 'http://localhost:5173' })
    expect(checkOrigin('https://clinic.example/book')).toEqual({ error: 'origin' })
    expect(checkOrigin('clinic.example')).toEqual({ error: 'origin' })
    expect(checkOrigin('')).toEqual({ error: 'origin' })
  })
})

describe('checkSlug', () => {
  it('takes lowercase words with hyphens and refuses capitals, spaces and reserved names', () => {
    expect(checkSlug('praxis-mitte')).toEqual({ slug: 'praxis-mitte' })
    expect(checkSlug('Praxis Mitte')).toEqual({ error: 'slug' })
    expect(checkSlug('-x-')).toEqual({ error: 'slug' })
  })
})

describe('livePublishableKey', () => {
  const now = Date.parse('2026-06-01T00:00:00Z')
  it('picks the newest live publishable key that still works', () => {
    const keys = [
      key({ id: 'key_old', hint: 'pk_live_old', createdAt: '2026-01-01T00:00:00Z' }),
      key({ id: 'key_new', hint: 'pk_live_new', createdAt: '2026-03-01T00:00:00Z' }),
      key({ id: 'key_test', mode: 'test', hint: 'pk_test_x', createdAt: '2026-05-01T00:00:00Z' }),
      key({ id: 'key_sec', kind: 'secret', hint: 'sk_live_…', createdAt: '2026-05-01T00:00:00Z' }),
      key({ id: 'key_gone', revokedAt: '2026-05-02T00:00:00Z', createdAt: '2026-05-01T00:00:00Z' }),
      key({ id: 'key_rolled', expiresAt: '2026-05-30T00:00:00Z', createdAt: '2026-04-01T00:00:00Z' }),
    ]
    expect(livePublishableKey(keys, now)?.hint).toBe('pk_live_new')
  })
  it('answers null when no live publishable key works', () => {
    expect(livePublishableKey([key({ mode: 'test' })], now)).toBeNull()
  })
})

describe('buildSnippets', () => {
  const snippets = buildSnippets('https://api.example.com/admin', manifest, 'pk_live_abc')
  it('pins the booking script by its hashed URL and integrity, with the key and API base', () => {
    expect(snippets.ordinary).toBe(
      '<script type="module" src="https://api.example.com/v1/widgets/book.js"\n' +
        '        integrity="sha384-book" crossorigin="anonymous"></script>\n' +
        '<frontdesk-booking publishable-key="pk_live_abc" api-base="https://api.example.com"></frontdesk-booking>',
    )
  })
  it('pins the isolated loader and marks the element isolated', () => {
    expect(snippets.isolated).toContain('src="https://api.example.com/v1/widgets/iso.js"')
    expect(snippets.isolated).toContain('integrity="sha384-iso"')
    expect(snippets.isolated).toContain('<frontdesk-booking isolated publishable-key="pk_live_abc"')
  })
  it('keeps a quote in a value inside its attribute', () => {
    expect(buildSnippets('https://a.example', manifest, 'pk_"x').ordinary).toContain(
      'publishable-key="pk_&quot;x"',
    )
  })
})

describe('checklist', () => {
  const empty = { settings: { allowedOrigins: [], slug: null }, keys: [], bookable: false, bookings: 0 }
  it('is all open for a new clinic', () => {
    expect(Object.values(checklist(empty)).some(Boolean)).toBe(false)
  })
  it('turns each item green as the clinic completes it', () => {
    expect(
      checklist({
        settings: { allowedOrigins: ['https://clinic.example'], slug: 'praxis' },
        keys: [key({})],
        bookable: true,
        bookings: 1,
      }),
    ).toEqual({ origin: true, key: true, bookable: true, slug: true, booking: true })
    expect(checklist({ ...empty, keys: [key({ mode: 'test' })] }).key).toBe(false)
  })
})
