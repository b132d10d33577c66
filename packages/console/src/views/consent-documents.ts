// The clinic's consent documents (form:manage): each at its current version, its older versions with
// their texts, and the editor for a new document or a document's next version (texts per language,
// method, legal basis), checked by the contracts' schemas before it is published.
import {
  type ConsentDocument,
  type ConsentDocumentVersion,
  ConsentMethod,
  ConsentPurpose,
  LegalBasis,
} from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import {
  type ConsentDraft,
  checkConsentDraft,
  emptyConsentDraft,
  nextVersionDraft,
} from '../consent-draft.js'
import { formatInstant } from '../format.js'
import { messages } from '../messages.js'
import { ConsoleView } from './view.js'

export class ConsentDocumentsView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _documents: { state: true },
    _editing: { state: true },
    _draft: { state: true },
    _problems: { state: true },
    _versions: { state: true },
  }
  declare _documents: ConsentDocument[] | null
  declare _editing: ConsentDocument | 'new' | null
  declare _draft: ConsentDraft
  declare _problems: Map<string, string>
  declare _versions: { document: ConsentDocument; versions: ConsentDocumentVersion[] } | null

  constructor() {
    super()
    this._documents = null
    this._editing = null
    this._draft = emptyConsentDraft()
    this._problems = new Map()
    this._versions = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const documents = await this.run(() => this.ctx.staff.consent.documents.list())
    if (documents) this._documents = documents
  }

  #edit(editing: ConsentDocument | 'new' | null): void {
    this._editing = editing
    this._versions = null
    this._problems = new Map()
    if (editing) this._draft = editing === 'new' ? emptyConsentDraft() : nextVersionDraft(editing, plainText)
    void this.focusAfterRender(editing ? '#consent-form-heading' : 'main h1')
  }

  async #showVersions(document: ConsentDocument): Promise<void> {
    const numbers = Array.from(
      { length: document.currentVersion },
      (_, index) => document.currentVersion - index,
    )
    const versions = await this.run(() =>
      Promise.all(numbers.map((version) => this.ctx.staff.consent.documents.version(document.id, version))),
    )
    if (!versions) return
    this._versions = { document, versions }
    void this.focusAfterRender('#consent-versions-heading')
  }

  #set(patch: Partial<ConsentDraft>): void {
    this._draft = { ...this._draft, ...patch }
  }

  #setText(index: number, patch: Partial<ConsentDraft['texts'][number]>): void {
    this.#set({ texts: this._draft.texts.map((text, at) => (at === index ? { ...text, ...patch } : text)) })
  }

  async #publish(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const editing = this._editing
    if (!editing) return
    const verdict = checkConsentDraft(this._draft, editing === 'new')
    if (!verdict.ok) {
      this._problems = verdict.problems
      this.ctx.alert(messages.consentDocuments.problems(verdict.problems.size))
      void this.focusAfterRender('.issue:not([hidden])')
      return
    }
    this._problems = new Map()
    const { request } = verdict
    const version = await this.run(async () =>
      request.kind === 'create'
        ? (await this.ctx.staff.consent.documents.create(request.body)).currentVersion
        : (await this.ctx.staff.consent.documents.publish((editing as ConsentDocument).id, request.body))
            .version,
    )
    if (version === undefined) return
    this.#edit(null)
    // The list shows the new version before it is announced, so what is said is what is on screen.
    await this.#load()
    this.ctx.announce(messages.consentDocuments.publishedAs(version))
  }

  override render(): TemplateResult {
    const w = messages.consentDocuments
    return html`<h1 tabindex="-1">${messages.sections.consent}</h1>
      <p class="hint">${w.intro}</p>
      ${this._documents === null ? html`<p>${messages.loading}</p>` : this.#renderTable(this._documents)}
      ${
        this._editing
          ? this.#renderForm(this._editing)
          : html`<button type="button" class="primary" @click=${() => this.#edit('new')}>${w.newDocument}</button>`
      }
      ${this._versions ? this.#renderVersions(this._versions.document, this._versions.versions) : nothing}`
  }

  #renderTable(documents: ConsentDocument[]): TemplateResult {
    const w = messages.consentDocuments
    if (documents.length === 0) return html`<p>${w.noDocuments}</p>`
    return html`<table>
      <thead><tr>
        <th scope="col">${w.name}</th><th scope="col">${w.purpose}</th><th scope="col">${w.method}</th>
        <th scope="col">${w.version}</th><th scope="col">${w.languages}</th><th scope="col">${messages.actions}</th>
      </tr></thead>
      <tbody>
        ${documents.map(
          (document) => html`<tr>
            <td>${document.name}</td>
            <td>${w.purposes[document.purpose]}</td>
            <td>${w.methods[document.current.method]}</td>
            <td>${document.currentVersion}</td>
            <td>${document.current.texts.map((text) => text.language).join(', ')}</td>
            <td class="row">
              <button type="button" aria-label=${w.editLabel(document.name)} @click=${() => this.#edit(document)}>${messages.edit}</button>
              <button type="button" aria-label=${w.showVersions(document.name)} @click=${() => this.#showVersions(document)}>${w.versions}</button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`
  }

  #issue(key: string): TemplateResult {
    const problem = this._problems.get(key)
    return html`<p class="issue" id="consent-${key.replaceAll('.', '-')}-issue" ?hidden=${!problem}>${problem ?? ''}</p>`
  }

  #select<T extends string>(
    id: string,
    label: string,
    options: readonly T[],
    words: Record<T, string>,
    current: T,
    set: (value: T) => void,
  ) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} @change=${(event: Event) => set((event.target as HTMLSelectElement).value as T)}>
        ${options.map((option) => html`<option value=${option} ?selected=${option === current}>${words[option]}</option>`)}
      </select>
    </div>`
  }

  #renderForm(editing: ConsentDocument | 'new'): TemplateResult {
    const w = messages.consentDocuments
    const draft = this._draft
    const isNew = editing === 'new'
    const value = (event: Event) => (event.target as HTMLInputElement).value
    return html`<form class="panel" @submit=${this.#publish} aria-labelledby="consent-form-heading" novalidate>
      <h2 id="consent-form-heading" tabindex="-1">${isNew ? w.newHeading : w.editHeading(editing.name)}</h2>
      ${
        isNew
          ? html`<div class="field">
              <label for="consent-name">${w.name}</label>
              <input id="consent-name" .value=${draft.name} aria-describedby="consent-name-issue"
                @input=${(event: Event) => this.#set({ name: value(event) })} />
              ${this.#issue('name')}
            </div>
            ${this.#select('consent-purpose', w.purpose, ConsentPurpose.options, w.purposes, draft.purpose, (purpose) => this.#set({ purpose }))}`
          : nothing
      }
      <div class="grid">
        ${this.#select('consent-method', w.method, ConsentMethod.options, w.methods, draft.method, (method) => this.#set({ method }))}
        ${this.#select('consent-basis', w.legalBasis, LegalBasis.options, w.bases, draft.legalBasis, (legalBasis) => this.#set({ legalBasis }))}
      </div>
      <h3>${w.texts}</h3>
      ${this.#issue('texts')}
      ${draft.texts.map(
        (text, index) => html`<fieldset>
          <legend>${w.textHeading(text.language || '…')}</legend>
          <div class="grid">
            <div class="field">
              <label for="consent-${index}-language">${w.language}</label>
              <input id="consent-${index}-language" .value=${text.language} aria-describedby="consent-texts-${index}-language-issue"
                @input=${(event: Event) => this.#setText(index, { language: value(event).trim() })} />
              ${this.#issue(`texts.${index}.language`)}
            </div>
            <div class="field">
              <label for="consent-${index}-title">${w.title}</label>
              <input id="consent-${index}-title" .value=${text.title} aria-describedby="consent-texts-${index}-title-issue"
                @input=${(event: Event) => this.#setText(index, { title: value(event) })} />
              ${this.#issue(`texts.${index}.title`)}
            </div>
          </div>
          <div class="field">
            <label for="consent-${index}-body">${w.body}</label>
            <textarea id="consent-${index}-body" rows="8" .value=${text.body} aria-describedby="consent-texts-${index}-body-issue"
              @input=${(event: Event) => this.#setText(index, { body: value(event) })}></textarea>
            ${this.#issue(`texts.${index}.body`)}
          </div>
          ${
            draft.texts.length > 1
              ? html`<button type="button" class="danger" @click=${() => {
                  this.#set({ texts: draft.texts.filter((_, at) => at !== index) })
                  void this.focusAfterRender('#consent-add-language')
                }}>${w.removeLanguage(text.language)}</button>`
              : nothing
          }
        </fieldset>`,
      )}
      <div class="row">
        <button type="button" id="consent-add-language" @click=${() => {
          this.#set({ texts: [...draft.texts, { language: '', title: '', body: '' }] })
          void this.focusAfterRender(`#consent-${draft.texts.length}-language`)
        }}>${w.addLanguage}</button>
      </div>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this._busy}>
          ${isNew ? w.publishNew : w.publishNext(editing.currentVersion + 1)}
        </button>
        <button type="button" @click=${() => this.#edit(null)}>${messages.cancel}</button>
      </div>
    </form>`
  }

  #renderVersions(document: ConsentDocument, versions: ConsentDocumentVersion[]): TemplateResult {
    const w = messages.consentDocuments
    const tz = this.ctx.me.clinic.timeZone
    return html`<section aria-labelledby="consent-versions-heading">
      <h2 id="consent-versions-heading" tabindex="-1">${w.versionsOf(document.name)}</h2>
      ${versions.map(
        (version) => html`<details>
          <summary>${w.version} ${version.version} · ${formatInstant(version.publishedAt, tz)} ·
            ${w.methods[version.method]} · ${version.texts.map((text) => text.language).join(', ')}</summary>
          <dl>
            <dt>${w.legalBasis}</dt><dd>${w.bases[version.legalBasis]}</dd>
            ${version.texts.map(
              (text) => html`<dt>${text.language}</dt>
                <dd><strong>${text.title}</strong><p>${plainText(text.html)}</p>
                  <p class="mono">${w.hash}: ${text.hash}</p></dd>`,
            )}
          </dl>
        </details>`,
      )}
    </section>`
  }
}

/** The sanitized HTML the API keeps, as plain paragraphs: parsed inertly, never put into the page as HTML. */
function plainText(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body
  const blocks = [...body.children].map((element) => element.textContent?.trim() ?? '').filter(Boolean)
  return blocks.length ? blocks.join('\n\n') : (body.textContent ?? '').trim()
}
