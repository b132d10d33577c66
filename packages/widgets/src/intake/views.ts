// The intake element's views as markup over its state: a step of the form with where the patient is,
// the link to continue later, and the thank-you once the answers are sent.
import { html, nothing } from 'lit'
import { helpText, renderItems } from './fields.js'
import type { FrontdeskIntake } from './frontdesk-intake.js'
import { renderEntries } from './repeat.js'
import { resumeLink } from './resume-link.js'

function title(host: FrontdeskIntake) {
  return html`<h2 part="heading">${host.definition.title}</h2>`
}

export function renderForm(host: FrontdeskIntake) {
  const m = host.messages
  const steps = host.visibleSteps
  const index = host.stepIndex
  const step = steps[index]
  if (!step) return nothing
  const group = step.group
  const last = index === steps.length - 1
  const submit = (event: Event) => {
    event.preventDefault()
    void host.next()
  }
  return html`${title(host)}
    ${index === 0 && host.definition.description ? html`<p class="hint">${host.definition.description}</p>` : nothing}
    <div class="progress">
      <span id="progress-label">${m.intake.progress(index + 1, steps.length)}</span>
      <progress part="progress" max=${steps.length} .value=${index + 1} aria-labelledby="progress-label"></progress>
    </div>
    <div class="alert" part="alert" role="alert">${host._alert}</div>
    <div class="summary" part="summary" role="status">${host._note}</div>
    <form novalidate @submit=${submit}>
      <h3 tabindex="-1" part="step-heading">${group?.label ?? m.intake.questions}</h3>
      ${
        group
          ? html`${helpText(group.help, group.id)}
            ${group.repeat ? renderEntries(host, group, group.id) : renderItems(host, group.items, group.id)}`
          : renderItems(host, step.items, '')
      }
      <div class="row nav">
        ${
          index > 0
            ? html`<button type="button" part="button back" @click=${() => host.back()}>
              <span aria-hidden="true">←</span> ${m.back}
            </button>`
            : nothing
        }
        <button
          type="submit"
          class="primary"
          part="button primary-button"
          ?disabled=${host._busy || host.uploading.size > 0}
        >
          ${last ? (host._busy ? m.intake.sending : m.intake.send) : m.intake.next}
        </button>
      </div>
    </form>
    ${
      host.preview
        ? nothing
        : html`<div class="row">
      <button type="button" class="link" part="button later" @click=${() => host.continueLater()}>
        ${m.intake.later.button}
      </button>
      <span class="hint">
        ${host._saving === 'saving' ? m.intake.saving : host._saving === 'saved' ? m.intake.saved : ''}
      </span>
    </div>`
    }`
}

export function renderLater(host: FrontdeskIntake) {
  const m = host.messages.intake.later
  if (!host.target) return nothing
  const link = resumeLink(new URL(host.resumeUrl ?? location.href, location.href).href, host.target)
  const expires = new Intl.DateTimeFormat(host.intlLocale, { dateStyle: 'long', timeStyle: 'short' }).format(
    Date.parse(host.expiresAt),
  )
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link)
      host.say(m.copied)
    } catch {
      // No clipboard here (an insecure page, or a refusal): the link is selected for the patient to copy.
      host.byId('resume-link')?.focus()
      host.say(m.copyFailed)
    }
  }
  return html`${title(host)}
    <h3 tabindex="-1" part="step-heading">${m.heading}</h3>
    <p>${m.text(expires)}</p>
    <p class="hint">${m.private}</p>
    <div class="field" part="field">
      <label for="resume-link">${m.link}</label>
      <input
        id="resume-link"
        part="input"
        readonly
        .value=${link}
        @focus=${(event: Event) => (event.target as HTMLInputElement).select()}
      />
    </div>
    <div class="summary" part="summary" role="status">${host._note}</div>
    <div class="row">
      <button type="button" class="primary" part="button primary-button" @click=${copy}>${m.copy}</button>
      <button type="button" part="button" @click=${() => host.backToForm()}>${m.back}</button>
    </div>`
}

export function renderThanks(host: FrontdeskIntake) {
  const m = host.messages.intake.thanks
  return html`<h2 tabindex="-1" part="heading">${m.heading}</h2>
    <p>${m.text}</p>`
}
