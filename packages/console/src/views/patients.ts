// Find a patient (patient:read): by exact email or phone, or by part of the name. The term goes in the
// request body and stays in this view's memory: never the address bar, the history or browser storage.
import type { PatientRecord, PatientSearch } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { formatLocalDate } from '../format.js'
import { messages } from '../messages.js'
import { sectionHref } from '../sections.js'
import { ConsoleView, field } from './view.js'

type SearchBy = 'email' | 'phone' | 'name'
const INPUT_TYPE: Record<SearchBy, string> = { email: 'email', phone: 'tel', name: 'text' }

export class PatientsView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _by: { state: true },
    _found: { state: true },
  }
  declare _by: SearchBy
  declare _found: PatientRecord[] | null

  constructor() {
    super()
    this._by = 'email'
    this._found = null
  }

  async #search(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const term = field(event.currentTarget as HTMLFormElement, 'term')
    const query = { [this._by]: term } as PatientSearch
    const result = await this.run(() => this.ctx.staff.patients.search(query))
    if (!result) return
    this._found = result.data
    this.ctx.announce(
      result.data.length === 0 ? messages.patients.noneFound : messages.patients.found(result.data.length),
    )
  }

  override render(): TemplateResult {
    const m = messages.patients
    return html`
      <h1 tabindex="-1">${messages.sections.patients}</h1>
      <p class="hint">${m.intro}</p>
      <form class="panel" @submit=${this.#search} autocomplete="off">
        <div class="row">
          <div class="field">
            <label for="patient-search-by">${m.searchBy}</label>
            <select id="patient-search-by" name="by" @change=${(event: Event) => {
              this._by = (event.currentTarget as HTMLSelectElement).value as SearchBy
            }}>
              ${(['email', 'phone', 'name'] as const).map(
                (by) => html`<option value=${by} ?selected=${this._by === by}>${m.by[by]}</option>`,
              )}
            </select>
          </div>
          <div class="field">
            <label for="patient-search-term">${m.term}</label>
            <input id="patient-search-term" name="term" required type=${INPUT_TYPE[this._by]}
              aria-describedby="patient-search-hint" maxlength="200" />
            <p class="hint" id="patient-search-hint">${m.termHint[this._by]}</p>
          </div>
        </div>
        <button class="primary" type="submit" ?disabled=${this._busy}>${m.search}</button>
      </form>
      ${this._found ? this.#renderFound(this._found) : nothing}
    `
  }

  #renderFound(found: PatientRecord[]): TemplateResult {
    const m = messages.patients
    if (found.length === 0) return html`<p>${m.noneFound}</p>`
    return html`<table>
      <caption class="visually-hidden">${m.found(found.length)}</caption>
      <thead><tr>
        <th scope="col">${m.name}</th><th scope="col">${m.dateOfBirth}</th>
        <th scope="col">${m.email}</th><th scope="col">${m.phone}</th><th scope="col">${m.state}</th>
      </tr></thead>
      <tbody>
        ${found.map(
          (patient) => html`<tr>
            <td><a href=${sectionHref('patients', patient.id)}>${patient.name}</a></td>
            <td>${patient.dateOfBirth ? formatLocalDate(patient.dateOfBirth) : messages.none}</td>
            <td>${patient.email ?? messages.none}</td>
            <td>${patient.phone ?? messages.none}</td>
            <td>${patient.restrictedAt ? m.restricted : m.active}</td>
          </tr>`,
        )}
      </tbody>
    </table>`
  }
}
