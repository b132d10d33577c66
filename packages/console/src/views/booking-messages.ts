// A booking's messages, inside its details (booking:read; a practitioner's own bookings only, which the
// server enforces): what was planned and sent to the patient, when, and how it went. Refreshed on request.
import type { Message } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { describeMessage } from '../message-log.js'
import { messages } from '../messages.js'
import { ConsoleView } from './view.js'

export class BookingMessagesView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    bookingId: { attribute: false },
    _messages: { state: true },
  }
  declare bookingId: string
  declare _messages: Message[] | null

  constructor() {
    super()
    this._messages = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  async load(): Promise<void> {
    const log = await this.run(() => this.ctx.staff.messages.forBooking(this.bookingId))
    if (log) this._messages = log.data
  }

  override render(): TemplateResult {
    const m = messages.patientMessages
    const list = this._messages
    return html`<section aria-labelledby="booking-messages-heading">
      <h2 id="booking-messages-heading">${m.heading}</h2>
      <p class="hint">${m.intro}</p>
      ${list === null ? (this._busy ? html`<p>${messages.loading}</p>` : nothing) : this.#renderTable(list)}
      <button type="button" ?disabled=${this._busy} @click=${() => this.load()}>${m.refresh}</button>
    </section>`
  }

  #renderTable(list: Message[]): TemplateResult {
    const m = messages.patientMessages
    if (list.length === 0) return html`<p>${m.none}</p>`
    const tz = this.ctx.me.clinic.timeZone
    return html`<table>
      <thead><tr>
        <th scope="col">${m.what}</th><th scope="col">${m.channel}</th>
        <th scope="col">${m.when}</th><th scope="col">${m.status}</th>
      </tr></thead>
      <tbody>
        ${list.map((message) => {
          const shown = describeMessage(message, tz)
          return html`<tr>
            <td>${shown.what}</td>
            <td>${shown.channel}</td>
            <td>${shown.when}</td>
            <td class=${shown.failed ? 'issue' : ''}>${shown.status}</td>
          </tr>`
        })}
      </tbody>
    </table>`
  }
}
