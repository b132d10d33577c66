// The choice steps (service, practitioner) and the confirmation (followed by the intake form and consent
// documents, when the clinic asks for them), as markup over the element's state.
import { html, nothing } from 'lit'
import { whenLabel } from '../dates.js'
import type { StepName } from '../i18n/index.js'
import { renderFollowUp } from './follow-up.js'
import type { FrontdeskBooking } from './frontdesk-booking.js'

export function heading(text: string) {
  return html`<h2 tabindex="-1" part="heading">${text}</h2>`
}

export function backButton(host: FrontdeskBooking) {
  if (host.stepsShown.indexOf(host._step as never) <= 0) return nothing
  return html`<button type="button" part="button back" @click=${() => host.back()}>
    <span aria-hidden="true">←</span> ${host.messages.back}
  </button>`
}

export function renderServices(host: FrontdeskBooking) {
  const m = host.messages
  return html`${heading(m.headings.service)}
    <ul class="choices">
      ${host.services.map(
        (service) => html`<li>
          <button type="button" class="choice" part="choice" @click=${() => host.chooseService(service.id)}>
            <span>${service.name}</span>
            <span class="detail">${m.minutes(service.durationMinutes)}${service.description ? ` · ${service.description}` : ''}</span>
          </button>
        </li>`,
      )}
    </ul>`
}

export function renderPractitioners(host: FrontdeskBooking) {
  const m = host.messages
  return html`${heading(m.headings.practitioner)}
    <ul class="choices">
      <li>
        <button type="button" class="choice" part="choice" @click=${() => host.choosePractitioner(null)}>
          <span>${m.anyPractitioner}</span>
          <span class="detail">${m.anyPractitionerHint}</span>
        </button>
      </li>
      ${host.practitionersFor(host.serviceId).map(
        (practitioner) => html`<li>
          <button type="button" class="choice" part="choice" @click=${() => host.choosePractitioner(practitioner.id)}>
            <span>${practitioner.name}</span>
            ${practitioner.title ? html`<span class="detail">${practitioner.title}</span>` : nothing}
          </button>
        </li>`,
      )}
    </ul>
    ${backButton(host)}`
}

export function renderConfirmation(host: FrontdeskBooking) {
  const m = host.messages
  const booking = host.booking
  if (!booking || !host.clinic) return nothing
  const service = host.services.find((s) => s.id === booking.serviceId)?.name ?? ''
  const practitioner = host.practitioners.find((p) => p.id === booking.practitionerId)?.name
  const when = whenLabel(booking.startsAt, host.clinic.timeZone, host.intlLocale)
  return html`${heading(m.headings.confirmation)}
    <p>${m.confirmation.summary(service, when)}</p>
    ${practitioner ? html`<p>${m.confirmation.with(practitioner)}</p>` : nothing}
    <p>${m.confirmation.at(host.clinic.name)}</p>
    ${
      host.manageUrl
        ? html`<p>
            <a part="link" href=${host.manageUrl} target="_blank" rel="noopener noreferrer"
              >${m.confirmation.manage}</a
            >
          </p>`
        : nothing
    }
    ${renderFollowUp(host)}
    <button type="button" part="button" @click=${() => host.startOver()}>${m.confirmation.bookAnother}</button>`
}

/** Where the patient is: the steps this clinic's embed shows, the current one marked. */
export function renderSteps(host: FrontdeskBooking, current: StepName) {
  return html`<ol class="steps" part="steps" aria-label=${host.messages.stepsLabel}>
    ${host.stepsShown.map(
      (step) =>
        html`<li aria-current=${step === current ? 'step' : 'false'}>${host.messages.stepNames[step]}</li>`,
    )}
  </ol>`
}
