// One patient (patient:read): their details, bookings, intake answers, consent and the messages sent them;
// correct the details (patient:manage). The rights actions (rights:manage) are ./patient-rights.ts. Every
// read here is the API's audited read, as it is for a secret key. Only the patient's id is in the URL.
import type { BookingRecord, ConsentRecord, ConsentState, Message, PatientRecord } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { formatInstant, formatLocalDate } from '../format.js'
import { messages } from '../messages.js'
import { sectionHref } from '../sections.js'
import {
  type IntakeShown,
  loadIntake,
  renderConsent,
  renderIntake,
  renderMessageTable,
} from './patient-records.js'
import { ConsoleView, field } from './view.js'

interface Related {
  bookings: BookingRecord[]
  intake: IntakeShown[]
  consent: ConsentRecord[]
  state: ConsentState | null
  messages: Message[]
}

export class PatientDetailView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    patientId: { attribute: false },
    _patient: { state: true },
    _related: { state: true },
    _correcting: { state: true },
  }
  declare patientId: string
  declare _patient: PatientRecord | null
  declare _related: Related | null
  declare _correcting: boolean

  constructor() {
    super()
    this._patient = null
    this._related = null
    this._correcting = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const patient = await this.run(() => this.ctx.staff.patients.get(this.patientId))
    if (!patient) return
    this._patient = patient
    if (patient.erasedAt) return
    const staff = this.ctx.staff
    const related = await this.run(async () => {
      const bookings = (await staff.bookings.list({ patientId: patient.id, limit: 100 })).data
      const [intake, consent, state, sent] = await Promise.all([
        Promise.all(bookings.map((booking) => loadIntake(staff, booking.id))),
        staff.consent.records.list({ patientId: patient.id, limit: 100 }),
        staff.consent.state(patient.id).catch(() => null),
        Promise.all(bookings.map((booking) => staff.messages.forBooking(booking.id))),
      ])
      return {
        bookings,
        intake: intake.flat(),
        consent: consent.data,
        state,
        messages: sent.flatMap((log) => log.data).sort((a, b) => b.sendAt.localeCompare(a.sendAt)),
      }
    })
    if (related) this._related = related
  }

  /** A rights action changed the record (restricted, erased): show it as the API now has it. */
  readonly #changed = (patient: PatientRecord) => {
    this._patient = patient
    if (patient.erasedAt) this._related = null
  }

  async #correct(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const patient = this._patient
    if (!patient) return
    const form = event.currentTarget as HTMLFormElement
    const typed = {
      name: field(form, 'name'),
      email: field(form, 'email') || null,
      phone: field(form, 'phone') || null,
      dateOfBirth: field(form, 'dateOfBirth') || undefined,
    }
    // Only what changed: the audit trail then says what was corrected, and an unchanged field is not re-checked.
    const patch = Object.fromEntries(
      Object.entries(typed).filter(
        ([key, value]) => value !== undefined && value !== (patient[key as keyof PatientRecord] ?? null),
      ),
    )
    if (Object.keys(patch).length === 0) {
      this.ctx.alert(messages.patients.nothingChanged)
      return
    }
    const corrected = await this.run(() => this.ctx.staff.patients.correct(patient.id, patch))
    if (!corrected) return
    this._patient = corrected
    this._correcting = false
    this.ctx.announce(messages.patients.corrected)
    void this.focusAfterRender('#correct-patient')
  }

  #startCorrecting(on: boolean): void {
    this._correcting = on
    void this.focusAfterRender(on ? '#correct-name' : '#correct-patient')
  }

  override render(): TemplateResult {
    const m = messages.patients
    const patient = this._patient
    return html`
      <p><a href=${sectionHref('patients')}>${m.back}</a></p>
      <h1 tabindex="-1">${m.heading}</h1>
      ${patient ? this.#renderPatient(patient) : this._busy ? html`<p>${messages.loading}</p>` : nothing}
    `
  }

  #renderPatient(patient: PatientRecord): TemplateResult {
    const m = messages.patients
    const tz = this.ctx.me.clinic.timeZone
    const related = this._related
    return html`
      <h2>${m.details}</h2>
      ${patient.erasedAt ? html`<p class="panel">${m.erased(formatInstant(patient.erasedAt, tz))}</p>` : nothing}
      ${patient.restrictedAt ? html`<p class="panel">${m.restrictedSince(formatInstant(patient.restrictedAt, tz))}</p>` : nothing}
      <dl>
        <dt>${m.name}</dt><dd>${patient.name}</dd>
        <dt>${m.dateOfBirth}</dt><dd>${patient.dateOfBirth ? formatLocalDate(patient.dateOfBirth) : messages.none}</dd>
        <dt>${m.email}</dt><dd>${patient.email ?? messages.none}</dd>
        <dt>${m.phone}</dt><dd>${patient.phone ?? messages.none}</dd>
        <dt>${m.since}</dt><dd>${formatInstant(patient.createdAt, tz)}</dd>
      </dl>
      ${!patient.erasedAt && this.ctx.can('patient:manage') ? this.#renderCorrect(patient) : nothing}
      ${related ? this.#renderRelated(related, tz) : nothing}
      ${
        this.ctx.can('rights:manage')
          ? html`<fd-patient-rights .ctx=${this.ctx} .patient=${patient} .changed=${this.#changed}></fd-patient-rights>`
          : html`<p class="hint">${m.readOnlyRights}</p>`
      }
    `
  }

  #renderCorrect(patient: PatientRecord): TemplateResult {
    const m = messages.patients
    if (!this._correcting) {
      return html`<button id="correct-patient" type="button" @click=${() => this.#startCorrecting(true)}>${m.correct}</button>`
    }
    return html`<form class="panel" aria-labelledby="correct-heading" @submit=${this.#correct}>
      <h3 id="correct-heading">${m.correctHeading}</h3>
      <p class="hint">${m.correctHint}</p>
      <div class="field">
        <label for="correct-name">${m.name}</label>
        <input id="correct-name" name="name" required maxlength="200" autocomplete="off" .value=${patient.name} />
      </div>
      <div class="field">
        <label for="correct-email">${m.email}</label>
        <input id="correct-email" name="email" type="email" autocomplete="off" .value=${patient.email ?? ''} />
      </div>
      <div class="field">
        <label for="correct-phone">${m.phone}</label>
        <input id="correct-phone" name="phone" type="tel" autocomplete="off" .value=${patient.phone ?? ''} />
      </div>
      <div class="field">
        <label for="correct-dob">${m.dateOfBirth}</label>
        <input id="correct-dob" name="dateOfBirth" type="date" .value=${patient.dateOfBirth ?? ''} />
      </div>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this._busy}>${m.saveCorrection}</button>
        <button type="button" @click=${() => this.#startCorrecting(false)}>${messages.cancel}</button>
      </div>
    </form>`
  }

  #renderRelated(related: Related, tz: string): TemplateResult {
    const m = messages.patients
    return html`
      <h2>${m.bookings}</h2>
      ${
        related.bookings.length === 0
          ? html`<p>${m.noBookings}</p>`
          : html`<table>
              <thead><tr><th scope="col">${m.when}</th><th scope="col">${m.status}</th></tr></thead>
              <tbody>
                ${related.bookings.map((booking) => {
                  const when = `${formatLocalDate(booking.localDate)}, ${booking.localTime}`
                  return html`<tr>
                    <td><a href=${sectionHref('bookings', booking.id)} aria-label=${m.openBooking(when)}>${when}</a></td>
                    <td>${messages.bookings.statuses[booking.status] ?? booking.status}</td>
                  </tr>`
                })}
              </tbody>
            </table>`
      }
      ${renderIntake(related.intake, tz, m.noIntake)}
      ${renderConsent(related.consent, tz)}
      ${this.#renderState(related.state)}
      <h2>${messages.patientMessages.heading}</h2>
      ${renderMessageTable(related.messages, tz)}
    `
  }

  #renderState(state: ConsentState | null): TemplateResult | typeof nothing {
    if (!state) return nothing
    const m = messages.patients
    return html`<h3>${m.consentState}</h3>
      ${
        state.purposes.length === 0
          ? html`<p>${m.noDecisions}</p>`
          : html`<dl>
              ${state.purposes.map(
                (purpose) =>
                  html`<dt>${purpose.purpose}</dt><dd>${m.decision[purpose.state] ?? purpose.state}</dd>`,
              )}
            </dl>`
      }`
  }
}
