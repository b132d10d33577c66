// A practitioner's weekly hours and time off: read with schedule:read, changed with schedule:manage.
// Times are the clinic's wall clock; a practitioner sees only their own.
import type { Practitioner, TimeOff, WeeklyHours } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { formatInstant, zonedInstant } from '../format.js'
import { messages } from '../messages.js'
import { ConsoleView, field } from './view.js'

interface HoursWindow {
  start: string
  end: string
  locationId: string | null
}

export class ScheduleView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _practitionerId: { state: true },
    _week: { state: true },
    _timeOff: { state: true },
  }
  declare _practitionerId: string
  /** Index 0 is Monday (ISO weekday 1). */
  declare _week: HoursWindow[][] | null
  declare _timeOff: TimeOff[] | null
  practitioners: Practitioner[] = []

  constructor() {
    super()
    this._practitionerId = ''
    this._week = null
    this._timeOff = null
  }

  get editable(): boolean {
    return this.ctx.can('schedule:manage')
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#start()
  }

  async #start(): Promise<void> {
    const list = await this.run(() => this.ctx.staff.catalogue.practitioners.list())
    const own = this.ctx.me.role === 'practitioner' ? this.ctx.me.practitionerId : null
    this.practitioners = (list?.data ?? []).filter((p) => own === null || p.id === own)
    this._practitionerId = own ?? this.practitioners[0]?.id ?? ''
    await this.#load()
  }

  async #load(): Promise<void> {
    const id = this._practitionerId
    if (!id) return
    const schedules = this.ctx.staff.schedules
    const answer = await this.run(() =>
      Promise.all([schedules.hours.get(id), schedules.timeOff.list({ practitionerId: id })]),
    )
    if (!answer) return
    const [hours, timeOff] = answer
    this._week = toWeek(hours.data)
    this._timeOff = timeOff.data
  }

  #choose(event: Event): void {
    this._practitionerId = (event.currentTarget as HTMLSelectElement).value
    void this.#load()
  }

  #change(day: number, index: number, edge: 'start' | 'end', value: string): void {
    const week = this._week
    const window = week?.[day]?.[index]
    if (window) window[edge] = value
  }

  #addWindow(day: number): void {
    const week = this._week
    if (!week) return
    const windows = week[day] ?? []
    const last = windows.at(-1)
    week[day] = [...windows, { start: last?.end ?? '09:00', end: last ? '18:00' : '17:00', locationId: null }]
    this._week = [...week]
    void this.focusAfterRender(`#hours-${day}-${windows.length}-start`)
  }

  #removeWindow(day: number, index: number): void {
    const week = this._week
    if (!week) return
    week[day] = (week[day] ?? []).filter((_, i) => i !== index)
    this._week = [...week]
    void this.focusAfterRender(`#hours-add-${day}`)
  }

  async #saveHours(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const week = this._week
    if (!week) return
    const hours = week.flatMap((windows, day) => windows.map((window) => ({ weekday: day + 1, ...window })))
    const saved = await this.run(() => this.ctx.staff.schedules.hours.set(this._practitionerId, { hours }))
    if (!saved) return
    this._week = toWeek(saved.data)
    this.ctx.announce(messages.saved)
  }

  async #addTimeOff(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const tz = this.ctx.me.clinic.timeZone
    const at = (name: string) => {
      const [date = '', time = '00:00'] = field(form, name).split('T')
      return zonedInstant(date, time, tz)
    }
    const created = await this.run(() =>
      this.ctx.staff.schedules.timeOff.create({
        practitionerId: this._practitionerId,
        startsAt: at('startsAt'),
        endsAt: at('endsAt'),
        reason: field(form, 'reason') || null,
      }),
    )
    if (!created) return
    form.reset()
    this._timeOff = [...(this._timeOff ?? []), created].sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    this.ctx.announce(messages.saved)
  }

  async #removeTimeOff(timeOff: TimeOff): Promise<void> {
    const done = await this.run(async () => {
      await this.ctx.staff.schedules.timeOff.remove(timeOff.id)
      return true
    })
    if (!done) return
    this._timeOff = (this._timeOff ?? []).filter((entry) => entry.id !== timeOff.id)
    this.ctx.announce(messages.saved)
    void this.focusAfterRender('#time-off-heading')
  }

  override render(): TemplateResult {
    const m = messages.schedule
    return html`
      <h1 tabindex="-1">${messages.sections.schedule}</h1>
      ${this.editable ? nothing : html`<p class="hint">${m.readOnly}</p>`}
      <div class="field narrow">
        <label for="schedule-practitioner">${m.practitioner}</label>
        <select id="schedule-practitioner" @change=${this.#choose} ?disabled=${this.practitioners.length < 2}>
          ${this.practitioners.map(
            (p) => html`<option value=${p.id} ?selected=${p.id === this._practitionerId}>${p.name}</option>`,
          )}
        </select>
      </div>
      ${this._week ? this.#renderWeek(this._week) : html`<p>${messages.loading}</p>`}
      ${this._timeOff ? this.#renderTimeOff(this._timeOff) : nothing}
    `
  }

  #renderWeek(week: HoursWindow[][]): TemplateResult {
    const m = messages.schedule
    const edit = this.editable
    return html`<form @submit=${this.#saveHours} aria-labelledby="hours-heading">
      <h2 id="hours-heading">${m.hours}</h2>
      <p class="hint">${m.hoursHint}</p>
      <table>
        <tbody>
          ${m.weekdays.map((dayName, day) => {
            const windows = week[day] ?? []
            return html`<tr>
              <th scope="row">${dayName}</th>
              <td>
                ${windows.length === 0 ? html`<p class="hint">${m.closed}</p>` : nothing}
                ${windows.map((window, index) =>
                  edit
                    ? html`<div class="row">
                        ${(['start', 'end'] as const).map(
                          (edge) => html`<input id="hours-${day}-${index}-${edge}" type="time" required
                            aria-label=${m.windowLabel(dayName, index + 1, edge === 'start' ? m.from : m.to)}
                            .value=${window[edge]} @change=${(event: Event) =>
                              this.#change(
                                day,
                                index,
                                edge,
                                (event.currentTarget as HTMLInputElement).value,
                              )} />`,
                        )}
                        <button type="button" aria-label=${m.removeWindow(dayName, index + 1)}
                          @click=${() => this.#removeWindow(day, index)}>${messages.remove}</button>
                      </div>`
                    : html`<p>${window.start}–${window.end}</p>`,
                )}
                ${
                  edit
                    ? html`<button id="hours-add-${day}" type="button" class="link"
                        @click=${() => this.#addWindow(day)}>${m.addWindow(dayName)}</button>`
                    : nothing
                }
              </td>
            </tr>`
          })}
        </tbody>
      </table>
      ${edit ? html`<button class="primary" type="submit" ?disabled=${this._busy}>${m.saveHours}</button>` : nothing}
    </form>`
  }

  #renderTimeOff(entries: TimeOff[]): TemplateResult {
    const m = messages.schedule
    const tz = this.ctx.me.clinic.timeZone
    return html`<section aria-labelledby="time-off-heading">
      <h2 id="time-off-heading" tabindex="-1">${m.timeOff}</h2>
      ${
        entries.length === 0
          ? html`<p>${m.noTimeOff}</p>`
          : html`<table>
              <thead><tr>
                <th scope="col">${m.starts}</th><th scope="col">${m.ends}</th><th scope="col">${m.reasonColumn}</th>
                ${this.editable ? html`<th scope="col">${messages.actions}</th>` : nothing}
              </tr></thead>
              <tbody>
                ${entries.map(
                  (entry) => html`<tr>
                    <td>${formatInstant(entry.startsAt, tz)}</td>
                    <td>${formatInstant(entry.endsAt, tz)}</td>
                    <td>${entry.practitionerId === null ? m.wholeClinic : (entry.reason ?? '')}</td>
                    ${
                      this.editable
                        ? html`<td><button type="button" aria-label=${m.removeTimeOff(formatInstant(entry.startsAt, tz))}
                            @click=${() => this.#removeTimeOff(entry)}>${messages.remove}</button></td>`
                        : nothing
                    }
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${this.editable ? this.#renderTimeOffForm() : nothing}
    </section>`
  }

  #renderTimeOffForm(): TemplateResult {
    const m = messages.schedule
    return html`<form class="panel" @submit=${this.#addTimeOff} aria-labelledby="time-off-add-heading">
      <h3 id="time-off-add-heading">${m.addTimeOff}</h3>
      <div class="grid">
        <div class="field">
          <label for="time-off-start">${m.starts}</label>
          <input id="time-off-start" name="startsAt" type="datetime-local" required />
        </div>
        <div class="field">
          <label for="time-off-end">${m.ends}</label>
          <input id="time-off-end" name="endsAt" type="datetime-local" required />
        </div>
        <div class="field">
          <label for="time-off-reason">${m.reason}</label>
          <input id="time-off-reason" name="reason" maxlength="200" />
        </div>
      </div>
      <button class="primary" type="submit" ?disabled=${this._busy}>${m.addTimeOff}</button>
    </form>`
  }
}

function toWeek(hours: WeeklyHours[]): HoursWindow[][] {
  const week: HoursWindow[][] = Array.from({ length: 7 }, () => [])
  for (const row of [...hours].sort((a, b) => a.start.localeCompare(b.start))) {
    week[row.weekday - 1]?.push({ start: row.start, end: row.end, locationId: row.locationId })
  }
  return week
}
