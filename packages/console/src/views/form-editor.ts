// The intake form editor: a draft of the next version (or of a new form) beside a live preview in the real
// <frontdesk-intake>, judged by the contracts' own form schema before it is published (form:manage).
import type { IntakeForm } from '@frontdesk/contracts'
import type { Condition, FormDefinition } from '@frontdesk/contracts/intake'
import { html, nothing, type TemplateResult } from 'lit'
import {
  addItem,
  checkDraft,
  type DraftProblem,
  freshId,
  type ItemKind,
  type ItemPath,
  moveItem,
  newItem,
  pathKey,
  removeItem,
  setCondition,
  setRepeat,
  updateItem,
} from '../form-draft.js'
import { loadIntakeElement } from '../intake-preview.js'
import { currentLanguage, messages } from '../messages.js'
import { type ItemEditorHost, renderItemList } from './form-item.js'
import { ConsoleView, field } from './view.js'

export class FormEditorView extends ConsoleView implements ItemEditorHost {
  static override properties = {
    ...ConsoleView.properties,
    form: { attribute: false },
    onDone: { attribute: false },
    _draft: { state: true },
    _checked: { state: true },
    _preview: { state: true },
  }
  /** The form whose next version this is; null for a new form. */
  declare form: IntakeForm | null
  /** Back to the list, with the version just published (or nothing when cancelled). */
  declare onDone: (published?: number) => void
  declare _draft: FormDefinition
  /** Problems show beside the settings once the draft was checked (or publishing was tried). */
  declare _checked: boolean
  declare _preview: 'loading' | 'ready' | 'failed'
  /** The last draft that passed, which the preview shows while the current one has problems. */
  #shown: FormDefinition | undefined

  readonly words = messages.forms

  constructor() {
    super()
    this.form = null
    this.onDone = () => {}
    this._draft = { title: '', items: [] }
    this._checked = false
    this._preview = 'loading'
  }

  get draft(): FormDefinition {
    return this._draft
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this._draft = this.form ? structuredClone(this.form.definition) : { title: '', items: [] }
    loadIntakeElement().then(
      () => {
        this._preview = 'ready'
      },
      () => {
        this._preview = 'failed'
      },
    )
  }

  // ---- the model's operations, as the item markup calls them ----------------------------------

