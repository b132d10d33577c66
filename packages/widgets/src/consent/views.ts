// <frontdesk-consent>'s markup over its state: who signs, each document's text and decision with what
// agreeing asks for, and once recorded the decisions with a receipt link each.
import { html, nothing } from 'lit'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { renderSignatureField } from '../signature/signature-field.js'
import { asksSignerName, evidenceNeeded, receiptUrl, signerChoices } from './consent-model.js'
import type { ConsentEntry, FieldError, FrontdeskConsent } from './frontdesk-consent.js'

function issue(error: FieldError | undefined) {
  return error ? html`<p class="issue" part="issue" id=${error.id}>${error.text}</p>` : nothing
}

export function renderForm(host: FrontdeskConsent) {
  const m = host.messages.consent
  const submit = (event: Event) => {
    event.preventDefault()
    void host.confirm()
  }
  return html`<h2 tabindex="-1" part="heading">${m.heading}</h2>
    <p class="hint">${m.intro}</p>
    <div class="alert" part="alert" role="alert">${host._alert}</div>
    <div class="summary" part="summary" role="status">${host._note}</div>
    <form novalidate @submit=${submit}>
      ${renderSigner(host)}
      ${host.entries.map((entry, index) => renderDocument(host, entry, index))}
      <div class="row">
        <button type="submit" class="primary" part="button primary-button" ?disabled=${host._busy}>
          ${host._busy ? m.confirming : m.confirm}
        </button>
      </div>
    </form>`
}

function renderSigner(host: FrontdeskConsent) {
  const m = host.messages.consent.signer
  const signer = host.signerAnswer
  const labels = { self: m.self, parent: m.parent, legal_guardian: m.guardian }
  const relationError = host.signerError('relation')
  const nameError = host.signerError('name')
  const guardian = host.mode === 'guardian'
  // Who signed is part of every record: once one is recorded, it stays as it was.
  const locked = host.entries.some((entry) => entry.recorded)
  return html`<fieldset
      class="signer"
      part="signer"
      role="radiogroup"
      aria-required="true"
      aria-invalid=${relationError ? 'true' : 'false'}
      aria-describedby=${[guardian ? 'signer-hint' : '', relationError?.id ?? ''].join(' ').trim() || nothing}
      ?data-invalid=${Boolean(relationError)}
      ?disabled=${locked}
    >
      <legend>${m.legend}</legend>
      ${guardian ? html`<p class="hint" id="signer-hint">${m.minorHint}</p>` : nothing}
      ${signerChoices(host.mode).map(
        (relation) => html`<label class="option" part="option">
          <input
            type="radio"
            name="signer"
            .checked=${signer.relation === relation}
            @change=${() => host.setSigner({ relation })}
          />
          <span>${labels[relation]}</span>
        </label>`,
      )}
      ${issue(relationError)}
    </fieldset>
    ${
      asksSignerName(host.mode, signer.relation)
        ? html`<div class="field" part="field" ?data-invalid=${Boolean(nameError)}>
          <label for="signer-name">${m.name}</label>
          <input
            id="signer-name"
            part="input"
            autocomplete="name"
            maxlength="200"
            .value=${signer.name}
            ?disabled=${locked}
            aria-required="true"
            aria-invalid=${nameError ? 'true' : 'false'}
            aria-describedby=${nameError?.id ?? nothing}
            @input=${(event: Event) => host.setSigner({ name: (event.target as HTMLInputElement).value })}
          />
          ${issue(nameError)}
        </div>`
        : nothing
    }`
}

