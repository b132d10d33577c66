// A repeating group (one entry per medicine): its entries, each named "Entry 2", with buttons to add
// one up to the form's maximum and to remove one down to its minimum.
import type { GroupItem } from '@frontdesk/contracts/intake'
import { html, nothing } from 'lit'
import { renderItems } from './fields.js'
import { domId } from './form-model.js'
import type { FrontdeskIntake } from './frontdesk-intake.js'

export const REPEAT_MAX = 50

export function renderEntries(host: FrontdeskIntake, group: GroupItem, path: string) {
  const m = host.messages.intake
  const entries = host.entriesAt(path)
  const min = group.repeat?.min ?? 0
  const max = group.repeat?.max ?? REPEAT_MAX
  const error = host.errorFor(path, group)
  return html`<div class="entries" data-path=${path} ?data-invalid=${Boolean(error)}>
    ${entries.map(
      (_, index) => html`<fieldset class="entry" part="entry" id=${domId(`${path}[${index}]`)}>
        <legend>${m.entry(index + 1)}</legend>
        ${renderItems(host, group.items, `${path}[${index}]`)}
        ${
          entries.length > min
            ? html`<button type="button" part="button remove-entry" @click=${() => removeEntry(host, path, index)}>
              ${m.removeEntry(index + 1)}
            </button>`
            : nothing
        }
      </fieldset>`,
    )}
    ${error ? html`<p class="issue" part="issue" id=${domId(path, 'issue')}>${error}</p>` : nothing}
    ${
      entries.length < max
        ? html`<button
          type="button"
          part="button add-entry"
          id=${domId(path, 'add')}
          aria-describedby=${error ? domId(path, 'issue') : nothing}
          @click=${() => addEntry(host, path)}
        >
          <span aria-hidden="true">+</span> ${m.addEntry(group.label)}
        </button>`
        : nothing
    }
  </div>`
}

export function addEntry(host: FrontdeskIntake, groupPath: string): void {
  const entries = host.entriesAt(groupPath)
  entries.push({})
  host.refresh()
  host.saver.schedule()
  const entry = domId(`${groupPath}[${entries.length - 1}]`)
  host.focusLater(() => host.byId(entry)?.querySelector('input, select, textarea'))
}

/** Takes an entry out; what was kept by path on later entries (touched, errors) moves up with them. */
export function removeEntry(host: FrontdeskIntake, groupPath: string, index: number): void {
  host.entriesAt(groupPath).splice(index, 1)
  host.checks.shift(groupPath, index)
  host.signatures.forget(`${groupPath}[`)
  host.say(host.messages.intake.removed(index + 1))
  host.refresh()
  host.saver.schedule()
  host.focusLater(() => host.byId(domId(groupPath, 'add')))
}
