// <frontdesk-consent>: the clinic's consent documents for one booking or intake, each read in the
// patient's language and agreed to or refused in the way it asks (a tick, a typed name, a signature), by
// the patient or their parent or guardian, then recorded with a receipt per document. State and actions
// live here; the markup is in ./views.ts.
import type { ConsentDocument, ConsentPurpose } from '@frontdesk/contracts'
import { html, nothing, type PropertyValues } from 'lit'
import { explain } from '../booking/explain.js'
import { WidgetApiError } from '../client.js'
import { FrontdeskConsentRecordedEvent } from '../events/consent-recorded.js'
import { FrontdeskReadyEvent } from '../events/ready.js'
import { formStyles } from '../form.styles.js'
import { FrontdeskElement } from '../frontdesk-element.js'
import { type Messages, pageLocale } from '../i18n/index.js'
import { signatureStyles } from '../signature/signature.styles.js'
import { SignatureField } from '../signature/signature-field.js'
import { styles } from '../styles.js'
import { consentStyles } from './consent.styles.js'
import { type ConsentClient, createConsentClient } from './consent-client.js'
import {
  chooseText,
  type Decision,
  type DocumentAnswer,
  documentIssues,
  emptyAnswer,
  type IssueAt,
  initialSigner,
  issueAt,
  recordBody,
  type ShownDocument,
  type SignerAnswer,
  type SignerMode,
  signerIssues,
} from './consent-model.js'
import { renderDone, renderForm } from './views.js'

export type ConsentView = 'loading' | 'form' | 'done' | 'unavailable'

/** One document as the patient meets it: the text shown, their answer, and once sent its record. */
export interface ConsentEntry {
  document: ShownDocument & { name: string; purpose: ConsentPurpose }
  answer: DocumentAnswer
  /** The signature box of a drawn_signature document. */
  pad: SignatureField | undefined
  /** The Idempotency-Key of the record being sent, kept while nothing changes so a retry replays it. */
  attempt: string | undefined
  /** What the API said was wrong with this document's record (a 422), until it is changed. */
  serverIssues: Set<IssueAt>
  recorded: { id: string; decision: Decision; receiptToken: string } | undefined
}

/** A problem at a field, in words, with the id of the element that says it. */
export interface FieldError {
  text: string
  id: string
}

/**
 * The clinic's consent documents for one booking or intake draft, each agreed to or refused as it asks
 * (a tick, a typed name, a drawn signature), then recorded with a receipt per document. Its text comes
 * from its own English and German strings (`locale`) and the documents; it has no slots.
 *
 * @tag frontdesk-consent
 * @event {FrontdeskReadyEvent} frontdesk-ready - The documents are shown. `detail: {}`
 * @event {FrontdeskConsentRecordedEvent} frontdesk-consent-recorded - Every document's decision is recorded.
 *   `detail: { recordIds: string[] }`, in the order of `documents`
 * @csspart container - The box around everything.
 * @csspart heading - The heading.
 * @csspart alert - Problems, said in plain words.
 * @csspart summary - How many fields need attention.
 * @csspart signer - Who is signing: the patient, a parent or a guardian, and their name.
 * @csspart document - One document, with its decision.
 * @csspart document-title - A document's title.
 * @csspart text - A document's text, in its scrolling box.
 * @csspart decision - The agree and refuse choices of a document.
 * @csspart option - A choice with its label.
 * @csspart recorded - What was recorded for a document.
 * @csspart field - A label, its input and error together.
 * @csspart input - A text input, such as a typed name.
 * @csspart issue - An error under its field.
 * @csspart signature-pad - The canvas a signature is drawn on.
 * @csspart button - Every button.
 * @csspart primary-button - The Confirm button (also `button`).
 * @csspart receipts - The list of receipt links once recorded.
 * @csspart receipt - One item of that list.
 * @csspart receipt-link - The link to a document's receipt.
 */
export class FrontdeskConsent extends FrontdeskElement {
  static override styles = [styles, formStyles, signatureStyles, consentStyles]
  static override frameElement = 'consent' as const
  static override properties = {
    documents: {},
    visitToken: { attribute: 'visit-token' },
    resumeToken: { attribute: 'resume-token' },
    signer: {},
    _view: { state: true },
    _alert: { state: true },
    _note: { state: true },
    _busy: { state: true },
  }

  /** Consent document ids, space-separated, shown in that order. */
  declare documents: string
  /** Records for this booking's patient (the booking widget sets it)… */
  declare visitToken: string | undefined
  /** …or for this intake draft's. One of the two is needed to record; the publishable key only reads. */
  declare resumeToken: string | undefined
  /** `self` (the patient, a parent or a legal guardian may sign) or `guardian` (only a parent or guardian). */
  declare signer: SignerMode
  declare _view: ConsentView
  declare _alert: string
  /** The polite live region: how many fields need attention. */
  declare _note: string
  declare _busy: boolean

