// The Messages settings form's data, without the DOM: hours as staff type them and minutes as the API keeps
// them, the form's values turned into the settings to save, and the API's refusals pinned to the fields.
import type { MessageChannel, MessageSettings } from '@frontdesk/contracts'
import { isFrontdeskError } from '@frontdesk/sdk'
import { messages } from './messages.js'

export const CHANNELS: readonly MessageChannel[] = ['email', 'sms', 'whatsapp']
export const MAX_REMINDERS = 4

/** The settings' fields in the order the form shows them: the first one at fault takes focus. */
export const FIELDS = [
  'channels',
  'reminderOffsetsMinutes',
  'reminderBasis',
  'reasonInEmail',
  'defaultLanguage',
  'smsFrom',
  'whatsappFrom',
  'replyTo',
  'intakeNudgeMinutes',
  'intakePageUrl',
] as const satisfies readonly (keyof MessageSettings)[]
export type SettingsField = (typeof FIELDS)[number]

/** 1440 → `24`, 90 → `1.5`. */
export function hoursOf(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100)
}

/** `24` → 1440; `1,5` → 90 (a decimal comma too). Not a number stays NaN, which the API refuses by index. */
export function minutesOf(hours: string): number {
  return Math.round(Number(hours.trim().replace(',', '.')) * 60)
}

/** What the form holds, as typed. */
export interface SettingsInput {
  channels: string[]
  offsets: string[]
  reminderBasis: string
  reasonInEmail: boolean
  defaultLanguage: string
  smsFrom: string
  whatsappFrom: string
  replyTo: string
  intakeHours: string
  intakePageUrl: string
}

/** The whole settings to save; empty text means none. Blank reminders stay, so refusals keep their index. */
export function settingsFrom(input: SettingsInput): MessageSettings {
  const orNull = (value: string) => value.trim() || null
  // Staff write numbers as they read them: "+49 30 123-456" is +4930123456.
  const number = (value: string) => orNull(value.replace(/[\s().-]/g, ''))
  return {
    channels: CHANNELS.filter((channel) => input.channels.includes(channel)),
    reminderOffsetsMinutes: input.offsets.map(minutesOf),
    reminderBasis: input.reminderBasis === 'consent' ? 'consent' : 'contract',
    reasonInEmail: input.reasonInEmail,
    defaultLanguage: input.defaultLanguage === 'de' ? 'de' : 'en',
    smsFrom: number(input.smsFrom),
    whatsappFrom: number(input.whatsappFrom),
    replyTo: orNull(input.replyTo),
    intakeNudgeMinutes: input.intakeHours.trim() ? minutesOf(input.intakeHours) : null,
    intakePageUrl: orNull(input.intakePageUrl),
  }
}

export interface FieldIssues {
  /** What to fix, per field. */
  fields: Partial<Record<SettingsField, string>>
  /** Reminder rows at fault by index; all of them when the list as a whole is. */
  reminders: Set<number> | 'all'
}

/**
 * The fields a refused save names: `issues[].path` of a VALIDATION_FAILED (`smsFrom`,
 * `reminderOffsetsMinutes.1`), or the number of a SENDER_TAKEN. Null when the error names no field.
 */
export function issuesFrom(error: unknown): FieldIssues | null {
  if (!isFrontdeskError(error)) return null
  const m = messages.messaging
  const found: FieldIssues = { fields: {}, reminders: new Set() }
  if (error.code === 'SENDER_TAKEN') {
    const field = /^(smsFrom|whatsappFrom)\b/.exec(error.message)?.[1] as SettingsField | undefined
    if (!field) return null
    found.fields[field] = m.senderTaken
    return found
  }
  for (const issue of error.issues) {
    const [head, index] = issue.path.split('.')
    const field = FIELDS.find((name) => name === head)
    if (!field) continue
    // The form asks for hours; the API's own words about minutes would confuse.
    const text =
      field === 'reminderOffsetsMinutes'
        ? m.reminderIssue
        : field === 'intakeNudgeMinutes'
          ? m.intakeHoursIssue
          : issue.message
    found.fields[field] ??= text
    if (field === 'reminderOffsetsMinutes' && found.reminders !== 'all') {
      if (index === undefined) found.reminders = 'all'
      else found.reminders.add(Number(index))
    }
  }
  return Object.keys(found.fields).length > 0 ? found : null
}

/** The fields' labels, for the alert that lists what to check. */
export function fieldLabel(field: SettingsField): string {
  const m = messages.messaging
  const labels: Record<SettingsField, string> = {
    channels: m.channels,
    reminderOffsetsMinutes: m.reminders,
    reminderBasis: m.basis,
    reasonInEmail: m.reasonInEmail,
    defaultLanguage: m.language,
    smsFrom: m.smsFrom,
    whatsappFrom: m.whatsappFrom,
    replyTo: m.replyTo,
    intakeNudgeMinutes: m.intakeHours,
    intakePageUrl: m.intakePageUrl,
  }
  return labels[field]
}
