// Rights requests (rights:manage, so owners and admins): patients' verified requests about their data,
// overdue ones first with the days left until the legal deadline, each completed or declined with a note
// to the patient; the decided ones below. Completing an access request sends the patient their download.
import type { RightsRequest } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { formatInstant, formatLocalDate } from '../format.js'
import { messages } from '../messages.js'
import { daysLeft, decidedOrder, inboxOrder, isOverdue } from '../rights-inbox.js'
import { ConsoleView, field } from './view.js'

export class RightsRequestsView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _requests: { state: true },
    _noteIssue: { state: true },
  }
  declare _requests: RightsRequest[] | null
  /** The request whose note is missing (a decline needs a reason), said beside its field. */
  declare _noteIssue: string | null

  constructor() {
    super()
    this._requests = null
    this._noteIssue = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const answer = await this.run(() => this.ctx.staff.rightsRequests.list())
    if (answer) this._requests = answer.data
  }

  /** Complete is the form's submit (Enter in a field); Decline is its own button, so neither depends on `submitter`. */
  async #decide(
    form: HTMLFormElement,
    request: RightsRequest,
    decision: 'complete' | 'reject',
  ): Promise<void> {
    const m = messages.privacy
    const note = field(form, 'note')
    const patientId = field(form, 'patientId')
    if (decision === 'reject' && !note) {
      this._noteIssue = request.id
      this.ctx.alert(m.reasonNeeded)
      return this.focusAfterRender(`#rights-note-${request.id}`)
    }
    this._noteIssue = null
    const decided = await this.run(() =>
      this.ctx.staff.rightsRequests.decide(request.id, {
        decision,
        ...(note && { note }),
        ...(patientId && { patientId }),
      }),
    )
    if (!decided) return
    this.ctx.announce(m.decisionSaved(decision === 'complete' ? m.completed : m.rejected))
    await this.#load()
    void this.focusAfterRender('#rights-open')
  }

  override render(): TemplateResult {
    const m = messages.privacy
    const requests = this._requests
    const now = Date.now()
    return html`
      <h1 tabindex="-1">${messages.sections.rights}</h1>
      <p class="hint">${m.inboxIntro}</p>
      ${
        requests === null
          ? this._busy
            ? html`<p>${messages.loading}</p>`
            : nothing
          : html`
            <section aria-labelledby="rights-open">
              <h2 id="rights-open" tabindex="-1">${m.openHeading}</h2>
              ${this.#renderOpen(
                inboxOrder(
                  requests.filter((request) => request.status === 'open'),
                  now,
                ),
                now,
              )}
            </section>
            <section aria-labelledby="rights-decided">
              <h2 id="rights-decided">${m.decidedHeading}</h2>
              ${this.#renderDecided(decidedOrder(requests.filter((request) => request.status !== 'open')))}
            </section>`
      }
    `
  }

  #renderOpen(open: RightsRequest[], now: number): TemplateResult {
    const m = messages.privacy
    if (open.length === 0) return html`<p>${m.noOpen}</p>`
    return html`<ul class="origins" id="rights-open-list">
      ${repeat(
        open,
        // Keyed: a decided request's typed note must not stay in the field that the next request takes over.
        (request) => request.id,
        (request) => html`<li>${this.#renderRequest(request, now)}</li>`,
      )}
    </ul>`
  }

  #deadline(request: RightsRequest, now: number): TemplateResult {
    const m = messages.privacy
    if (!request.dueAt) return html`—`
    const left = daysLeft(request.dueAt, now)
    const when = formatInstant(request.dueAt, this.ctx.me.clinic.timeZone)
    if (isOverdue(request, now))
      return html`${when} · <strong class="danger">${m.overdue(Math.max(1, -left))}</strong>`
    return html`${when} · ${left <= 0 ? m.dueToday : m.daysLeft(left)}`
  }

  #renderRequest(request: RightsRequest, now: number): TemplateResult {
    const m = messages.privacy
    const tz = this.ctx.me.clinic.timeZone
    const id = request.id
    const overdue = isOverdue(request, now)
    const needsPatient = request.patientId === null && request.kind !== 'rectification'
    return html`<article class="panel" id="rights-request-${id}" aria-labelledby="rights-title-${id}">
      <h3 id="rights-title-${id}">
        ${overdue ? html`<strong class="danger">${m.overdueBadge}:</strong> ` : nothing}${m.kinds[request.kind]}
      </h3>
      <dl>
        <dt>${m.due}</dt><dd class="due">${this.#deadline(request, now)}</dd>
        <dt>${m.contact}</dt><dd class="mono">${request.contact}${
          request.dateOfBirth ? html` · ${formatLocalDate(request.dateOfBirth)}` : nothing
        }</dd>
        <dt>${m.verified}</dt><dd>${
          request.verifiedAt ? formatInstant(request.verifiedAt, tz) : m.notVerified
        }</dd>
        <dt>${m.patient}</dt><dd>${
          request.patientId
            ? html`<a href="#/patients/${encodeURIComponent(request.patientId)}">${m.openPatient}</a>
                <span class="mono">${request.patientId}</span>`
            : m.noPatient
        }</dd>
        ${request.details ? html`<dt>${m.details}</dt><dd>${request.details}</dd>` : nothing}
      </dl>
      <form novalidate aria-labelledby="rights-title-${id}" @submit=${(event: SubmitEvent) => {
        event.preventDefault()
        void this.#decide(event.currentTarget as HTMLFormElement, request, 'complete')
      }}>
        ${
          needsPatient
            ? html`<div class="field">
                <label for="rights-patient-${id}">${m.patientId}</label>
                <input id="rights-patient-${id}" name="patientId" autocomplete="off" spellcheck="false" />
              </div>`
            : nothing
        }
        <div class="field">
          <label for="rights-note-${id}">${m.note}</label>
          <textarea id="rights-note-${id}" name="note" maxlength="1000" rows="2"
            aria-invalid=${this._noteIssue === id ? 'true' : nothing}
            aria-describedby="rights-note-hint-${id} ${this._noteIssue === id ? `rights-note-issue-${id}` : ''}"></textarea>
          <p id="rights-note-hint-${id}" class="hint">${m.noteHint} ${m.completeHint[request.kind]}</p>
          ${
            this._noteIssue === id
              ? html`<p id="rights-note-issue-${id}" class="issue">${m.reasonNeeded}</p>`
              : nothing
          }
        </div>
        <div class="row">
          <button type="submit" class="primary" ?disabled=${this._busy}
            aria-label="${m.complete}: ${m.kinds[request.kind]}">${m.complete}</button>
          <button type="button" ?disabled=${this._busy}
            @click=${(event: Event) => {
              const form = (event.currentTarget as HTMLButtonElement).form
              if (form) void this.#decide(form, request, 'reject')
            }}
            aria-label="${m.decline}: ${m.kinds[request.kind]}">${m.decline}</button>
        </div>
      </form>
    </article>`
  }

  #renderDecided(decided: RightsRequest[]): TemplateResult {
    const m = messages.privacy
    const tz = this.ctx.me.clinic.timeZone
    if (decided.length === 0) return html`<p>${m.noDecided}</p>`
    return html`<table id="rights-decided-table">
      <thead><tr>
        <th scope="col">${m.kind}</th><th scope="col">${m.contact}</th><th scope="col">${m.decided}</th>
        <th scope="col">${m.note}</th><th scope="col">${m.patient}</th>
      </tr></thead>
      <tbody>
        ${decided.map(
          (request) => html`<tr id="rights-decided-${request.id}">
            <td>${m.kinds[request.kind]}</td>
            <td class="mono">${request.contact}</td>
            <td>${request.status === 'completed' ? m.completed : m.rejected}${
              request.decidedAt ? html`, ${formatInstant(request.decidedAt, tz)}` : nothing
            }</td>
            <td>${request.decisionNote ?? ''}</td>
            <td>${
              request.patientId
                ? html`<a href="#/patients/${encodeURIComponent(request.patientId)}"
                    aria-label="${m.openPatient}: ${request.patientId}">${m.openPatient}</a>`
                : '—'
            }</td>
          </tr>`,
        )}
      </tbody>
    </table>`
  }
}
