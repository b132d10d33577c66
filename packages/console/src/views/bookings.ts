// Today's and the coming fortnight's bookings, one table per practitioner; a practitioner sees their own.
import type { BookingRecord, Practitioner, Service } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { addDays, formatLocalDate, todayIn, zonedInstant } from '../format.js'
import { messages } from '../messages.js'
import { sectionHref } from '../sections.js'
import { ConsoleView } from './view.js'

type Range = 'today' | 'upcoming'
const UPCOMING_DAYS = 14

export class BookingsView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _range: { state: true },
    _practitionerId: { state: true },
    _bookings: { state: true },
  }
  declare _range: Range
  declare _practitionerId: string
  declare _bookings: BookingRecord[] | null
  practitioners: Practitioner[] = []
  services = new Map<string, Service>()
  nextCursor: string | null = null

  constructor() {
    super()
    this._range = 'today'
    this._practitionerId = ''
    this._bookings = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    // A practitioner's reads are limited to their own calendar by the server; the filter says so up front.
    if (this.ctx.me.role === 'practitioner' && this.ctx.me.practitionerId)
      this._practitionerId = this.ctx.me.practitionerId
    void this.#start()
  }

  async #start(): Promise<void> {
    await this.run(async () => {
      const [practitioners, services] = await Promise.all([
        this.ctx.staff.catalogue.practitioners.list(),
        this.ctx.staff.catalogue.services.list(),
      ])
      this.practitioners = practitioners.data
      this.services = new Map(services.data.map((service) => [service.id, service]))
    })
    await this.#load()
  }

  async #load(more = false): Promise<void> {
    const { timeZone } = this.ctx.me.clinic
    const today = todayIn(timeZone)
    const [fromDate, toDate] =
      this._range === 'today'
        ? [today, addDays(today, 1)]
        : [addDays(today, 1), addDays(today, 1 + UPCOMING_DAYS)]
    const page = await this.run(() =>
      this.ctx.staff.bookings.list({
        from: zonedInstant(fromDate, '00:00', timeZone),
        to: zonedInstant(toDate, '00:00', timeZone),
        practitionerId: this._practitionerId || undefined,
        limit: 100,
        ...(more && this.nextCursor ? { cursor: this.nextCursor } : {}),
      }),
    )
    if (!page) return
    this.nextCursor = page.nextCursor
    this._bookings = more ? [...(this._bookings ?? []), ...page.data] : page.data
  }

  #setRange(range: Range): void {
    this._range = range
    void this.#load()
  }

  #filter(event: Event): void {
    this._practitionerId = (event.currentTarget as HTMLSelectElement).value
    void this.#load()
  }

  override render(): TemplateResult {
    const m = messages.bookings
    const ownOnly = this.ctx.me.role === 'practitioner'
    return html`
      <h1 tabindex="-1">${messages.sections.bookings}</h1>
      <div class="row">
        <div class="tabs" role="group" aria-label=${m.range}>
          ${(['today', 'upcoming'] as const).map(
            (range) => html`<button type="button" aria-pressed=${this._range === range ? 'true' : 'false'}
              @click=${() => this.#setRange(range)}>${m[range]}</button>`,
          )}
        </div>
        ${
          ownOnly
            ? nothing
            : html`<div class="field">
                <label for="bookings-practitioner">${m.practitioner}</label>
                <select id="bookings-practitioner" @change=${this.#filter}>
                  <option value="" ?selected=${this._practitionerId === ''}>${m.allPractitioners}</option>
                  ${this.practitioners.map(
                    (p) =>
                      html`<option value=${p.id} ?selected=${this._practitionerId === p.id}>${p.name}</option>`,
                  )}
                </select>
              </div>`
        }
      </div>
      ${this.#renderGroups()}
      ${
        this.nextCursor
          ? html`<button type="button" ?disabled=${this._busy} @click=${() => this.#load(true)}>${messages.loadMore}</button>`
          : nothing
      }
    `
  }

  #renderGroups(): TemplateResult {
    const m = messages.bookings
    const bookings = this._bookings
    if (bookings === null) return html`<p>${messages.loading}</p>`
    if (bookings.length === 0) return html`<p>${m.empty}</p>`
    const groups = new Map<string, BookingRecord[]>()
    for (const booking of bookings) {
      const group = groups.get(booking.practitionerId) ?? []
      group.push(booking)
      groups.set(booking.practitionerId, group)
    }
    const name = (id: string) => this.practitioners.find((p) => p.id === id)?.name ?? m.unknownPractitioner
    const ordered = [...groups.entries()].sort(([a], [b]) => name(a).localeCompare(name(b)))
    return html`${ordered.map(
      ([practitionerId, rows]) => html`<section aria-labelledby="group-${practitionerId}">
        <h2 id="group-${practitionerId}">${name(practitionerId)}
          <span class="hint">${m.count(rows.length)}</span></h2>
        <table>
          <thead>
            <tr>
              ${this._range === 'upcoming' ? html`<th scope="col">${m.date}</th>` : nothing}
              <th scope="col">${m.time}</th>
              <th scope="col">${m.patient}</th>
              <th scope="col">${m.service}</th>
              <th scope="col">${m.status}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (booking) => html`<tr>
                ${this._range === 'upcoming' ? html`<td>${formatLocalDate(booking.localDate)}</td>` : nothing}
                <td>${booking.localTime}</td>
                <td><a href=${sectionHref('bookings', booking.id)}>${booking.patient.name}</a></td>
                <td>${this.services.get(booking.serviceId)?.name ?? booking.serviceId}</td>
                <td>${m.statuses[booking.status] ?? booking.status}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </section>`,
    )}`
  }
}
