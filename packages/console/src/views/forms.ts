// The clinic's intake forms (form:manage): each at its current version, its earlier versions on request,
// and the editor for a new form or a form's next version (./form-editor.ts).
import type { IntakeForm, IntakeFormVersion } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { formatInstant } from '../format.js'
import { messages } from '../messages.js'
import { ConsoleView } from './view.js'

export class FormsView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _forms: { state: true },
    _editing: { state: true },
    _versions: { state: true },
  }
  declare _forms: IntakeForm[] | null
  /** The form whose next version is being written, 'new' for a new form, null for the list. */
  declare _editing: IntakeForm | 'new' | null
  /** The versions shown of one form. */
  declare _versions: { form: IntakeForm; versions: IntakeFormVersion[] } | null

  constructor() {
    super()
    this._forms = null
    this._editing = null
    this._versions = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const forms = await this.run(() => this.ctx.staff.intake.forms.list())
    if (forms) this._forms = forms
  }

  async #showVersions(form: IntakeForm): Promise<void> {
    const numbers = Array.from({ length: form.currentVersion }, (_, index) => form.currentVersion - index)
    const versions = await this.run(() =>
      Promise.all(numbers.map((version) => this.ctx.staff.intake.forms.version(form.id, version))),
    )
    if (!versions) return
    this._versions = { form, versions }
    void this.focusAfterRender('#versions-heading')
  }

  #edit(editing: IntakeForm | 'new'): void {
    this._editing = editing
    this._versions = null
  }

  readonly #done = (published?: number) => {
    this._editing = null
    void this.focusAfterRender('main h1')
    if (published !== undefined) void this.#load()
  }

  override render(): TemplateResult {
    if (this._editing) {
      return html`<fd-form-editor .ctx=${this.ctx} .form=${this._editing === 'new' ? null : this._editing}
        .onDone=${this.#done}></fd-form-editor>`
    }
    const w = messages.forms
    return html`<h1 tabindex="-1">${messages.sections.forms}</h1>
      <p class="hint">${w.intro}</p>
      ${this._forms === null ? html`<p>${messages.loading}</p>` : this.#renderTable(this._forms)}
      <button type="button" class="primary" @click=${() => this.#edit('new')}>${w.newForm}</button>
      ${this._versions ? this.#renderVersions(this._versions.form, this._versions.versions) : nothing}`
  }

  #renderTable(forms: IntakeForm[]): TemplateResult {
    const w = messages.forms
    if (forms.length === 0) return html`<p>${w.noForms}</p>`
    return html`<table>
      <thead><tr>
        <th scope="col">${w.name}</th><th scope="col">${w.title}</th><th scope="col">${w.version}</th>
        <th scope="col">${messages.actions}</th>
      </tr></thead>
      <tbody>
        ${forms.map(
          (form) => html`<tr>
            <td>${form.name}</td>
            <td>${form.definition.title}</td>
            <td>${form.currentVersion}</td>
            <td class="row">
              <button type="button" aria-label=${w.editLatest(form.name)} @click=${() => this.#edit(form)}>${messages.edit}</button>
              <button type="button" aria-label=${w.showVersions(form.name)} @click=${() => this.#showVersions(form)}>${w.versions}</button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`
  }

  #renderVersions(form: IntakeForm, versions: IntakeFormVersion[]): TemplateResult {
    const w = messages.forms
    return html`<section aria-labelledby="versions-heading">
      <h2 id="versions-heading" tabindex="-1">${w.versionsOf(form.name)}</h2>
      <table>
        <thead><tr>
          <th scope="col">${w.version}</th><th scope="col">${w.published}</th><th scope="col">${w.title}</th>
          <th scope="col">${w.questions}</th>
        </tr></thead>
        <tbody>
          ${versions.map(
            (version) => html`<tr>
              <td>${version.version}</td>
              <td>${formatInstant(version.publishedAt, this.ctx.me.clinic.timeZone)}</td>
              <td>${version.definition.title}</td>
              <td>${w.questionCount(countQuestions(version.definition.items))}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`
  }
}

function countQuestions(items: IntakeFormVersion['definition']['items']): number {
  return items.reduce((sum, item) => sum + (item.type === 'group' ? countQuestions(item.items) : 1), 0)
}
