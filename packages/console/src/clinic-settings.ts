// The Clinic settings form's data, without the DOM: the time zones to choose from, the form's values turned
// into the change to save, and the API's refusals (issues[].path) pinned to the fields that show them.
import {
  type ClinicSettings,
  PAGE_LANGUAGES,
  type PageLanguage,
  type UpdateClinic,
} from '@frontdesk/contracts'
import { isFrontdeskError } from '@frontdesk/sdk'
import { hoursOf, minutesOf } from './messaging-settings.js'

/** The form's fields in the order it shows them: the first one at fault takes focus. */
export const SETTINGS_FIELDS = [
  'name',
  'timeZone',
  'cancellationNotice',
  'holdMinutes',
  'intakeDraftIdleDays',
  'languages',
] as const
export type SettingsField = (typeof SETTINGS_FIELDS)[number]

/** Where each field's value lands in the API's body, as its issues name it. */
const PATHS: Record<SettingsField, string> = {
  name: 'name',
  timeZone: 'timeZone',
  cancellationNotice: 'policy.cancellationNoticeMinutes',
  holdMinutes: 'policy.holdMinutes',
  intakeDraftIdleDays: 'policy.intakeDraftIdleDays',
  languages: 'branding.languages',
}

/**
 * The browser's IANA zones (`Intl.supportedValuesOf`), sorted, with the clinic's own zone kept in even when
 * this browser does not list it (`UTC` is missing from some): the chooser always shows what is saved.
 */
export function timeZoneChoices(current: string, supported = supportedTimeZones()): string[] {
  const zones = new Set(supported)
  zones.add(current)
  return [...zones].sort((a, b) => a.localeCompare(b))
}

function supportedTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] }
  return intl.supportedValuesOf?.('timeZone') ?? []
}

/** What the form holds, as typed. */
export interface SettingsInput {
  name: string
  timeZone: string
  cancellationNoticeHours: string
  holdMinutes: string
  intakeDraftIdleDays: string
  defaultLanguage: string
  languages: string[]
}

/** The form's values as the form shows them. */
export function inputOf(settings: ClinicSettings): SettingsInput {
  return {
    name: settings.name,
    timeZone: settings.timeZone,
    cancellationNoticeHours: hoursOf(settings.policy.cancellationNoticeMinutes),
    holdMinutes: String(settings.policy.holdMinutes),
    intakeDraftIdleDays: String(settings.policy.intakeDraftIdleDays),
    defaultLanguage: settings.branding.languages[0] ?? 'en',
    languages: [...settings.branding.languages],
  }
}

/** A whole number as typed; anything else stays NaN, which the API refuses beside its field. */
const whole = (value: string) => (value.trim() === '' ? Number.NaN : Number(value.trim()))

/**
 * The change to save. Nothing is checked here: the API refuses exactly what it would refuse from anyone,
 * and `issuesFrom` puts its words beside the field. The default language comes first and is always offered.
 */
export function updateFrom(input: SettingsInput): UpdateClinic {
  const isLanguage = (value: string): value is PageLanguage =>
    (PAGE_LANGUAGES as readonly string[]).includes(value)
  const first = isLanguage(input.defaultLanguage) ? input.defaultLanguage : 'en'
  const others = PAGE_LANGUAGES.filter((language) => language !== first && input.languages.includes(language))
  return {
    name: input.name,
    timeZone: input.timeZone,
    policy: {
      // An empty field is no answer, not zero hours: NaN travels as null, which the API refuses.
      cancellationNoticeMinutes: input.cancellationNoticeHours.trim()
        ? minutesOf(input.cancellationNoticeHours)
        : Number.NaN,
      holdMinutes: whole(input.holdMinutes),
      intakeDraftIdleDays: whole(input.intakeDraftIdleDays),
    },
    branding: { languages: [first, ...others] },
  }
}

export type SettingsIssues = Partial<Record<SettingsField, string>>

/** The fields a refused save names, with the API's words; null when it names none of the form's fields. */
export function issuesFrom(
  error: unknown,
  words: Partial<Record<SettingsField, string>> = {},
): SettingsIssues | null {
  if (!isFrontdeskError(error) || error.status !== 422) return null
  const found: SettingsIssues = {}
  for (const issue of error.issues) {
    const field = SETTINGS_FIELDS.find(
      (name) => issue.path === PATHS[name] || issue.path.startsWith(`${PATHS[name]}.`),
    )
    if (field) found[field] ??= words[field] ?? issue.message
  }
  return Object.keys(found).length > 0 ? found : null
}
