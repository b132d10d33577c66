// The questions of a step as markup: each one labelled, its help and error tied to it by
// aria-describedby, required ones marked in words. A hidden question keeps its place as nothing, so
// Lit never hands one question's input to another when answers show or hide questions.
import type { FormField, FormItem, GroupItem } from '@frontdesk/contracts/intake'
import { html, noChange, nothing } from 'lit'
import { renderAddress } from './fields-address.js'
import { renderFiles } from './file-field.js'
import { childPath, domId } from './form-model.js'
import type { FrontdeskIntake } from './frontdesk-intake.js'
import { renderEntries } from './repeat.js'
import { renderSignature } from './signature-question.js'

export interface FieldAria {
  invalid: boolean
  describedBy: string | typeof nothing
}

/** Questions answered by a set of controls sit in a fieldset, named by its legend. */
const GROUPED = new Set(['choice', 'multiChoice', 'yesNo', 'address', 'signature'])

export function renderItems(host: FrontdeskIntake, items: FormItem[], prefix: string): unknown[] {
  return items.map((item) => {
    const path = childPath(prefix, item.id)
    if (!host.shown.has(path)) return nothing
    if (item.type === 'display') {
      return html`<p class="display" part="display">${item.label}</p>${helpText(item.help, path)}`
    }
    if (item.type === 'group') return renderGroup(host, item, path)
    return renderField(host, item, path)
  })
}

function renderGroup(host: FrontdeskIntake, group: GroupItem, path: string) {
  return html`<fieldset class="group" part="group" aria-describedby=${group.help ? domId(path, 'help') : nothing}>
    <legend>${group.label}</legend>
    ${helpText(group.help, path)}
    ${group.repeat ? renderEntries(host, group, path) : renderItems(host, group.items, path)}
  </fieldset>`
}

export function helpText(help: string | undefined, path: string) {
  return help ? html`<p class="hint" part="help" id=${domId(path, 'help')}>${help}</p>` : nothing
}

function renderField(host: FrontdeskIntake, field: FormField, path: string) {
  const m = host.messages.intake
  const error = host.errorFor(path, field)
  const describedBy = [field.help && domId(path, 'help'), error && domId(path, 'issue')].filter(Boolean)
  const aria: FieldAria = { invalid: Boolean(error), describedBy: describedBy.join(' ') || nothing }
  const label = html`${field.label}${field.required ? html` <span class="required">${m.required}</span>` : nothing}`
  const body = html`${helpText(field.help, path)}${control(host, field, path, aria)}
    ${error ? html`<p class="issue" part="issue" id=${domId(path, 'issue')}>${error}</p>` : nothing}`
  // Leaving the whole question (all of an address, not its first line) is when its errors may show.
  const leave = (event: FocusEvent) => {
    if (!(event.currentTarget as Element).contains(event.relatedTarget as Node | null)) host.touch(path)
  }
  if (!GROUPED.has(field.type)) {
    return html`<div class="field" part="field" data-path=${path} ?data-invalid=${aria.invalid} @focusout=${leave}>
      <label for=${domId(path)}>${label}</label>${body}
    </div>`
  }
  const radios = field.type === 'choice' || field.type === 'yesNo'
  return html`<fieldset
    class="field"
    part="field"
    data-path=${path}
    ?data-invalid=${aria.invalid}
    role=${radios ? 'radiogroup' : nothing}
    aria-required=${radios && field.required ? 'true' : nothing}
    aria-invalid=${aria.invalid ? 'true' : nothing}
    aria-describedby=${aria.describedBy}
    @focusout=${leave}
  >
    <legend>${label}</legend>${body}
  </fieldset>`
}