  // Everything below changes only together with a reactive field above, or calls requestUpdate.
  client!: ConsentClient
  messages!: Messages
  uiLocale = 'en'
  intlLocale = 'en'
  entries: ConsentEntry[] = []
  signerAnswer: SignerAnswer = initialSigner('self')
  signerServerIssue = false
  /** Errors show once Confirm has been pressed, and then follow every change. */
  attempted = false
  #focus: (() => Element | null | undefined) | undefined
  #started = false

  constructor() {
    super()
    this.documents = ''
    this.signer = 'self'
    this._view = 'loading'
    this._alert = ''
    this._note = ''
    this._busy = false
  }

  get mode(): SignerMode {
    return this.signer === 'guardian' ? 'guardian' : 'self'
  }

  /** What records: a publishable key records nothing by itself, so it only reads. */
  get recordingToken(): string {
    return this.visitToken || this.resumeToken || ''
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.frame) return
    if (this.#started) return
    this.#started = true
    void this.#start()
  }

  async #start(): Promise<void> {
    Object.assign(this, pageLocale(this.locale))
    this.signerAnswer = initialSigner(this.mode)
    const ids = this.documents.split(/\s+/).filter(Boolean)
    const token = this.recordingToken || this.publishableKey
    if (!this.apiBase || !token || !ids.length) return this.#unavailable(this.messages.consent.setup)
    this.client = createConsentClient(this.apiBase)
    try {
      const documents = await Promise.all(ids.map((id) => this.client.document(token, id)))
      this.entries = documents.map((document) => this.#entry(document))
    } catch (error) {
      return this.#unavailable(this.explain(error))
    }
    // Shown to read, but without a visit or resume token nothing could be recorded: say so at once.
    if (!this.recordingToken) this._alert = this.messages.consent.setup
    this._view = 'form'
    this.dispatchEvent(new FrontdeskReadyEvent())
  }