  #set(draft: FormDefinition): void {
    this._draft = draft
  }

  change(path: ItemPath, patch: Record<string, unknown>): void {
    this.#set(updateItem(this._draft, path, patch))
  }

  condition(path: ItemPath, condition: Condition | undefined): void {
    this.#set(setCondition(this._draft, path, condition))
  }

  repeat(path: ItemPath, repeat: { min?: number; max?: number } | undefined): void {
    this.#set(setRepeat(this._draft, path, repeat))
  }

  move(path: ItemPath, delta: -1 | 1): void {
    const moved = moveItem(this._draft, path, delta)
    this.#set(moved.form)
    // The same button, at the item's new place, keeps focus: pressing again moves it on.
    const at = moved.path
    const last = countAt(moved.form, at.slice(0, -1)) - 1
    const edge = delta === -1 ? at.at(-1) === 0 : at.at(-1) === last
    const button = (delta === -1) !== edge ? 'up' : 'down'
    void this.focusAfterRender(`#item-${pathKey(at).replaceAll('.', '-')}-${button}`)
  }

  removeAt(path: ItemPath): void {
    this.#set(removeItem(this._draft, path))
    void this.focusAfterRender('#questions-heading')
  }

  add(parent: ItemPath, kind: ItemKind): void {
    const stem = kind === 'group' ? 'group' : 'question'
    const item = newItem(kind, freshId(this._draft, stem), this.words.newQuestion)
    const draft = addItem(this._draft, parent, item)
    this.#set(draft)
    const siblings = parent.length ? countAt(draft, parent) : draft.items.length
    void this.focusAfterRender(`#item-${pathKey([...parent, siblings - 1]).replaceAll('.', '-')}-label`)
  }

  problemsAt(item: string): DraftProblem[] {
    if (!this._checked) return []
    const verdict = checkDraft(this._draft)
    return verdict.ok ? [] : verdict.problems.filter((problem) => problem.item === item)
  }

  // ---- checking and publishing ------------------------------------------------------------------

  #check(): boolean {
    this._checked = true
    const verdict = checkDraft(this._draft)
    if (verdict.ok) this.ctx.announce(this.words.checkedOk)
    else {
      this.ctx.alert(this.words.problems(verdict.problems.length))
      void this.focusAfterRender('.issue:not([hidden])')
    }
    return verdict.ok
  }

  async #publish(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const name = this.form ? '' : field(event.currentTarget as HTMLFormElement, 'name')
    if (!this.#check()) return
    const verdict = checkDraft(this._draft)
    if (!verdict.ok) return
    const form = this.form
    const version = await this.run(async () =>
      form
        ? (await this.ctx.staff.intake.forms.publish(form.id, verdict.definition)).version
        : (await this.ctx.staff.intake.forms.create({ name, definition: verdict.definition })).currentVersion,
    )
    if (version === undefined) return
    this.ctx.announce(this.words.publishedAs(version))
    this.onDone(version)
  }

  // ---- markup -------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const w = this.words
    const verdict = checkDraft(this._draft)
    if (verdict.ok) this.#shown = verdict.definition
    const formProblems = this.problemsAt('')
    return html`<h1 tabindex="-1">${this.form ? w.editorHeading(this.form.name) : w.newHeading}</h1>
      <p><button type="button" @click=${() => this.onDone()}>${w.back}</button></p>
      <div class="editor">
        <form @submit=${this.#publish} aria-labelledby="draft-heading" novalidate>
          <h2 id="draft-heading" class="visually-hidden">${w.questions}</h2>
          ${
            this.form
              ? nothing
              : html`<div class="field"><label for="form-name">${w.formName}</label>
                  <input id="form-name" name="name" required maxlength="200" /></div>`
          }
          <div class="field">
            <label for="form-title">${w.title}</label>
            <input id="form-title" .value=${this._draft.title} aria-describedby="form-title-issue"
              @input=${(event: Event) => this.#set({ ...this._draft, title: (event.target as HTMLInputElement).value })} />
            ${this.#formIssue(formProblems, 'title')}
          </div>
          <div class="field">
            <label for="form-description">${w.description}</label>
            <textarea id="form-description" rows="2" .value=${this._draft.description ?? ''}
              @input=${(event: Event) => {
                const description = (event.target as HTMLTextAreaElement).value
                const { description: _, ...rest } = this._draft
                this.#set(description ? { ...rest, description } : rest)
              }}></textarea>
          </div>
          <h3 id="questions-heading" tabindex="-1">${w.questions}</h3>
          ${this._draft.items.length ? nothing : html`<p class="hint">${w.noQuestions}</p>`}
          ${this.#formIssue(formProblems, 'items')}
          ${renderItemList(this, this._draft.items, [])}
          <div class="row">
            <button type="button" @click=${() => this.#check()}>${w.check}</button>
            <button type="submit" class="primary" ?disabled=${this._busy}>
              ${this.form ? w.publishNext(this.form.currentVersion + 1) : w.publishNew}
            </button>
          </div>
        </form>
        <section aria-labelledby="preview-heading" class="panel">
          <h2 id="preview-heading">${w.preview}</h2>
          <p class="hint">${w.previewHint}</p>
          ${verdict.ok ? nothing : html`<p class="hint">${w.previewBroken}</p>`}
          ${this.#renderPreview()}
        </section>
      </div>`
  }

  #renderPreview(): unknown {
    if (this._preview === 'failed') return html`<p>${messages.errors.unknown}</p>`
    if (!this.#shown) return nothing
    if (this._preview === 'loading') return html`<p>${this.words.previewLoading}</p>`
    return html`<frontdesk-intake locale=${currentLanguage()} .preview=${this.#shown}></frontdesk-intake>`
  }

  #formIssue(problems: DraftProblem[], setting: string): TemplateResult {
    const here = problems.filter((problem) => problem.setting === setting)
    return html`<p class="issue" id="form-${setting}-issue" ?hidden=${here.length === 0}>
      ${here.map((problem) => problem.message).join(' ')}
    </p>`
  }
}

function countAt(form: FormDefinition, path: ItemPath): number {
  let items = form.items
  for (const index of path) {
    const item = items[index]
    items = item?.type === 'group' ? item.items : []
  }
  return items.length
}
