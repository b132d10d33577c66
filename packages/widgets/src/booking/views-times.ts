// The time step: a page of days (empty ones disabled and named so) and the day's times as a listbox
// navigable with arrow keys; times in the clinic's zone, or the patient's when they differ and ask.
import { html, nothing } from 'lit'
import { addDays, browserTimeZone, dayLabel, timeIn, zoneName } from '../dates.js'
import type { FrontdeskBooking } from './frontdesk-booking.js'
import { type FreeTime, PAGE_DAYS } from './slot-calendar.js'
import { nextOptionIndex } from './time-listbox.js'
import { backButton, heading } from './views-choices.js'

export function renderTimes(host: FrontdeskBooking) {
  const m = host.messages
  const clinicZone = host.clinic?.timeZone ?? browserTimeZone()
  const patientZone = browserTimeZone()
  const zone = host.showPatientZone ? patientZone : clinicZone
  const calendar = host.calendar
  if (!calendar) return nothing
  const loaded = calendar.loadedUntil >= calendar.pageStart
  const page = loaded ? calendar.page : []
  const freeOnPage = page.some((date) => calendar.slotsOf(date).length)
  const nextFree = freeOnPage ? undefined : calendar.firstFreeDate(addDays(calendar.pageStart, PAGE_DAYS))
  const slots = calendar.slotsOf(calendar.selectedDate)

  return html`${heading(m.headings.time)}
    <p class="hint">
      ${m.timesShownIn(zoneName(zone, host.intlLocale))}
      ${
        patientZone !== clinicZone
          ? html`<button type="button" class="link" part="button" @click=${() => toggleZone(host)}>
            ${m.showZone(zoneName(host.showPatientZone ? clinicZone : patientZone, host.intlLocale))}
          </button>`
          : nothing
      }
    </p>
    ${host._busy && page.length === 0 ? html`<p role="status">${m.loading}</p>` : nothing}
    <div class="row">
      <button type="button" part="button" ?disabled=${!calendar.canGoBack || host._busy} @click=${() => host.turnPage(-1)}>
        ${m.earlier}
      </button>
      <button type="button" part="button" ?disabled=${!calendar.canGoOn || host._busy} @click=${() => host.turnPage(1)}>
        ${m.later}
      </button>
    </div>
    <div class="days" role="group" aria-label=${m.days}>
      ${page.map((date) => {
        const count = calendar.slotsOf(date).length
        // The visible words are the whole name (WCAG 2.5.3): no aria-label saying something else.
        return html`<button
          type="button"
          class="day"
          part="day"
          aria-pressed=${date === calendar.selectedDate ? 'true' : 'false'}
          ?disabled=${count === 0 || host._busy}
          @click=${() => host.selectDate(date)}
        >
          ${dayLabel(date, host.intlLocale, 'short')}<span class="visually-hidden">, </span>
          <span class="count">${count ? m.freeTimes(count) : m.noFreeTimes}</span>
        </button>`
      })}
    </div>
    ${
      page.length && !freeOnPage && !host._busy
        ? html`<p>${m.noTimesInRange}</p>
          ${
            nextFree
              ? html`<p>
                <button type="button" part="button" @click=${() => host.jumpTo(nextFree)}>
                  ${m.firstFreeDay(dayLabel(nextFree, host.intlLocale))}
                </button>
              </p>`
              : calendar.everythingLoaded
                ? html`<p>${m.nothingSoon}</p>`
                : nothing
          }`
        : nothing
    }
    ${
      slots.length
        ? html`<div
          class="times"
          role="listbox"
          aria-label=${m.availableTimes}
          aria-busy=${host._busy ? 'true' : 'false'}
          @keydown=${(event: KeyboardEvent) => onKey(host, slots, event)}
        >
          ${slots.map(
            (slot, index) => html`<div
              role="option"
              part="time"
              aria-selected=${host.hold?.slot.startsAt === slot.startsAt ? 'true' : 'false'}
              tabindex=${index === calendar.activeTime ? '0' : '-1'}
              @click=${() => host.chooseTime(slot)}
            >
              ${zone === clinicZone ? slot.localTime : timeIn(slot.startsAt, zone)}
            </div>`,
          )}
        </div>`
        : nothing
    }
    ${backButton(host)}`
}

function toggleZone(host: FrontdeskBooking) {
  host.showPatientZone = !host.showPatientZone
  host.requestUpdate()
}

function onKey(host: FrontdeskBooking, slots: FreeTime[], event: KeyboardEvent) {
  const options = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="option"]')]
  const current = Math.max(0, options.indexOf(event.target as HTMLElement))
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault()
    const slot = slots[current]
    if (slot) void host.chooseTime(slot)
    return
  }
  const next = nextOptionIndex(options.length, current, event.key)
  if (next === null) return
  event.preventDefault()
  if (host.calendar) host.calendar.activeTime = next
  host.requestUpdate()
  options[next]?.focus()
}