function control(host: FrontdeskIntake, field: FormField, path: string, aria: FieldAria) {
  const value = host.answerAt(path)
  switch (field.type) {
    case 'text':
      return input(host, field, path, aria, { type: 'text', value: value ?? '' })
    case 'email':
      return input(host, field, path, aria, { type: 'email', autocomplete: 'email', value: value ?? '' })
    case 'phone':
      return input(host, field, path, aria, { type: 'tel', autocomplete: 'tel', value: value ?? '' })
    case 'number':
      return input(host, field, path, aria, {
        type: 'number',
        inputmode: field.integer ? 'numeric' : 'decimal',
        min: field.min,
        max: field.max,
        step: field.integer ? '1' : 'any',
        // Something the browser cannot read as a number ("1e") stays on screen until it is fixed.
        value: Number.isNaN(value) ? noChange : (value ?? ''),
        read: (target) =>
          target.validity.badInput ? Number.NaN : target.value === '' ? undefined : target.valueAsNumber,
      })
    case 'date': {
      const bound = (limit: string | undefined) => (limit === 'today' ? host.today : limit)
      return input(host, field, path, aria, {
        type: 'date',
        min: bound(field.min),
        max: bound(field.max),
        // A date half typed reads as "" but is not empty: it is kept as not a date, and left on screen.
        value: value === 'invalid' ? noChange : (value ?? ''),
        read: (target) => (target.validity.badInput ? 'invalid' : target.value || undefined),
      })
    }
    case 'longText':
      return html`<textarea
        id=${domId(path)}
        part="input"
        rows="4"
        .value=${(value as string | undefined) ?? ''}
        aria-required=${field.required ? 'true' : 'false'}
        aria-invalid=${aria.invalid ? 'true' : 'false'}
        aria-describedby=${aria.describedBy}
        @input=${(event: Event) => host.setAnswer(path, (event.target as HTMLTextAreaElement).value)}
      ></textarea>`
    case 'choice':
      return options(host, path, field.options, (option) => value === option.value)
    case 'yesNo': {
      const m = host.messages.intake
      const yesNo = [
        { value: true, label: m.yes },
        { value: false, label: m.no },
      ]
      return options(host, path, yesNo, (option) => value === option.value)
    }
    case 'multiChoice': {
      const chosen = Array.isArray(value) ? (value as string[]) : []
      const toggle = (changed: string, on: boolean) =>
        host.setAnswer(
          path,
          field.options
            .map((option) => option.value)
            .filter((option) => (option === changed ? on : chosen.includes(option))),
        )
      return field.options.map(
        (option) => html`<label class="option" part="option">
          <input
            type="checkbox"
            .checked=${chosen.includes(option.value)}
            @change=${(event: Event) => toggle(option.value, (event.target as HTMLInputElement).checked)}
          />
          <span>${option.label}</span>
        </label>`,
      )
    }
    case 'address':
      return renderAddress(host, field, path, aria)
    case 'signature':
      return renderSignature(host, field, path, aria)
    case 'file':
      return renderFiles(host, field, path, aria)
  }
}

interface InputSpec {
  type: string
  value: unknown
  autocomplete?: string
  inputmode?: string
  min?: string | number
  max?: string | number
  step?: string
  read?: (input: HTMLInputElement) => unknown
}

function input(host: FrontdeskIntake, field: FormField, path: string, aria: FieldAria, spec: InputSpec) {
  const read = spec.read ?? ((target: HTMLInputElement) => target.value)
  return html`<input
    id=${domId(path)}
    part="input"
    type=${spec.type}
    autocomplete=${spec.autocomplete ?? 'off'}
    inputmode=${spec.inputmode ?? nothing}
    min=${spec.min ?? nothing}
    max=${spec.max ?? nothing}
    step=${spec.step ?? nothing}
    .value=${spec.value}
    aria-required=${field.required ? 'true' : 'false'}
    aria-invalid=${aria.invalid ? 'true' : 'false'}
    aria-describedby=${aria.describedBy}
    @input=${(event: Event) => host.setAnswer(path, read(event.target as HTMLInputElement))}
  />`
}

/** Radio buttons, one answer of a few; their group is the fieldset with role radiogroup. */
function options<T>(
  host: FrontdeskIntake,
  path: string,
  choices: { value: T; label: string }[],
  checked: (choice: { value: T }) => boolean,
) {
  return choices.map(
    (choice) => html`<label class="option" part="option">
      <input
        type="radio"
        name=${domId(path)}
        .checked=${checked(choice)}
        @change=${() => host.setAnswer(path, choice.value)}
      />
      <span>${choice.label}</span>
    </label>`,
  )
}