  #entry(document: ConsentDocument): ConsentEntry {
    const { current } = document
    const text = chooseText(current.texts, this.uiLocale)
    if (!text) throw new WidgetApiError('NOT_FOUND', 404)
    const entry: ConsentEntry = {
      document: { ...current, id: document.id, name: document.name, text },
      answer: emptyAnswer(),
      pad: undefined,
      attempt: undefined,
      serverIssues: new Set(),
      recorded: undefined,
    }
    if (current.method === 'drawn_signature') {
      entry.pad = new SignatureField((pad) => {
        Object.assign(entry.answer, { typing: pad.typing, typedName: pad.typedName, signature: pad.image })
        this.changed(entry, ['signature', 'typedName'])
      }, false)
    }
    return entry
  }

  #unavailable(text: string): void {
    this._view = 'unavailable'
    this._alert = text
  }

  explain(error: unknown): string {
    const text = explain(this.messages, error)
    return text === this.messages.errors.setup ? this.messages.consent.setup : text
  }

  // ---- answers -----------------------------------------------------------------------------------

  /** Something the patient changed: its server complaint goes, and the record is a new attempt. */
  changed(entry: ConsentEntry | undefined, fields: IssueAt[]): void {
    if (entry) {
      for (const field of fields) entry.serverIssues.delete(field)
      entry.attempt = undefined
    } else {
      this.signerServerIssue = false
      for (const each of this.entries) each.attempt = undefined
    }
    // The count said after Confirm goes once nothing is left to fix; a new count waits for Confirm.
    if (this._note && !this.#invalidCount()) this._note = ''
    this.requestUpdate()
  }

  setSigner(change: Partial<SignerAnswer>): void {
    Object.assign(this.signerAnswer, change)
    this.changed(undefined, [])
  }

  decide(entry: ConsentEntry, decision: Decision): void {
    entry.answer.decision = decision
    this.changed(entry, ['decision', 'typedName', 'signature'])
  }

  setTypedName(entry: ConsentEntry, name: string): void {
    entry.answer.typedName = name
    this.changed(entry, ['typedName'])
  }

  // ---- errors ------------------------------------------------------------------------------------

  signerError(field: 'relation' | 'name'): FieldError | undefined {
    const m = this.messages.consent.issues
    const issue = this.attempted ? signerIssues(this.mode, this.signerAnswer)[field] : undefined
    const server = field === 'name' && this.signerServerIssue ? 'signerName' : undefined
    const code = issue ?? server
    return code ? { text: m[code], id: `signer-${field}-issue` } : undefined
  }

  documentError(index: number, field: IssueAt): FieldError | undefined {
    const entry = this.entries[index]
    if (!entry || entry.recorded) return undefined
    const m = this.messages.consent.issues
    const issues = this.attempted ? documentIssues(entry.document.method, entry.answer) : {}
    const issue = field in issues ? issues[field as keyof typeof issues] : undefined
    const server = entry.serverIssues.has(field) ? (field === 'text' ? 'textHash' : field) : undefined
    const code = (issue ?? server) as keyof typeof m | undefined
    return code && code in m ? { text: m[code], id: `doc-${index}-${field}-issue` } : undefined
  }

  /** How many fields have something to fix, as shown. */
  #invalidCount(): number {
    const fields: IssueAt[] = ['decision', 'typedName', 'signature', 'text']
    const signer = ['relation', 'name'] as const
    return (
      signer.filter((field) => this.signerError(field)).length +
      this.entries.reduce(
        (count, _, index) => count + fields.filter((field) => this.documentError(index, field)).length,
        0,
      )
    )
  }

  /** Says how many fields need attention and takes the patient to the first; false when none does. */
  #showInvalid(): boolean {
    const count = this.#invalidCount()
    this._note = count ? this.messages.fixFields(count) : ''
    if (!count) return false
    this.focusLater(() => {
      const field = this.renderRoot.querySelector<HTMLElement>('[data-invalid]')
      return field?.matches('[tabindex]')
        ? field
        : (field?.querySelector('input:not(:disabled), button') ?? field)
    })
    return true
  }

  // ---- recording ---------------------------------------------------------------------------------

  /** Checks everything, then records each document in order; one already recorded is not sent again. */
  async confirm(): Promise<void> {
    if (this._busy) return
    this.attempted = true
    this.requestUpdate()
    if (this.#showInvalid()) return
    if (!this.recordingToken) {
      this._alert = this.messages.consent.setup
      return
    }
    this._busy = true
    this._alert = ''
    try {
      for (const entry of this.entries) {
        if (entry.recorded) continue
        entry.attempt ??= crypto.randomUUID()
        const body = recordBody(entry.document, entry.answer, this.signerAnswer)
        try {
          const sent = await this.client.record(this.recordingToken, body, entry.attempt)
          entry.recorded = { id: sent.record.id, decision: body.decision, receiptToken: sent.receiptToken }
          this.requestUpdate()
        } catch (error) {
          return this.#refused(entry, error)
        }
      }
    } finally {
      this._busy = false
    }
    this._view = 'done'
    this.focusLater(() => this.renderRoot.querySelector('h2'))
    const recordIds = this.entries.map((entry) => entry.recorded?.id ?? '')
    this.dispatchEvent(new FrontdeskConsentRecordedEvent({ recordIds }))
  }

  /** A record the API did not take: its fields marked where the API named them, else said in the alert. */
  #refused(entry: ConsentEntry, error: unknown): void {
    if (!(error instanceof WidgetApiError && error.code === 'VALIDATION_FAILED' && error.issues.length)) {
      this._alert = this.explain(error)
      return
    }
    for (const issue of error.issues) {
      const at = issueAt(issue.path)
      if (at === 'signer.name' || at === 'signer.relation') this.signerServerIssue = true
      else entry.serverIssues.add(at)
    }
    this._alert = this.messages.errors.invalid
    this.#showInvalid()
  }

  // ---- rendering ---------------------------------------------------------------------------------

  byId(id: string): HTMLElement | null {
    return (this.renderRoot as ShadowRoot).getElementById(id)
  }

  /** Moves focus once the next render is on screen. */
  focusLater(target: () => Element | null | undefined): void {
    this.#focus = target
    this.requestUpdate()
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed)
    for (const canvas of this.renderRoot.querySelectorAll('canvas')) {
      const pad = this.entries[Number(canvas.dataset.signature)]?.pad
      pad?.attach(canvas)
    }
    const target = this.#focus?.()
    this.#focus = undefined
    if (target instanceof HTMLElement) target.focus()
  }

  override render() {
    if (!this.messages) return nothing
    const view = this._view
    return html`<div class="container" part="container" lang=${this.uiLocale}>
      ${view === 'form' ? renderForm(this) : nothing}
      ${view === 'done' ? renderDone(this) : nothing}
      ${view === 'loading' ? html`<p role="status">${this.messages.loading}</p>` : nothing}
      ${view === 'unavailable' ? html`<div class="alert" part="alert" role="alert">${this._alert}</div>` : nothing}
    </div>`
  }
}
