// The address question: street, an optional second line, postal code, town and the country's two-letter
// code, each with the autocomplete token browsers fill addresses by. (A country list with names from
// Intl costs more than a kilobyte of the bundle's budget; the two letters are what the validator takes.)
import type { AddressAnswer, SimpleField } from '@frontdesk/contracts/intake'
import { html, nothing } from 'lit'
import type { FieldAria } from './fields.js'
import { domId } from './form-model.js'
import type { FrontdeskIntake } from './frontdesk-intake.js'

type Part = keyof AddressAnswer

const PARTS: { part: Part; autocomplete: string }[] = [
  { part: 'line1', autocomplete: 'address-line1' },
  { part: 'line2', autocomplete: 'address-line2' },
  { part: 'postalCode', autocomplete: 'postal-code' },
  { part: 'city', autocomplete: 'address-level2' },
  { part: 'country', autocomplete: 'country' },
]

/** Sets one part; an address with nothing in it is no answer at all, not a wrong one. */
export function withPart(address: Partial<AddressAnswer> | undefined, part: Part, value: string) {
  const next = { ...address, [part]: value }
  return Object.values(next).some((text) => text?.trim()) ? next : undefined
}

export function renderAddress(host: FrontdeskIntake, field: SimpleField, path: string, aria: FieldAria) {
  const m = host.messages.intake
  const address = host.answerAt(path) as Partial<AddressAnswer> | undefined
  // The question has one error; it marks the parts that are still empty (or all, when none is).
  const missing = (part: Part) => part !== 'line2' && !address?.[part]?.trim()
  const anyMissing = ['line1', 'postalCode', 'city', 'country'].some((part) => missing(part as Part))
  const invalid = (part: Part) => aria.invalid && (missing(part) || (!anyMissing && part === 'line1'))
  // Read afresh on each input: autofill fills every part before the form renders again.
  const set = (part: Part) => (event: Event) => {
    const typed = (event.target as HTMLInputElement).value
    const value = part === 'country' ? typed.toUpperCase() : typed
    host.setAnswer(path, withPart(host.answerAt(path) as Partial<AddressAnswer> | undefined, part, value))
  }
  return PARTS.map(({ part, autocomplete }) => {
    const id = domId(path, part)
    return html`<div class="subfield">
      <label for=${id}>${m.address[part]}</label>
      <input
        id=${id}
        part="input"
        autocomplete=${autocomplete}
        maxlength=${part === 'country' ? 2 : nothing}
        .value=${address?.[part] ?? ''}
        aria-required=${field.required && part !== 'line2' ? 'true' : 'false'}
        aria-invalid=${invalid(part) ? 'true' : 'false'}
        aria-describedby=${aria.describedBy}
        @input=${set(part)}
      />
    </div>`
  })
}
