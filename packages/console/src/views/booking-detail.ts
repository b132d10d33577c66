// One booking: the patient, service, time and status; cancel it (booking:manage); the messages sent about it;
// its intake answers and the patient's consent records (patient:read). Ids only in the URL; names stay on screen.
import type { BookingRecord, ConsentRecord } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { formatLocalDate } from '../format.js'
import { messages } from '../messages.js'
import { sectionHref } from '../sections.js'
import { type IntakeShown, loadIntake, renderConsent, renderIntake } from './patient-records.js'
import { ConsoleView, field } from './view.js'

export class BookingDetailView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    bookingId: { attribute: false },
    _booking: { state: true },
    _confirming: { state: true },
    _intake: { state: true },
    _consent: { state: true },
  }
  declare bookingId: string
  declare _booking: BookingRecord | null
  declare _confirming: boolean
  declare _intake: IntakeShown[] | null
  declare _consent: ConsentRecord[] | null
  names = { service: '', practitioner: '' }

  constructor() {
    super()
    this._booking = null
    this._confirming = false
    this._intake = null
    this._consent = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const booking = await this.run(() => this.ctx.staff.bookings.get(this.bookingId))
    if (!booking) return
    this._booking = booking
    const catalogue = this.ctx.staff.catalogue
    await this.run(async () => {
      const [service, practitioner] = await Promise.all([
        catalogue.services.get(booking.serviceId).catch(() => null),
        catalogue.practitioners.get(booking.practitionerId).catch(() => null),
      ])
      this.names = { service: service?.name ?? booking.serviceId, practitioner: practitioner?.name ?? '' }
      this.requestUpdate()
    })
    if (this.ctx.can('patient:read'))
      await Promise.all([this.#loadIntake(booking), this.#loadConsent(booking)])
  }

  async #loadIntake(booking: BookingRecord): Promise<void> {
    const shown = await this.run(() => loadIntake(this.ctx.staff, booking.id))
    this._intake = shown ?? []
  }

  async #loadConsent(booking: BookingRecord): Promise<void> {
    const page = await this.run(() =>
      this.ctx.staff.consent.records.list({ patientId: booking.patient.id, limit: 100 }),
    )
    this._consent = page?.data ?? []
  }

  async #cancel(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const reason = field(event.currentTarget as HTMLFormElement, 'reason')
    const cancelled = await this.run(() =>
      this.ctx.staff.bookings.cancel(this.bookingId, reason ? { reason } : {}),
    )
    if (!cancelled || !this._booking) return
    this._booking = { ...this._booking, ...cancelled, cancelReason: reason || null }
    this._confirming = false
    this.ctx.announce(messages.booking.cancelled)
    void this.focusAfterRender('h1')
  }

  #confirm(on: boolean): void {
    this._confirming = on
    void this.focusAfterRender(on ? '#cancel-reason' : '#cancel-booking')
  }

  override render(): TemplateResult {
    const m = messages.booking
    const booking = this._booking
    const tz = this.ctx.me.clinic.timeZone
    return html`
      <p><a href=${sectionHref('bookings')}>${m.back}</a></p>
      <h1 tabindex="-1">${m.heading}</h1>
      ${
        booking
          ? html`<dl>
              <dt>${m.when}</dt><dd>${formatLocalDate(booking.localDate)}, ${booking.localTime} (${booking.timeZone})</dd>
              <dt>${m.service}</dt><dd>${this.names.service}</dd>
              <dt>${m.practitioner}</dt><dd>${this.names.practitioner}</dd>
              <dt>${m.status}</dt><dd>${messages.bookings.statuses[booking.status] ?? booking.status}</dd>
              ${booking.cancelReason ? html`<dt>${m.cancelReason}</dt><dd>${booking.cancelReason}</dd>` : nothing}
              <dt>${m.patient}</dt><dd>${booking.patient.name}</dd>
              <dt>${m.dateOfBirth}</dt><dd>${booking.patient.dateOfBirth ? formatLocalDate(booking.patient.dateOfBirth) : messages.none}</dd>
              <dt>${m.email}</dt><dd>${booking.patient.email ?? messages.none}</dd>
              <dt>${m.phone}</dt><dd>${booking.patient.phone ?? messages.none}</dd>
              ${booking.notes ? html`<dt>${m.notes}</dt><dd>${booking.notes}</dd>` : nothing}
            </dl>
            ${booking.status === 'confirmed' && this.ctx.can('booking:manage') ? this.#renderCancel() : nothing}
            <fd-booking-messages .ctx=${this.ctx} .bookingId=${booking.id}></fd-booking-messages>
            ${this._intake ? renderIntake(this._intake, tz, messages.booking.noIntake) : nothing}
            ${this._consent ? renderConsent(this._consent, tz, booking.id) : nothing}`
          : this._busy
            ? html`<p>${messages.loading}</p>`
            : nothing
      }
    `
  }

  #renderCancel(): TemplateResult {
    const m = messages.booking
    if (!this._confirming) {
      return html`<button id="cancel-booking" type="button" class="danger" @click=${() => this.#confirm(true)}>${m.cancel}</button>`
    }
    return html`<form class="panel" @submit=${this.#cancel}>
      <p>${m.cancelConfirm}</p>
      <div class="field">
        <label for="cancel-reason">${m.cancelReasonLabel}</label>
        <input id="cancel-reason" name="reason" maxlength="500" />
      </div>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this._busy}>${m.confirmCancel}</button>
        <button type="button" @click=${() => this.#confirm(false)}>${m.keep}</button>
      </div>
    </form>`
  }
}
