// A patient's rights, acted on from their page (rights:manage, which the API checks again): restrict or lift,
// export as JSON or FHIR (a file made in this browser from a Blob, never the data in a URL), legal holds,
// and erasure after a confirm step, with the report of what went and what stayed.
import type { ErasureReport, LegalHold, PatientRecord, RecordKind } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { formatInstant, formatLocalDate } from '../format.js'
import { messages } from '../messages.js'
import { ConsoleView, field } from './view.js'

const KINDS: readonly RecordKind[] = ['bookings', 'intake', 'consent', 'audit']

export class PatientRightsView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    patient: { attribute: false },
    changed: { attribute: false },
    _holds: { state: true },
    _confirmingErase: { state: true },
    _report: { state: true },
  }
  declare patient: PatientRecord
  /** Told of the record as the API answers it after a restriction or an erasure. */
  declare changed: (patient: PatientRecord) => void
  declare _holds: LegalHold[] | null
  declare _confirmingErase: boolean
  declare _report: ErasureReport | null

  constructor() {
    super()
    this._holds = null
    this._confirmingErase = false
    this._report = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#loadHolds()
  }

  async #loadHolds(): Promise<void> {
    const holds = await this.run(() => this.ctx.staff.patients.legalHolds.list(this.patient.id))
    if (holds) this._holds = holds.data
  }

  async #restrict(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const reason = field(event.currentTarget as HTMLFormElement, 'reason')
    const patients = this.ctx.staff.patients
    const lift = this.patient.restrictedAt !== null
    const updated = await this.run(() =>
      lift
        ? patients.liftRestriction(this.patient.id)
        : patients.restrict(this.patient.id, reason ? { reason } : {}),
    )
    if (!updated) return
    this.changed(updated)
    this.ctx.announce(lift ? messages.patients.liftedNow : messages.patients.restrictedNow)
  }

  async #export(format: 'json' | 'fhir'): Promise<void> {
    const patients = this.ctx.staff.patients
    const id = this.patient.id
    const data = await this.run(
      (): Promise<unknown> => (format === 'json' ? patients.export(id) : patients.exportFhir(id)),
    )
    if (!data) return
    download(JSON.stringify(data, null, 2), `${id}${format === 'fhir' ? '.fhir' : ''}.json`)
    this.ctx.announce(messages.patients.exported)
  }

  async #placeHold(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const kinds = new FormData(form).getAll('kinds') as RecordKind[]
    if (kinds.length === 0) {
      this.ctx.alert(messages.patients.pickKind)
      form.querySelector<HTMLInputElement>('input[name="kinds"]')?.focus()
      return
    }
    const until = field(form, 'until')
    const hold = await this.run(() =>
      this.ctx.staff.patients.legalHolds.place(this.patient.id, {
        kinds,
        reason: field(form, 'reason'),
        ...(until ? { until } : {}),
      }),
    )
    if (!hold) return
    form.reset()
    this._holds = [hold, ...(this._holds ?? [])]
    this.ctx.announce(messages.patients.holdPlaced)
  }

  async #release(hold: LegalHold): Promise<void> {
    const released = await this.run(() => this.ctx.staff.patients.legalHolds.release(hold.id))
    if (!released) return
    this._holds = (this._holds ?? []).map((each) => (each.id === released.id ? released : each))
    this.ctx.announce(messages.patients.holdReleased)
    void this.focusAfterRender('#holds-heading')
  }

  async #erase(): Promise<void> {
    const report = await this.run(() => this.ctx.staff.patients.erase(this.patient.id))
    if (!report) return
    this._report = report
    this._confirmingErase = false
    this.ctx.announce(messages.patients.erasedNow)
    const after = await this.run(() => this.ctx.staff.patients.get(this.patient.id))
    if (after) this.changed(after)
    void this.focusAfterRender('#erasure-report')
  }

  #confirmErase(on: boolean): void {
    this._confirmingErase = on
    void this.focusAfterRender(on ? '#confirm-erase' : '#erase-patient')
  }

  override render(): TemplateResult {
    const erased = this.patient.erasedAt !== null
    return html`
      ${this._report ? this.#renderReport(this._report) : nothing}
      ${erased ? nothing : this.#renderRestriction()}
      ${erased ? nothing : this.#renderExport()}
      ${this.#renderHolds()}
      ${erased ? nothing : this.#renderErase()}
    `
  }

  #renderRestriction(): TemplateResult {
    const m = messages.patients
    const restricted = this.patient.restrictedAt !== null
    return html`<section aria-labelledby="restriction-heading">
      <h2 id="restriction-heading">${m.restrictionHeading}</h2>
      <form class="row" @submit=${this.#restrict}>
        ${
          restricted
            ? nothing
            : html`<div class="field">
                <label for="restrict-reason">${m.restrictReason}</label>
                <input id="restrict-reason" name="reason" maxlength="500" autocomplete="off" />
              </div>`
        }
        <button type="submit" ?disabled=${this._busy}>${restricted ? m.liftRestriction : m.restrict}</button>
      </form>
    </section>`
  }

  #renderExport(): TemplateResult {
    const m = messages.patients
    return html`<section aria-labelledby="export-heading">
      <h2 id="export-heading">${m.exportHeading}</h2>
      <p class="hint">${m.exportHint}</p>
      <div class="row">
        <button type="button" ?disabled=${this._busy} @click=${() => this.#export('json')}>${m.exportJson}</button>
        <button type="button" ?disabled=${this._busy} @click=${() => this.#export('fhir')}>${m.exportFhir}</button>
      </div>
    </section>`
  }

  #renderHolds(): TemplateResult {
    const m = messages.patients
    const tz = this.ctx.me.clinic.timeZone
    const holds = this._holds
    const kindsOf = (hold: LegalHold) => hold.kinds.map((kind) => m.kind[kind]).join(', ')
    return html`<section aria-labelledby="holds-heading">
      <h2 id="holds-heading" tabindex="-1">${m.holdsHeading}</h2>
      <p class="hint">${m.holdsHint}</p>
      ${
        holds === null
          ? nothing
          : holds.length === 0
            ? html`<p>${m.noHolds}</p>`
            : html`<table>
                <thead><tr>
                  <th scope="col">${m.kinds}</th><th scope="col">${m.holdReason}</th>
                  <th scope="col">${m.placed}</th><th scope="col">${m.status}</th>
                  <th scope="col">${messages.actions}</th>
                </tr></thead>
                <tbody>
                  ${holds.map(
                    (hold) => html`<tr>
                      <td>${kindsOf(hold)}</td>
                      <td>${hold.reason}${hold.until ? html` (${m.holdUntil}: ${formatLocalDate(hold.until)})` : nothing}</td>
                      <td>${formatInstant(hold.createdAt, tz)}</td>
                      <td>${hold.releasedAt ? `${m.released} ${formatInstant(hold.releasedAt, tz)}` : m.holdActive}</td>
                      <td>${
                        hold.releasedAt
                          ? nothing
                          : html`<button type="button" ?disabled=${this._busy} @click=${() => this.#release(hold)}>${m.release(kindsOf(hold))}</button>`
                      }</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
      }
      <form class="panel" @submit=${this.#placeHold}>
        <fieldset>
          <legend>${m.kinds}</legend>
          ${KINDS.map(
            (kind) => html`<label class="check">
              <input type="checkbox" name="kinds" value=${kind} /> ${m.kind[kind]}
            </label>`,
          )}
        </fieldset>
        <div class="field">
          <label for="hold-reason">${m.holdReason}</label>
          <input id="hold-reason" name="reason" required maxlength="500" autocomplete="off" />
        </div>
        <div class="field">
          <label for="hold-until">${m.holdUntil}</label>
          <input id="hold-until" name="until" type="date" />
        </div>
        <button type="submit" ?disabled=${this._busy}>${m.placeHold}</button>
      </form>
    </section>`
  }

  #renderErase(): TemplateResult {
    const m = messages.patients
    return html`<section aria-labelledby="erase-heading">
      <h2 id="erase-heading">${m.eraseHeading}</h2>
      <p class="hint">${m.eraseHint}</p>
      ${
        this._confirmingErase
          ? html`<div class="panel" role="group" aria-labelledby="erase-confirm-text">
              <p id="erase-confirm-text">${m.eraseConfirm}</p>
              <div class="row">
                <button id="confirm-erase" class="danger" type="button" ?disabled=${this._busy}
                  @click=${() => this.#erase()}>${m.confirmErase}</button>
                <button type="button" @click=${() => this.#confirmErase(false)}>${m.keep}</button>
              </div>
            </div>`
          : html`<button id="erase-patient" class="danger" type="button" @click=${() => this.#confirmErase(true)}>${m.erase}</button>`
      }
    </section>`
  }

  #renderReport(report: ErasureReport): TemplateResult {
    const m = messages.patients
    const removed = report.removed
    return html`<section class="panel" aria-labelledby="erasure-report">
      <h2 id="erasure-report" tabindex="-1">${m.reportHeading}</h2>
      <h3>${m.reportRemoved}</h3>
      <dl>
        <dt>${m.removed.patientDetails}</dt><dd>${m.detailsRemoved(removed.patientDetails)}</dd>
        ${(
          ['bookingNotes', 'intakeResponses', 'intakeFiles', 'consentEvidence', 'pendingMessages'] as const
        ).map((key) => html`<dt>${m.removed[key]}</dt><dd>${removed[key]}</dd>`)}
      </dl>
      <h3>${m.reportRetained}</h3>
      ${
        report.retained.length === 0
          ? html`<p>${m.reportNothingKept}</p>`
          : html`<ul>
              ${report.retained.map(
                (kept) =>
                  html`<li>${m.retainedLine(m.kind[kept.kind], kept.count, m.retainedReason[kept.reason])}</li>`,
              )}
            </ul>`
      }
    </section>`
  }
}

/** Hands the browser a file made here: a Blob behind a short-lived object URL, so no data travels in a URL. */
function download(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.click()
  // Revoked after the click has been handled: the download holds its own reference by then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
