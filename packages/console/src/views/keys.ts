// API keys (key:manage): list, create (the token is shown once), roll with an overlap window, revoke after
// a confirmation. A token lives in this view's memory until dismissed, never anywhere else.
import { type ApiKey, DEFAULT_KEY_OVERLAP_HOURS, MAX_KEY_OVERLAP_HOURS } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { formatInstant } from '../format.js'
import { messages } from '../messages.js'
import { ConsoleView, field } from './view.js'

type Pending = { kind: 'roll' | 'revoke'; key: ApiKey } | null

export class KeysView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _keys: { state: true },
    _pending: { state: true },
    _secret: { state: true },
    _creating: { state: true },
  }
  declare _keys: ApiKey[] | null
  declare _pending: Pending
  /** A token just made, with what to say about the key it replaced. */
  declare _secret: { token: string; note: string | null } | null
  declare _creating: boolean

  constructor() {
    super()
    this._keys = null
    this._pending = null
    this._secret = null
    this._creating = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const list = await this.run(() => this.ctx.staff.keys.list())
    if (list) this._keys = list.data
  }

  #name(key: ApiKey): string {
    // The hint too: a rolled key and the key that replaced it share their label.
    return `${key.label ?? messages.keys.kinds[key.kind]} (${key.hint})`
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const created = await this.run(() =>
      this.ctx.staff.keys.create({
        kind: field(form, 'kind') === 'publishable' ? 'publishable' : 'secret',
        mode: field(form, 'mode') === 'live' ? 'live' : 'test',
        label: field(form, 'label') || null,
      }),
    )
    if (!created) return
    this._creating = false
    this.#showSecret(created.token, null)
    await this.#load()
  }

  async #roll(event: SubmitEvent, key: ApiKey): Promise<void> {
    event.preventDefault()
    const overlapHours = Number(field(event.currentTarget as HTMLFormElement, 'overlapHours'))
    const rolled = await this.run(() => this.ctx.staff.keys.roll(key.id, { overlapHours }))
    if (!rolled) return
    const until = rolled.previous.expiresAt
    const stillWorks = until !== null && Date.parse(until) > Date.now() ? until : null
    this._pending = null
    this.#showSecret(
      rolled.token,
      messages.keys.rolled(stillWorks && formatInstant(stillWorks, this.ctx.me.clinic.timeZone)),
    )
    await this.#load()
  }

  async #revoke(key: ApiKey): Promise<void> {
    const revoked = await this.run(() => this.ctx.staff.keys.revoke(key.id))
    if (!revoked) return
    this._pending = null
    this.ctx.announce(messages.keys.revoked)
    await this.#load()
    void this.focusAfterRender('h1')
  }

  #showSecret(token: string, note: string | null): void {
    this._secret = { token, note }
    void this.focusAfterRender('#key-secret-heading')
  }

  #ask(pending: Pending): void {
    this._pending = pending
    void this.focusAfterRender(pending ? '#key-pending-heading' : 'h1')
  }

  override render(): TemplateResult {
    const m = messages.keys
    return html`
      <h1 tabindex="-1">${messages.sections.keys}</h1>
      <p class="hint">${m.intro}</p>
      ${this._secret ? this.#renderSecret(this._secret) : nothing}
      ${this._pending ? this.#renderPending(this._pending) : nothing}
      ${this._keys === null ? html`<p>${messages.loading}</p>` : this.#renderTable(this._keys)}
      ${
        this._creating
          ? this.#renderCreate()
          : html`<button id="create-key" type="button" class="primary"
              @click=${() => {
                this._creating = true
                void this.focusAfterRender('#key-label')
              }}>${m.create}</button>`
      }
    `
  }

  #renderSecret(secret: { token: string; note: string | null }): TemplateResult {
    const m = messages.keys
    return html`<section class="panel" aria-labelledby="key-secret-heading">
      <h2 id="key-secret-heading" tabindex="-1">${m.newKey}</h2>
      <p>${m.shownOnce}</p>
      <code class="secret" id="key-secret">${secret.token}</code>
      ${secret.note ? html`<p>${secret.note}</p>` : nothing}
      <div class="row">
        <button type="button" @click=${() => this.#copy(secret.token)}>${messages.copy}</button>
        <button type="button" class="primary" @click=${() => {
          this._secret = null
          void this.focusAfterRender('h1')
        }}>${m.stored}</button>
      </div>
    </section>`
  }

  async #copy(text: string): Promise<void> {
    await this.run(() => navigator.clipboard.writeText(text))
    this.ctx.announce(messages.copied)
  }

  #renderPending(pending: NonNullable<Pending>): TemplateResult {
    const m = messages.keys
    const name = this.#name(pending.key)
    if (pending.kind === 'revoke') {
      return html`<section class="panel" aria-labelledby="key-pending-heading">
        <h2 id="key-pending-heading" tabindex="-1">${m.revokeLabel(name)}</h2>
        <p>${m.revokeConfirm(name)}</p>
        <div class="row">
          <button type="button" class="danger" ?disabled=${this._busy}
            @click=${() => this.#revoke(pending.key)}>${m.confirmRevoke}</button>
          <button type="button" @click=${() => this.#ask(null)}>${messages.cancel}</button>
        </div>
      </section>`
    }
    return html`<form class="panel" aria-labelledby="key-pending-heading"
      @submit=${(event: SubmitEvent) => this.#roll(event, pending.key)}>
      <h2 id="key-pending-heading" tabindex="-1">${m.rollHeading(name)}</h2>
      <div class="field narrow">
        <label for="key-overlap">${m.overlap}</label>
        <input id="key-overlap" name="overlapHours" type="number" inputmode="numeric" min="0" max=${MAX_KEY_OVERLAP_HOURS} required
          .value=${String(DEFAULT_KEY_OVERLAP_HOURS)} aria-describedby="key-overlap-hint" />
        <span class="hint" id="key-overlap-hint">${m.overlapHint}</span>
      </div>
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this._busy}>${m.confirmRoll}</button>
        <button type="button" @click=${() => this.#ask(null)}>${messages.cancel}</button>
      </div>
    </form>`
  }

  #renderTable(keys: ApiKey[]): TemplateResult {
    const m = messages.keys
    const tz = this.ctx.me.clinic.timeZone
    return html`<table>
      <thead><tr>
        <th scope="col">${m.label}</th><th scope="col">${m.kind}</th><th scope="col">${m.key}</th>
        <th scope="col">${m.created}</th><th scope="col">${m.status}</th><th scope="col">${messages.actions}</th>
      </tr></thead>
      <tbody>
        ${keys.map((key) => {
          const name = this.#name(key)
          const expiresAt = key.expiresAt
          const expired = expiresAt !== null && Date.parse(expiresAt) <= Date.now()
          // A rolled key runs out on its own; it cannot be rolled again.
          const rollable = !key.replacedBy && !expiresAt
          return html`<tr>
            <td>${key.label ?? m.unnamed}</td>
            <td>${m.kinds[key.kind]}, ${m.modes[key.mode]}</td>
            <td class="mono">${key.hint}</td>
            <td>${formatInstant(key.createdAt, tz)}</td>
            <td>${
              key.revokedAt
                ? m.revokedAt(formatInstant(key.revokedAt, tz))
                : expiresAt
                  ? (expired ? m.expired : m.expiresAt)(formatInstant(expiresAt, tz))
                  : m.active
            }</td>
            <td>${
              key.revokedAt || expired
                ? nothing
                : html`<div class="row">
                    ${
                      rollable
                        ? html`<button type="button" aria-label=${m.rollLabel(name)}
                            @click=${() => this.#ask({ kind: 'roll', key })}>${m.roll}</button>`
                        : nothing
                    }
                    <button type="button" class="danger" aria-label=${m.revokeLabel(name)}
                      @click=${() => this.#ask({ kind: 'revoke', key })}>${m.revoke}</button>
                  </div>`
            }</td>
          </tr>`
        })}
      </tbody>
    </table>`
  }

  #renderCreate(): TemplateResult {
    const m = messages.keys
    return html`<form class="panel" @submit=${this.#create} aria-labelledby="key-create-heading">
      <h2 id="key-create-heading">${m.createHeading}</h2>
      <div class="field narrow">
        <label for="key-label">${m.label}</label>
        <input id="key-label" name="label" maxlength="100" />
      </div>
      <fieldset>
        <legend>${m.kind}</legend>
        ${(['secret', 'publishable'] as const).map(
          (kind) =>
            html`<label class="check"><input type="radio" name="kind" value=${kind} ?checked=${kind === 'secret'} />${m.kinds[kind]}</label>`,
        )}
      </fieldset>
      <fieldset>
        <legend>${m.mode}</legend>
        ${(['test', 'live'] as const).map(
          (mode) =>
            html`<label class="check"><input type="radio" name="mode" value=${mode} ?checked=${mode === 'test'} />${m.modes[mode]}</label>`,
        )}
      </fieldset>
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this._busy}>${m.create}</button>
        <button type="button" @click=${() => {
          this._creating = false
          void this.focusAfterRender('#create-key')
        }}>${messages.cancel}</button>
      </div>
    </form>`
  }
}
