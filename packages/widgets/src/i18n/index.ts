// The one string layer of the widgets: a locale is a table of the same keys; dates and times come from Intl.
import type { PatientIssue } from '@frontdesk/contracts/rules'
import { de } from './de.js'
import { en } from './en.js'

export type StepName = 'service' | 'practitioner' | 'time' | 'details' | 'confirmation'
export type FieldName = 'name' | 'email' | 'phone' | 'dateOfBirth' | 'notes'

export interface Messages {
  stepsLabel: string
  stepNames: Record<StepName, string>
  headings: Record<StepName, string>
  loading: string
  minutes: (n: number) => string
  anyPractitioner: string
  anyPractitionerHint: string
  back: string
  days: string
  noFreeTimes: string
  freeTimes: (n: number) => string
  earlier: string
  later: string
  availableTimes: string
  noTimesInRange: string
  nothingSoon: string
  firstFreeDay: (day: string) => string
  timesShownIn: (zone: string) => string
  showZone: (zone: string) => string
  chosen: (when: string) => string
  heldFor: (time: string) => string
  minutesLeft: (n: number) => string
  holdEnded: string
  fields: Record<FieldName, string>
  contactHint: string
  submit: string
  submitting: string
  issues: Record<PatientIssue, string>
  fixFields: (n: number) => string
  errors: {
    taken: string
    unavailable: string
    rateLimited: (seconds?: number) => string
    network: string
    setup: string
    server: string
    invalid: string
  }
  retry: string
  confirmation: {
    summary: (service: string, when: string) => string
    with: (name: string) => string
    at: (clinic: string) => string
    bookAnother: string
  }
}

const locales: Record<string, Messages> = { en, de }

export const SUPPORTED_LOCALES = Object.keys(locales)

/** The best locale for a tag such as `de-AT`; English when none fits. */
export function resolveLocale(tag: string | null | undefined): { locale: string; messages: Messages } {
  const wanted = (tag ?? '').toLowerCase()
  const base = wanted.split('-')[0] ?? ''
  const locale = locales[wanted] ? wanted : locales[base] ? base : 'en'
  return { locale, messages: locales[locale] ?? en }
}
