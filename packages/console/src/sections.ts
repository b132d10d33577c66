// The console's sections, what each needs, and the hash routes that reach them. Plain data and functions,
// so the rules are tested without a browser; the server enforces the same permissions again.
import type { Permission } from '@frontdesk/contracts/staff'

export const SECTION_IDS = [
  'bookings',
  'patients',
  'go-live',
  'settings',
  'services',
  'schedule',
  'messaging',
  'forms',
  'consent',
  'keys',
  'webhooks',
  'staff',
  'audit',
  'rights',
  'retention',
  'account',
  'leave',
] as const
export type SectionId = (typeof SECTION_IDS)[number]

/** A section shows when the member holds any one of these; an empty list means everyone. */
const NEEDS: Record<SectionId, readonly Permission[]> = {
  bookings: ['booking:read'],
  // Search and the record; the rights actions on it need rights:manage, checked by the view and the API.
  patients: ['patient:read'],
  // Owners and admins: it changes the clinic's settings and shows its publishable key.
  'go-live': ['settings:manage'],
  // Read by owners and admins (the only roles with settings:read); the form saves with settings:manage.
  settings: ['settings:read'],
  services: ['catalogue:manage'],
  schedule: ['schedule:read', 'schedule:manage'],
  messaging: ['settings:read'],
  // What the API's form and consent document routes need to publish; reading alone is no reason to open them.
  forms: ['form:manage'],
  consent: ['form:manage'],
  keys: ['key:manage'],
  webhooks: ['webhook:manage'],
  staff: ['staff:manage'],
  audit: ['audit:read'],
  // Owners and admins: patients' requests about their data, with a legal deadline.
  rights: ['rights:manage'],
  // Read with settings:read, changed with rights:manage (the view offers changes only then).
  retention: ['settings:read', 'rights:manage'],
  account: [],
  // The owner alone: taking the whole archive and closing the clinic.
  leave: ['clinic:close'],
}

export function sectionsFor(permissions: readonly string[]): SectionId[] {
  return SECTION_IDS.filter((id) => {
    const needs = NEEDS[id]
    return needs.length === 0 || needs.some((permission) => permissions.includes(permission))
  })
}

export type Route =
  | { kind: 'home' }
  | { kind: 'section'; section: SectionId; id: string | null }
  | { kind: 'unknown' }
  /** From an invitation mail: `/admin#invitation=<id>`. */
  | { kind: 'invitation'; invitationId: string }
  /** From a password reset mail: `/admin#reset=<token>`. */
  | { kind: 'reset'; token: string }

/** Ids in a route are Frontdesk ids (`bkg_…`); anything else is not followed. */
const ID = /^[a-z]+_[A-Za-z0-9]+$/
/** better-auth's invitation ids and reset tokens: URL-safe characters. */
const TOKEN = /^[A-Za-z0-9_-]{1,200}$/

export function parseHash(hash: string): Route {
  const fragment = hash.replace(/^#/, '')
  if (fragment === '' || fragment === '/') return { kind: 'home' }
  const mail = /^(invitation|reset)=(.*)$/.exec(fragment)
  if (mail) {
    const value = safeDecode(mail[2] ?? '')
    if (!value || !TOKEN.test(value)) return { kind: 'unknown' }
    return mail[1] === 'invitation'
      ? { kind: 'invitation', invitationId: value }
      : { kind: 'reset', token: value }
  }
  const [section, id, ...rest] = fragment.replace(/^\//, '').split('/')
  if (!isSection(section) || rest.length > 0) return { kind: 'unknown' }
  if (id === undefined || id === '') return { kind: 'section', section, id: null }
  return ID.test(id) ? { kind: 'section', section, id } : { kind: 'unknown' }
}

export function sectionHref(section: SectionId, id?: string): string {
  return id ? `#/${section}/${encodeURIComponent(id)}` : `#/${section}`
}

function isSection(value: string | undefined): value is SectionId {
  return (SECTION_IDS as readonly (string | undefined)[]).includes(value)
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}
