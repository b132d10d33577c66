// Webhook endpoints (webhook:manage): add, edit, enable or disable, roll the secret, send a test, remove;
// each with a link to its delivery log. A signing secret is shown once, from memory.
import { type WebhookEndpoint, WebhookEventType } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { formatInstant } from '../format.js'
import { messages } from '../messages.js'
import { sectionHref } from '../sections.js'
import { ConsoleView, field } from './view.js'

const EVENT_TYPES = WebhookEventType.options

export class WebhooksView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _endpoints: { state: true },
    _editing: { state: true },
    _removing: { state: true },
    _secret: { state: true },
  }
  declare _endpoints: WebhookEndpoint[] | null
  declare _editing: WebhookEndpoint | 'new' | null
  declare _removing: WebhookEndpoint | null
  declare _secret: { secret: string; note: string | null } | null

  constructor() {
    super()
    this._endpoints = null
    this._editing = null
    this._removing = null
    this._secret = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const endpoints = await this.run(() => this.ctx.staff.webhooks.endpoints.list())
    if (endpoints) this._endpoints = endpoints
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const params = {
      url: field(form, 'url'),
      events: EVENT_TYPES.filter((type) => data.getAll('events').includes(type)),
      enabled: data.get('enabled') === 'on',
    }
    const editing = this._editing
    const endpoints = this.ctx.staff.webhooks.endpoints
    if (editing && editing !== 'new') {
      if (!(await this.run(() => endpoints.update(editing.id, params)))) return
      this.ctx.announce(messages.saved)
    } else {
      const created = await this.run(() => endpoints.create(params))
      if (!created) return
      this.#showSecret(created.secret, null)
    }
    this._editing = null
    await this.#load()
  }

  async #rollSecret(endpoint: WebhookEndpoint): Promise<void> {
    const rolled = await this.run(() => this.ctx.staff.webhooks.endpoints.rollSecret(endpoint.id))
    if (!rolled) return
    const until = rolled.previousSecretExpiresAt
    this.#showSecret(
      rolled.secret,
      until ? messages.webhooks.previousUntil(formatInstant(until, this.ctx.me.clinic.timeZone)) : null,
    )
    await this.#load()
  }

  async #test(endpoint: WebhookEndpoint): Promise<void> {
    const delivery = await this.run(() => this.ctx.staff.webhooks.endpoints.test(endpoint.id))
    if (!delivery) return
    const status = messages.webhooks.deliveryStatuses[delivery.status] ?? delivery.status
    this.ctx.announce(
      messages.webhooks.tested(`${status}${delivery.responseStatus ? ` (${delivery.responseStatus})` : ''}`),
    )
  }

  async #remove(endpoint: WebhookEndpoint): Promise<void> {
    const done = await this.run(async () => {
      await this.ctx.staff.webhooks.endpoints.remove(endpoint.id)
      return true
    })
    if (!done) return
    this._removing = null
    this.ctx.announce(messages.webhooks.removed)
    await this.#load()
    void this.focusAfterRender('h1')
  }

  #showSecret(secret: string, note: string | null): void {
    this._secret = { secret, note }
    void this.focusAfterRender('#webhook-secret-heading')
  }

  #edit(editing: WebhookEndpoint | 'new' | null): void {
    this._editing = editing
    void this.focusAfterRender(editing ? '#webhook-form-heading' : '#add-webhook')
  }

  #askRemove(endpoint: WebhookEndpoint | null): void {
    this._removing = endpoint
    void this.focusAfterRender(endpoint ? '#webhook-remove-heading' : 'h1')
  }

  override render(): TemplateResult {
    const m = messages.webhooks
    return html`
      <h1 tabindex="-1">${messages.sections.webhooks}</h1>
      <p class="hint">${m.intro}</p>
      ${this._secret ? this.#renderSecret(this._secret) : nothing}
      ${
        this._removing
          ? html`<section class="panel" aria-labelledby="webhook-remove-heading">
              <h2 id="webhook-remove-heading" tabindex="-1">${m.removeLabel(this._removing.url)}</h2>
              <p>${m.removeConfirm(this._removing.url)}</p>
              <div class="row">
                <button type="button" class="danger" ?disabled=${this._busy}
                  @click=${() => this._removing && this.#remove(this._removing)}>${m.confirmRemove}</button>
                <button type="button" @click=${() => this.#askRemove(null)}>${messages.cancel}</button>
              </div>
            </section>`
          : nothing
      }
      ${this._endpoints === null ? html`<p>${messages.loading}</p>` : this.#renderTable(this._endpoints)}
      ${
        this._editing
          ? this.#renderForm(this._editing === 'new' ? null : this._editing)
          : html`<button id="add-webhook" type="button" class="primary" @click=${() => this.#edit('new')}>${m.add}</button>`
      }
    `
  }

  #renderSecret(secret: { secret: string; note: string | null }): TemplateResult {
    const m = messages.webhooks
    return html`<section class="panel" aria-labelledby="webhook-secret-heading">
      <h2 id="webhook-secret-heading" tabindex="-1">${m.newSecret}</h2>
      <p>${m.secretShownOnce}</p>
      <code class="secret">${secret.secret}</code>
      ${secret.note ? html`<p>${secret.note}</p>` : nothing}
      <button type="button" class="primary" @click=${() => {
        this._secret = null
        void this.focusAfterRender('h1')
      }}>${messages.keys.stored}</button>
    </section>`
  }

  #renderTable(endpoints: WebhookEndpoint[]): TemplateResult {
    const m = messages.webhooks
    if (endpoints.length === 0) return html`<p>${m.empty}</p>`
    return html`<table>
      <thead><tr>
        <th scope="col">${m.url}</th><th scope="col">${m.events}</th><th scope="col">${m.enabled}</th>
        <th scope="col">${m.secret}</th><th scope="col">${messages.actions}</th>
      </tr></thead>
      <tbody>
        ${endpoints.map(
          (endpoint) => html`<tr>
            <td class="mono">${endpoint.url}</td>
            <td>${endpoint.events.join(', ')}</td>
            <td>${endpoint.enabled ? messages.yes : messages.no}</td>
            <td class="mono">…${endpoint.secretHint}</td>
            <td><div class="row">
              <a href=${sectionHref('webhooks', endpoint.id)} aria-label=${m.deliveriesLabel(endpoint.url)}>${m.deliveries}</a>
              <button type="button" aria-label=${m.editLabel(endpoint.url)} @click=${() => this.#edit(endpoint)}>${messages.edit}</button>
              <button type="button" aria-label=${m.testLabel(endpoint.url)} ?disabled=${this._busy}
                @click=${() => this.#test(endpoint)}>${m.test}</button>
              <button type="button" aria-label=${m.rollSecretLabel(endpoint.url)} ?disabled=${this._busy}
                @click=${() => this.#rollSecret(endpoint)}>${m.rollSecret}</button>
              <button type="button" class="danger" aria-label=${m.removeLabel(endpoint.url)}
                @click=${() => this.#askRemove(endpoint)}>${messages.remove}</button>
            </div></td>
          </tr>`,
        )}
      </tbody>
    </table>`
  }

  #renderForm(endpoint: WebhookEndpoint | null): TemplateResult {
    const m = messages.webhooks
    return html`<form class="panel" @submit=${this.#save} aria-labelledby="webhook-form-heading">
      <h2 id="webhook-form-heading" tabindex="-1">${endpoint ? m.editHeading(endpoint.url) : m.addHeading}</h2>
      <div class="field">
        <label for="webhook-url">${m.url}</label>
        <input id="webhook-url" name="url" type="url" required maxlength="2000" placeholder="https://"
          .value=${endpoint?.url ?? ''} />
      </div>
      <fieldset>
        <legend>${m.events}</legend>
        ${EVENT_TYPES.map(
          (type) => html`<label class="check"><input type="checkbox" name="events" value=${type}
            ?checked=${endpoint ? endpoint.events.includes(type) : true} /><span class="mono">${type}</span></label>`,
        )}
      </fieldset>
      <label class="check"><input type="checkbox" name="enabled" ?checked=${endpoint?.enabled ?? true} />${m.enabled}</label>
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this._busy}>${messages.save}</button>
        <button type="button" @click=${() => this.#edit(null)}>${messages.cancel}</button>
      </div>
    </form>`
  }
}