function renderDocument(host: FrontdeskConsent, entry: ConsentEntry, index: number) {
  const m = host.messages.consent
  const { text } = entry.document
  const titleId = `doc-${index}-title`
  const textError = host.documentError(index, 'text')
  const decisionError = host.documentError(index, 'decision')
  const recorded = entry.recorded
  return html`<section class="document" part="document">
    <h3 id=${titleId} part="document-title">${text.title}</h3>
    <div
      class="text"
      part="text"
      tabindex="0"
      role="region"
      lang=${text.language}
      aria-labelledby=${titleId}
      aria-describedby=${textError?.id ?? nothing}
      ?data-invalid=${Boolean(textError)}
    >
      ${unsafeHTML(text.html)}
    </div>
    ${issue(textError)}
    <fieldset
      class="decision"
      part="decision"
      role="radiogroup"
      aria-required="true"
      aria-invalid=${decisionError ? 'true' : 'false'}
      aria-describedby=${decisionError?.id ?? nothing}
      ?data-invalid=${Boolean(decisionError)}
      ?disabled=${Boolean(recorded)}
    >
      <legend>${m.decision}<span class="visually-hidden">: ${text.title}</span></legend>
      ${(['given', 'refused'] as const).map(
        (decision) => html`<label class="option" part="option">
          <input
            type="radio"
            name=${`decision-${index}`}
            .checked=${entry.answer.decision === decision}
            @change=${() => host.decide(entry, decision)}
          />
          <span>${decision === 'given' ? m.agree : m.refuse}</span>
        </label>`,
      )}
      ${issue(decisionError)}
    </fieldset>
    ${recorded ? html`<p class="recorded" part="recorded">${m.recorded[recorded.decision]}</p>` : renderEvidence(host, entry, index)}
  </section>`
}

/** What agreeing asks for beyond the decision: a typed name, or a signature (with typing as the alternative). */
function renderEvidence(host: FrontdeskConsent, entry: ConsentEntry, index: number) {
  if (entry.answer.decision !== 'given') return nothing
  const method = entry.document.method
  if (method === 'checkbox') return nothing
  const id = `doc-${index}-evidence`
  const nameError = host.documentError(index, 'typedName')
  if (method === 'typed_name') {
    return html`<div class="field" part="field" ?data-invalid=${Boolean(nameError)}>
      <label for=${id}>${host.messages.signature.typeFullName}</label>
      <input
        id=${id}
        part="input"
        autocomplete="name"
        maxlength="200"
        .value=${entry.answer.typedName}
        aria-required="true"
        aria-invalid=${nameError ? 'true' : 'false'}
        aria-describedby=${nameError?.id ?? nothing}
        @input=${(event: Event) => host.setTypedName(entry, (event.target as HTMLInputElement).value)}
      />
      ${issue(nameError)}
    </div>`
  }
  const pad = entry.pad
  if (!pad) return nothing
  const signatureError = host.documentError(index, 'signature')
  const error = evidenceNeeded(method, entry.answer) === 'typedName' ? nameError : signatureError
  const m = host.messages.signature
  return html`<fieldset class="field" part="field" ?data-invalid=${Boolean(error)}>
    <legend>${m.pad}<span class="visually-hidden">: ${entry.document.text.title}</span></legend>
    ${renderSignatureField(pad, {
      id,
      key: String(index),
      labels: { ...m, typedName: m.typeFullName },
      required: true,
      invalid: Boolean(error),
      describedBy: error?.id ?? nothing,
      focusLater: (target) => host.focusLater(target),
      byId: (target) => host.byId(target),
    })}
    ${issue(error)}
  </fieldset>`
}

export function renderDone(host: FrontdeskConsent) {
  const m = host.messages.consent
  return html`<h2 tabindex="-1" part="heading">${m.done.heading}</h2>
    <p>${m.done.text}</p>
    <ul class="receipts" part="receipts">
      ${host.entries.map((entry) => {
        const recorded = entry.recorded
        if (!recorded) return nothing
        const title = entry.document.text.title
        return html`<li part="receipt">
          <span class="title" lang=${entry.document.text.language}>${title}</span>
          <span>${m.recorded[recorded.decision]}</span>
          <a
            part="receipt-link"
            href=${receiptUrl(host.apiBase, recorded.id, recorded.receiptToken)}
            target="_blank"
            rel="noopener noreferrer"
            >${m.done.receipt}<span class="visually-hidden"> ${m.done.receiptFor(title)}</span></a
          >
        </li>`
      })}
    </ul>`
}
