// The audit trail (audit:read): filter by patient, actor, action and time, page by page, oldest first.
// Filters stay in this view's memory, never in the URL: a patient id is patient data's key.
import type { AuditEvent } from '@frontdesk/contracts'
import type { AuditEventListParams } from '@frontdesk/sdk'
import { html, nothing, type TemplateResult } from 'lit'
import { formatInstant, zonedInstant } from '../format.js'
import { messages } from '../messages.js'
import { ConsoleView, field } from './view.js'

const PAGE_SIZE = 50

export class AuditView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _events: { state: true },
    _page: { state: true },
  }
  declare _events: AuditEvent[] | null
  declare _page: number
  query: AuditEventListParams = {}
  /** The cursor each page was fetched with; the first page has none. */
  cursors: (string | undefined)[] = [undefined]
  nextCursor: string | null = null

  constructor() {
    super()
    this._events = null
    this._page = 0
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#fetch(0)
  }

  async #fetch(page: number): Promise<void> {
    const cursor = this.cursors[page]
    const answer = await this.run(() =>
      this.ctx.staff.audit.list({ ...this.query, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    )
    if (!answer) return
    this._page = page
    this.nextCursor = answer.nextCursor
    this.cursors[page + 1] = answer.nextCursor ?? undefined
    this._events = answer.data
  }

  async #search(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const tz = this.ctx.me.clinic.timeZone
    const instant = (name: string) => {
      const value = field(form, name)
      if (!value) return undefined
      const [date = '', time = '00:00'] = value.split('T')
      return zonedInstant(date, time, tz)
    }
    this.query = {
      patientId: field(form, 'patientId') || undefined,
      actorId: field(form, 'actorId') || undefined,
      action: field(form, 'action') || undefined,
      from: instant('from'),
      to: instant('to'),
    }
    this.cursors = [undefined]
    await this.#fetch(0)
  }

  override render(): TemplateResult {
    const m = messages.audit
    return html`
      <h1 tabindex="-1">${messages.sections.audit}</h1>
      <p class="hint">${m.intro}</p>
      <form class="panel" @submit=${this.#search} aria-labelledby="audit-filters">
        <h2 id="audit-filters">${m.filters}</h2>
        <div class="grid">
          <div class="field">
            <label for="audit-patient">${m.patientId}</label>
            <input id="audit-patient" name="patientId" autocomplete="off" pattern="[a-z]+_[A-Za-z0-9]+" placeholder="pat_…" />
          </div>
          <div class="field">
            <label for="audit-actor">${m.actorId}</label>
            <input id="audit-actor" name="actorId" autocomplete="off" maxlength="100" />
          </div>
          <div class="field">
            <label for="audit-action">${m.action}</label>
            <input id="audit-action" name="action" autocomplete="off" maxlength="100" placeholder="booking.create" />
          </div>
          <div class="field">
            <label for="audit-from">${m.from}</label>
            <input id="audit-from" name="from" type="datetime-local" />
          </div>
          <div class="field">
            <label for="audit-to">${m.to}</label>
            <input id="audit-to" name="to" type="datetime-local" />
          </div>
        </div>
        <button type="submit" class="primary" ?disabled=${this._busy}>${m.search}</button>
      </form>
      ${this._events === null ? html`<p>${messages.loading}</p>` : this.#renderEvents(this._events)}
    `
  }

  #renderEvents(events: AuditEvent[]): TemplateResult {
    const m = messages.audit
    const tz = this.ctx.me.clinic.timeZone
    return html`
      ${
        events.length === 0
          ? html`<p>${m.empty}</p>`
          : html`<table>
              <caption>${m.page(this._page + 1)}</caption>
              <thead><tr>
                <th scope="col">${m.when}</th><th scope="col">${m.actor}</th><th scope="col">${m.action}</th>
                <th scope="col">${m.object}</th><th scope="col">${m.address}</th>
              </tr></thead>
              <tbody>
                ${events.map(
                  (event) => html`<tr>
                    <td>${formatInstant(event.occurredAt, tz)}</td>
                    <td class="mono">${event.actor.type}: ${event.actor.id}</td>
                    <td class="mono">${event.action}</td>
                    <td class="mono">${event.object.type}: ${event.object.id}</td>
                    <td class="mono">${event.clientIp ?? ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
      <nav class="row" aria-label=${m.page(this._page + 1)}>
        ${
          this._page > 0
            ? html`<button type="button" ?disabled=${this._busy} @click=${() => this.#fetch(this._page - 1)}>${m.previous}</button>`
            : nothing
        }
        ${
          this.nextCursor
            ? html`<button type="button" ?disabled=${this._busy} @click=${() => this.#fetch(this._page + 1)}>${m.next}</button>`
            : nothing
        }
      </nav>
    `
  }
}
