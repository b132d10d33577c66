// The details step: the held time with its countdown, and the patient's details checked as they type
// by the same rules the API applies (@frontdesk/contracts/rules).
import type { MessageChannel } from '@frontdesk/contracts'
import type { PatientField } from '@frontdesk/contracts/rules'
import { html, nothing } from 'lit'
import { countdown, whenLabel } from '../dates.js'
import type { FrontdeskBooking } from './frontdesk-booking.js'
import { backButton, heading } from './views-choices.js'

interface FieldSpec {
  field: PatientField
  type: 'text' | 'email' | 'tel' | 'date' | 'textarea'
  autocomplete: string
}

const FIELDS: FieldSpec[] = [
  { field: 'name', type: 'text', autocomplete: 'name' },
  { field: 'email', type: 'email', autocomplete: 'email' },
  { field: 'phone', type: 'tel', autocomplete: 'tel' },
  { field: 'dateOfBirth', type: 'date', autocomplete: 'bday' },
  { field: 'notes', type: 'textarea', autocomplete: 'off' },
]

export function renderDetails(host: FrontdeskBooking) {
  const m = host.messages
  const hold = host.hold
  if (!hold || !host.clinic) return nothing
  const when = whenLabel(hold.slot.startsAt, host.clinic.timeZone, host.intlLocale)
  const minutesLeft = Math.max(1, Math.ceil(host.timer.remainingMs / 60_000))
  const issues = host.issues()
  return html`${heading(m.headings.details)}
    <div class="status" part="status" role="status">
      <span>${m.heldFor(when)}</span>
      <span class="countdown" aria-hidden="true">${countdown(host.timer.remainingMs)}</span>
      <span class="visually-hidden">${m.minutesLeft(minutesLeft)}</span>
    </div>
    <form novalidate @submit=${(event: Event) => submit(host, event)}>
      ${FIELDS.map(
        // The channel choice follows the phone field, next to the addresses it needs.
        (spec) =>
          html`${renderField(host, spec, issues[spec.field])}${spec.field === 'phone' ? renderChannels(host) : nothing}`,
      )}
      <div class="row">
        <button type="submit" class="primary" part="button primary-button" ?disabled=${host._busy}>
          ${host._busy ? m.submitting : m.submit}
        </button>
      </div>
    </form>
    ${backButton(host)}`
}

function renderField(host: FrontdeskBooking, spec: FieldSpec, issue: string | undefined) {
  const m = host.messages
  const id = `field-${spec.field}`
  const shown = host.serverIssues.has(spec.field)
    ? m.errors.invalid
    : issue && host.touched.has(spec.field)
      ? m.issues[issue as keyof typeof m.issues]
      : ''
  const hint = spec.field === 'email' ? m.contactHint : ''
  const describedBy = [shown ? `${id}-issue` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ')
  const value = host.values[spec.field]
  const onInput = (event: Event) => host.setValue(spec.field, (event.target as HTMLInputElement).value)
  const onBlur = () => host.touch(spec.field)
  const required = spec.field === 'name' || spec.field === 'dateOfBirth'
  return html`<div class="field" part="field">
    <label for=${id}>${m.fields[spec.field]}</label>
    ${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : nothing}
    ${
      spec.type === 'textarea'
        ? html`<textarea
          id=${id}
          part="input"
          rows="3"
          .value=${value}
          aria-invalid=${shown ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @input=${onInput}
          @blur=${onBlur}
        ></textarea>`
        : html`<input
          id=${id}
          part="input"
          type=${spec.type}
          autocomplete=${spec.autocomplete}
          .value=${value}
          ?required=${required}
          aria-required=${required ? 'true' : 'false'}
          aria-invalid=${shown ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          max=${spec.type === 'date' ? new Date().toISOString().slice(0, 10) : nothing}
          @input=${onInput}
          @blur=${onBlur}
        />`
    }
    ${shown ? html`<span class="issue" id=${`${id}-issue`}>${shown}</span>` : nothing}
  </div>`
}

/** The channels for confirmations and reminders, when there is a choice; a chosen one's error sits under it. */
function renderChannels(host: FrontdeskBooking) {
  if (!host.offeredChannels.length) return nothing
  const m = host.messages.channels
  const unreachable = host.channelIssues()
  const box = (channel: MessageChannel) => {
    const id = `channel-${channel}`
    const shown = unreachable.includes(channel) && host.channelsTouched.has(channel)
    const onChange = (event: Event) => host.chooseChannel(channel, (event.target as HTMLInputElement).checked)
    return html`<label class="option" part="option">
        <input
          id=${id}
          type="checkbox"
          .checked=${host.chosenChannels.includes(channel)}
          aria-invalid=${shown ? 'true' : 'false'}
          aria-describedby=${shown ? `${id}-issue` : nothing}
          @change=${onChange}
        />
        <span>${m.names[channel]}</span>
      </label>
      ${shown ? html`<span class="issue" id=${`${id}-issue`}>${m.issues[channel]}</span>` : nothing}`
  }
  return html`<fieldset part="field">
    <legend>${m.legend}</legend>
    ${host.offeredChannels.map(box)}
  </fieldset>`
}

function submit(host: FrontdeskBooking, event: Event) {
  event.preventDefault()
  void host.submit()
}
