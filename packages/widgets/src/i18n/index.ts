// The one string layer of the widgets: a locale is a table of the same keys; dates and times come from Intl.
import type { MessageChannel, RightsRequestKind } from '@frontdesk/contracts'
import type { IntakeIssueCode } from '@frontdesk/contracts/intake'
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
  /** The choice of channels for confirmations and reminders, and what a chosen one needs. */
  channels: {
    legend: string
    names: Record<MessageChannel, string>
    issues: Record<MessageChannel, string>
  }
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
    /** The link to the patient's own page for the booking. */
    manage: string
    bookAnother: string
  }
  intake: IntakeMessages
  signature: SignatureMessages
  consent: ConsentMessages
  rights: RightsMessages
}

/** A signature box's words: intake labels the typed name "Your full name", consent "Type your full name". */
export interface SignatureMessages {
  pad: string
  drawHint: string
  typeInstead: string
  drawInstead: string
  yourName: string
  typeFullName: string
  typed: string
  clear: string
  signed: string
  empty: string
}

/** <frontdesk-consent>'s words; the documents' own titles and texts come from the clinic. */
export interface ConsentMessages {
  heading: string
  intro: string
  signer: {
    legend: string
    minorHint: string
    self: string
    parent: string
    guardian: string
    name: string
  }
  decision: string
  agree: string
  refuse: string
  confirm: string
  confirming: string
  recorded: { given: string; refused: string }
  issues: {
    relation: string
    signerName: string
    tooLong: string
    decision: string
    typedName: string
    signature: string
    textHash: string
  }
  done: {
    heading: string
    text: string
    receipt: string
    /** Said after "Your receipt" to screen readers, so each link names its document. */
    receiptFor: (title: string) => string
  }
  setup: string
}

/** <frontdesk-rights-request>'s words; the contact and date-of-birth issues are the booking form's `issues`. */
export interface RightsMessages {
  heading: string
  kind: { legend: string; names: Record<RightsRequestKind, string> }
  via: { legend: string; email: string; sms: string }
  fields: { email: string; phone: string; dateOfBirth: string; details: string; code: string }
  dateOfBirthHint: string
  submit: string
  submitting: string
  issues: {
    'kind.required': string
    'email.required': string
    'phone.required': string
    'details.required': string
    code: string
    /** A field the API did not accept, after the form's own checks passed. */
    rejected: string
    phoneRejected: string
    codeRejected: string
  }
  code: {
    heading: string
    sent: Record<'email' | 'sms', string>
    until: (time: string) => string
    confirm: string
    confirming: string
    startOver: string
  }
  done: { heading: string; text: (dueDate: string) => string; answer: string }
  unsent: string
  gone: string
  setup: string
}

/** The intake form's words; an issue's `{n}` is the field's limit, written for the patient. */
export interface IntakeMessages {
  progress: (step: number, of: number) => string
  questions: string
  next: string
  send: string
  sending: string
  /** Said in preview mode when Send finds nothing to fix: nothing is sent there. */
  previewPassed: string
  required: string
  yes: string
  no: string
  choose: string
  issues: Record<IntakeIssueCode, string>
  today: string
  entry: (n: number) => string
  addEntry: (group: string) => string
  removeEntry: (n: number) => string
  removed: (n: number) => string
  address: { line1: string; line2: string; postalCode: string; city: string; country: string }
  files: {
    uploading: string
    kind: { image: string; pdf: string; other: string }
    remove: (file: string) => string
    full: string
  }
  saving: string
  saved: string
  saveFailed: string
  later: {
    button: string
    heading: string
    text: (expires: string) => string
    private: string
    link: string
    copy: string
    copied: string
    copyFailed: string
    back: string
  }
  thanks: { heading: string; text: string }
  expired: string
  brokenLink: string
}

const locales: Record<string, Messages> = { en, de }

export const SUPPORTED_LOCALES = Object.keys(locales)

/** The tag an element is asked to speak: its `locale` attribute, else the page's language, else the browser's. */
export function requestedLocale(attribute: string | undefined): string {
  return attribute || document.documentElement.lang || navigator.language
}

/**
 * The locale for an element's `locale` attribute, else the page's language, else the browser's: strings
 * in the language we have, dates in the exact tag when it is that language (en-GB writes 25 November).
 */
export function pageLocale(attribute: string | undefined) {
  const requested = requestedLocale(attribute)
  const { locale, messages } = resolveLocale(requested)
  const intlLocale =
    requested.toLowerCase().startsWith(locale) && isIntlLocale(requested) ? requested : locale
  return { uiLocale: locale, intlLocale, messages }
}

function isIntlLocale(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0
  } catch {
    return false
  }
}

/** The best locale for a tag such as `de-AT`; English when none fits. */
export function resolveLocale(tag: string | null | undefined): { locale: string; messages: Messages } {
  const wanted = (tag ?? '').toLowerCase()
  const base = wanted.split('-')[0] ?? ''
  const locale = locales[wanted] ? wanted : locales[base] ? base : 'en'
  return { locale, messages: locales[locale] ?? en }
}
