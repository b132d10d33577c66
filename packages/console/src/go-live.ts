// The Go live page's logic without the DOM: which origin or slug the API would refuse, the embed snippets
// for the ordinary and the isolated mode, and the checklist, all from reads the console already makes.
import {
  type ApiKey,
  type ClinicSettings,
  Slug,
  UpdateClinic,
  type WidgetManifest,
} from '@frontdesk/contracts'

/** Checked with the contracts' own schema, so the page refuses exactly what the API would. */
export function checkOrigin(value: string): { origin: string } | { error: 'origin' } {
  const parsed = UpdateClinic.shape.allowedOrigins.safeParse([value.trim()])
  const origin = parsed.success ? parsed.data?.[0] : undefined
  return origin ? { origin } : { error: 'origin' }
}

export function checkSlug(value: string): { slug: string } | { error: 'slug' } {
  const parsed = Slug.safeParse(value.trim())
  return parsed.success ? { slug: parsed.data } : { error: 'slug' }
}

/** The newest live publishable key still working: the one a clinic's website should carry. */
export function livePublishableKey(keys: readonly ApiKey[], now = Date.now()): ApiKey | null {
  const working = keys.filter(
    (key) =>
      key.kind === 'publishable' &&
      key.mode === 'live' &&
      key.revokedAt === null &&
      (key.expiresAt === null || Date.parse(key.expiresAt) > now),
  )
  working.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
  return working[0] ?? null
}

export interface Snippets {
  ordinary: string
  isolated: string
}

/** Attribute values are escaped though they are ours: a key or URL never breaks out of its quotes. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}

/**
 * The two embeds, each pinned to this API's current script by its hashed URL and SRI integrity. Ordinary:
 * the booking element's own script. Isolated: the isolated-mode loader, which makes the element a frame host.
 */
export function buildSnippets(apiOrigin: string, manifest: WidgetManifest, publishableKey: string): Snippets {
  const base = new URL(apiOrigin).origin
  const script = (entry: { url: string; integrity: string }) =>
    `<script type="module" src="${attr(new URL(entry.url, base).href)}"\n        integrity="${attr(entry.integrity)}" crossorigin="anonymous"></script>`
  const element = (isolated: boolean) =>
    `<frontdesk-booking${isolated ? ' isolated' : ''} publishable-key="${attr(publishableKey)}" api-base="${attr(base)}"></frontdesk-booking>`
  return {
    ordinary: `${script(manifest.scripts.booking)}\n${element(false)}`,
    isolated: `${script(manifest.isolated)}\n${element(true)}`,
  }
}

export const CHECKLIST = ['origin', 'key', 'bookable', 'slug', 'booking'] as const
export type ChecklistItem = (typeof CHECKLIST)[number]

/** What the page read; `bookable` is whether an active service has a practitioner with weekly hours. */
export interface ChecklistFacts {
  settings: Pick<ClinicSettings, 'allowedOrigins' | 'slug'>
  keys: readonly ApiKey[]
  bookable: boolean
  bookings: number
}

export function checklist(facts: ChecklistFacts, now = Date.now()): Record<ChecklistItem, boolean> {
  return {
    origin: facts.settings.allowedOrigins.length > 0,
    key: livePublishableKey(facts.keys, now) !== null,
    bookable: facts.bookable,
    slug: facts.settings.slug !== null,
    booking: facts.bookings > 0,
  }
}
