// <frontdesk-rights-request>'s markup over its state: the request form, the code sent to the patient,
// and the request with the clinic, with the date it is due.
import { NOTES_MAX } from '@frontdesk/contracts/rules'
import { html, nothing } from 'lit'
import type { FrontdeskRightsRequest, RightsView } from './frontdesk-rights-request.js'
import { type CodeChannel, KINDS, type RequestField } from './request-form.js'

const CHANNELS: CodeChannel[] = ['email', 'sms']

export function renderView(host: FrontdeskRightsRequest) {
  const m = host.messages.rights
  const view = host._view
  const { started, dueAt } = host
  const format = (instant: string, style: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(host.intlLocale, style).format(Date.parse(instant))
  const headings: Record<RightsView, string> = {
    form: m.heading,
    unavailable: m.heading,
    code: m.code.heading,
    done: m.done.heading,
  }
  return html`<div class="container" part="container" lang=${host.uiLocale}>
    <h2 tabindex="-1" part="heading">${headings[view]}</h2>
    ${
      view === 'code' && started
        ? html`<p>${m.code.sent[started.sentTo]} ${m.code.until(format(started.expiresAt, { timeStyle: 'short' }))}</p>`
        : nothing
    }
    ${
      view === 'done' && dueAt
        ? html`<p>${m.done.text(format(dueAt, { dateStyle: 'long' }))}</p>
          <p>${m.done.answer}</p>`
        : nothing
    }
    <div class="alert" part="alert" role="alert">${host._alert}</div>
    ${view === 'form' ? renderForm(host) : nothing}
    ${view === 'code' ? renderCodeForm(host) : nothing}
  </div>`
}

function submitted(act: () => Promise<void>) {
  return (event: Event) => {
    event.preventDefault()
    void act()
  }
}

function renderForm(host: FrontdeskRightsRequest) {
  const m = host.messages.rights
  const { values } = host
  return html`<form novalidate @submit=${submitted(() => host.submit())}>
    ${choices(host, 'kind', m.kind.legend, KINDS, m.kind.names, values.kind, (kind) =>
      host.setValue('kind', kind),
    )}
    ${choices(host, 'via', m.via.legend, CHANNELS, m.via, values.via, (via) => host.setValue('via', via))}
    ${values.via === 'email' ? field(host, 'email', 'email', 'email') : field(host, 'phone', 'tel', 'tel')}
    ${field(host, 'dateOfBirth', 'date', 'bday', m.dateOfBirthHint)}
    ${values.kind === 'rectification' ? field(host, 'details', 'textarea') : nothing}
    <div class="row">
      <button type="submit" class="primary" part="button primary-button" ?disabled=${host._busy}>
        ${host._busy ? m.submitting : m.submit}
      </button>
    </div>
  </form>`
}

/** Radio buttons in a named group; the kind of request is required, and says so when none is chosen. */
function choices<V extends string>(
  host: FrontdeskRightsRequest,
  name: 'kind' | 'via',
  legend: string,
  options: readonly V[],
  labels: Record<V, string>,
  chosen: string,
  choose: (option: V) => void,
) {
  const text = name === 'kind' ? issueText(host, 'kind') : ''
  return html`<fieldset
    part="field"
    role="radiogroup"
    aria-invalid=${text ? 'true' : 'false'}
    aria-describedby=${text ? 'kind-issue' : nothing}
  >
    <legend>${legend}</legend>
    ${options.map(
      (option) => html`<label class="option" part="option">
        <input type="radio" name=${name} .checked=${chosen === option} @change=${() => choose(option)} />
        <span>${labels[option]}</span>
      </label>`,
    )}
    ${text ? html`<span class="issue" part="issue" id="kind-issue">${text}</span>` : nothing}
  </fieldset>`
}

function issueText(host: FrontdeskRightsRequest, name: RequestField | 'code'): string {
  const issue = host.issue(name)
  const own: Record<string, string> = host.messages.rights.issues
  const patient: Record<string, string> = host.messages.issues
  return issue ? (own[issue] ?? patient[issue] ?? '') : ''
}

/** A labelled field with its hint and its problem tied to it; the code is digits, filled from the message. */
function field(
  host: FrontdeskRightsRequest,
  name: RequestField | 'code',
  type: 'email' | 'tel' | 'date' | 'textarea' | 'text',
  autocomplete?: string,
  hint?: string,
) {
  const id = `field-${name}`
  const text = issueText(host, name)
  const describedBy = [text && `${id}-issue`, hint && `${id}-hint`].filter(Boolean).join(' ') || nothing
  const value = name === 'code' ? host.code : host.values[name as Exclude<RequestField, 'kind'>]
  const onInput = (event: Event) => {
    const typed = (event.target as HTMLInputElement).value
    if (name === 'code') host.setCode(typed)
    else host.setValue(name as Exclude<RequestField, 'kind'>, typed)
  }
  const label = host.messages.rights.fields[name as keyof typeof host.messages.rights.fields]
  return html`<div class="field" part="field">
    <label for=${id}>${label}</label>
    ${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : nothing}
    ${
      type === 'textarea'
        ? html`<textarea
          id=${id}
          part="input"
          rows="4"
          maxlength=${NOTES_MAX}
          .value=${value}
          aria-required="true"
          aria-invalid=${text ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${onInput}
          @blur=${() => host.touch(name)}
        ></textarea>`
        : html`<input
          id=${id}
          part="input"
          type=${type}
          inputmode=${name === 'code' ? 'numeric' : nothing}
          autocomplete=${autocomplete ?? nothing}
          .value=${value}
          aria-required="true"
          aria-invalid=${text ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${onInput}
          @blur=${() => host.touch(name)}
        />`
    }
    ${text ? html`<span class="issue" part="issue" id=${`${id}-issue`}>${text}</span>` : nothing}
  </div>`
}

function renderCodeForm(host: FrontdeskRightsRequest) {
  const m = host.messages.rights.code
  return html`<form novalidate @submit=${submitted(() => host.confirm())}>
    ${field(host, 'code', 'text', 'one-time-code')}
    <div class="row">
      <button type="submit" class="primary" part="button primary-button" ?disabled=${host._busy}>
        ${host._busy ? m.confirming : m.confirm}
      </button>
      <button type="button" part="button" @click=${() => host.startOver()}>${m.startOver}</button>
    </div>
  </form>`
}
