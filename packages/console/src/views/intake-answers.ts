// An intake response's answers, labelled by the form version it answered: groups nest, repeats list,
// choices show their labels; signatures and files are named, not shown.
import type { Answers, AnswerValue, FormItem, IntakeFormVersion, IntakeResponse } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { messages } from '../messages.js'

export function renderAnswers(response: IntakeResponse, form: IntakeFormVersion | null): TemplateResult {
  if (!form) return renderRaw(response.answers)
  return renderItems(form.definition.items, response.answers)
}

function renderItems(items: FormItem[], answers: Answers): TemplateResult {
  const shown = items.filter((item) => item.type !== 'display' && answers[item.id] !== undefined)
  if (shown.length === 0) return html`<p class="hint">${messages.none}</p>`
  return html`<dl>
    ${shown.map((item) => html`<dt>${item.label}</dt><dd>${renderValue(item, answers[item.id] as AnswerValue)}</dd>`)}
  </dl>`
}

function renderValue(item: FormItem, value: AnswerValue): TemplateResult | string {
  const m = messages.booking
  switch (item.type) {
    case 'group':
      if (Array.isArray(value)) {
        return html`<ol>
          ${(value as Answers[]).map((entry) => html`<li>${renderItems(item.items, entry)}</li>`)}
        </ol>`
      }
      return renderItems(item.items, value as Answers)
    case 'choice':
      return item.options.find((option) => option.value === value)?.label ?? String(value)
    case 'multiChoice':
      return (value as string[])
        .map((chosen) => item.options.find((option) => option.value === chosen)?.label ?? chosen)
        .join(', ')
    case 'yesNo':
      return value === true ? messages.yes : messages.no
    case 'signature':
      return m.signed
    case 'file':
      return m.files(Array.isArray(value) ? value.length : 0)
    case 'address': {
      const address = value as {
        line1: string
        line2?: string
        postalCode: string
        city: string
        country: string
      }
      return [address.line1, address.line2, `${address.postalCode} ${address.city}`, address.country]
        .filter(Boolean)
        .join(', ')
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value)
  }
}

/** Without the form version (it could not be read): the ids and values as they are. */
function renderRaw(answers: Answers): TemplateResult {
  return html`<dl>
    ${Object.entries(answers).map(
      ([id, value]) =>
        html`<dt class="mono">${id}</dt><dd>${typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>`,
    )}
  </dl>${nothing}`
}
