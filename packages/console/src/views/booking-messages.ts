// A booking's messages, inside its details (booking:read; a practitioner's own bookings only, which the
// server enforces): what was planned and sent to the patient, when, and how it went. Refreshed on request.
import type { Message } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { messages } from '../messages.js'
import { renderMessageTable } from './patient-records.js'
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
      ${list === null ? (this._busy ? html`<p>${messages.loading}</p>` : nothing) : renderMessageTable(list, this.ctx.me.clinic.timeZone)}
      <button type="button" ?disabled=${this._busy} @click=${() => this.load()}>${m.refresh}</button>
    </section>`
  }
}
