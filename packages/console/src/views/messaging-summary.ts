// The Messages settings as a list to read: for a role with settings:read but not settings:manage.
import type { MessageSettings } from '@frontdesk/contracts'
import { html, type TemplateResult } from 'lit'
import { messages } from '../messages.js'

export function renderMessagingSummary(settings: MessageSettings): TemplateResult {
  const m = messages.messaging
  const words = messages.patientMessages
  const basis = m.bases[settings.reminderBasis]
  const orNotSet = (value: string | null) => value ?? m.notSet
  return html`<dl>
    <dt>${m.channels}</dt>
    <dd>${settings.channels.map((channel) => words.channels[channel]).join(', ') || m.off}</dd>
    <dt>${m.reminders}</dt>
    <dd>${settings.reminderOffsetsMinutes.map(m.before).join(', ') || m.noReminders}</dd>
    <dt>${m.basis}</dt>
    <dd>${basis.label}: ${basis.hint}</dd>
    <dt>${m.reasonInEmail}</dt>
    <dd>${settings.reasonInEmail ? messages.yes : messages.no}</dd>
    <dt>${m.language}</dt>
    <dd>${m.languages[settings.defaultLanguage] ?? settings.defaultLanguage}</dd>
    <dt>${m.smsFrom}</dt>
    <dd class="mono">${orNotSet(settings.smsFrom)}</dd>
    <dt>${m.whatsappFrom}</dt>
    <dd class="mono">${orNotSet(settings.whatsappFrom)}</dd>
    <dt>${m.replyTo}</dt>
    <dd>${orNotSet(settings.replyTo)}</dd>
    <dt>${m.intake}</dt>
    <dd>${
      settings.intakeNudgeMinutes === null
        ? m.off
        : m.intakeSummary(settings.intakeNudgeMinutes, settings.intakePageUrl)
    }</dd>
  </dl>`
}
