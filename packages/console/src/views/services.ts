// The clinic's services: list, add and edit (catalogue:manage). Bookings already made keep their times.
import type { Service } from '@frontdesk/contracts'
import type { CreateServiceParams } from '@frontdesk/sdk'
import { html, nothing, type TemplateResult } from 'lit'
import { messages } from '../messages.js'
import { ConsoleView, field } from './view.js'

const NUMBER_FIELDS = [
  ['durationMinutes', 'duration', 5, 720, 30],
  ['bufferBeforeMinutes', 'bufferBefore', 0, 240, 0],
  ['bufferAfterMinutes', 'bufferAfter', 0, 240, 0],
  ['minNoticeMinutes', 'minNotice', 0, 527_040, 120],
  ['bookingWindowDays', 'window', 1, 730, 60],
  ['slotIntervalMinutes', 'interval', 5, 720, 15],
] as const

export class ServicesView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _services: { state: true },
    _editing: { state: true },
  }
  declare _services: Service[] | null
  /** The service being edited, 'new' for the add form, null when no form is open. */
  declare _editing: Service | 'new' | null

  constructor() {
    super()
    this._services = null
    this._editing = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const list = await this.run(() => this.ctx.staff.catalogue.services.list())
    if (list) this._services = list.data
  }

  #open(editing: Service | 'new' | null, focus = '#service-form-heading'): void {
    this._editing = editing
    void this.focusAfterRender(editing ? focus : '#add-service')
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const numbers = Object.fromEntries(NUMBER_FIELDS.map(([name]) => [name, Number(field(form, name))]))
    const params = {
      name: field(form, 'name'),
      description: field(form, 'description') || null,
      active: new FormData(form).get('active') === 'on',
      ...numbers,
    } as CreateServiceParams
    const editing = this._editing
    const saved = await this.run(() =>
      editing && editing !== 'new'
        ? this.ctx.staff.catalogue.services.update(editing.id, params)
        : this.ctx.staff.catalogue.services.create(params),
    )
    if (!saved) return
    this.ctx.announce(messages.saved)
    await this.#load()
    this.#open(null)
  }

  override render(): TemplateResult {
    const m = messages.services
    return html`
      <h1 tabindex="-1">${messages.sections.services}</h1>
      <p class="hint">${m.intro}</p>
      ${this._services === null ? html`<p>${messages.loading}</p>` : this.#renderTable(this._services)}
      ${
        this._editing
          ? this.#renderForm(this._editing === 'new' ? null : this._editing)
          : html`<button id="add-service" type="button" class="primary" @click=${() => this.#open('new')}>${m.add}</button>`
      }
    `
  }

  #renderTable(services: Service[]): TemplateResult {
    const m = messages.services
    return html`<table>
      <thead><tr>
        <th scope="col">${m.name}</th><th scope="col">${m.duration}</th><th scope="col">${m.status}</th>
        <th scope="col">${messages.actions}</th>
      </tr></thead>
      <tbody>
        ${services.map(
          (service) => html`<tr>
            <td>${service.name}</td>
            <td>${m.minutes(service.durationMinutes)}</td>
            <td>${service.active ? m.activeStatus : m.inactiveStatus}</td>
            <td><button type="button" aria-label=${m.editLabel(service.name)}
              @click=${() => this.#open(service)}>${messages.edit}</button></td>
          </tr>`,
        )}
      </tbody>
    </table>`
  }

  #renderForm(service: Service | null): TemplateResult {
    const m = messages.services
    return html`<form class="panel" @submit=${this.#save} aria-labelledby="service-form-heading">
      <h2 id="service-form-heading" tabindex="-1">${service ? m.editHeading(service.name) : m.addHeading}</h2>
      <div class="field">
        <label for="service-name">${m.name}</label>
        <input id="service-name" name="name" required maxlength="200" .value=${service?.name ?? ''} />
      </div>
      <div class="field">
        <label for="service-description">${m.description}</label>
        <textarea id="service-description" name="description" maxlength="2000" rows="3"
          .value=${service?.description ?? ''}></textarea>
      </div>
      <div class="grid">
        ${NUMBER_FIELDS.map(
          ([name, label, min, max, fallback]) => html`<div class="field">
            <label for="service-${name}">${m[label]}</label>
            <input id="service-${name}" name=${name} type="number" inputmode="numeric" required min=${min} max=${max}
              .value=${String(service?.[name] ?? fallback)} />
          </div>`,
        )}
      </div>
      <label class="check"><input type="checkbox" name="active" ?checked=${service?.active ?? true} />${m.active}</label>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this._busy}>${messages.save}</button>
        <button type="button" @click=${() => this.#open(null)}>${messages.cancel}</button>
      </div>
    </form>${nothing}`
  }
}
