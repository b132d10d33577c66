// <frontdesk-rights-request>: a patient asks the clinic for a copy of their data, or to correct, delete
// or restrict it, or objects to its use, from the clinic's own website. A one-time code sent to their
// email or phone confirms it is them; then the request is with the clinic, with the date it is due.
// State and actions live here; the markup is in ./views.ts.
import type { RightsRequestKind } from '@frontdesk/contracts'
import { nothing, type PropertyValues } from 'lit'
import { explain } from '../booking/explain.js'
import { messageLanguage } from '../booking/message-channels.js'
import { WidgetApiError } from '../client.js'
import { browserTimeZone, todayIn } from '../dates.js'
import { FrontdeskReadyEvent } from '../events/ready.js'
import { FrontdeskRightsRequestSentEvent } from '../events/rights-request-sent.js'
import { formStyles } from '../form.styles.js'
import { FrontdeskElement } from '../frontdesk-element.js'
import { type Messages, pageLocale, requestedLocale } from '../i18n/index.js'
import { styles } from '../styles.js'
import {
  type CodeChannel,
  emptyRequest,
  isCode,
  issueField,
  type RequestField,
  type RequestInput,
  type RequestIssue,
  requestBody,
  requestIssues,
  typedCode,
} from './request-form.js'
import { createRightsClient, type RightsClient } from './rights-client.js'
import { renderView } from './views.js'

export type RightsView = 'form' | 'code' | 'done' | 'unavailable'

/** A field's problem as shown: the form's own check, or the API's refusal once the form's passed. */
export type ShownIssue = RequestIssue | 'rejected' | 'phoneRejected' | 'code' | 'codeRejected'

/**
 * Where a patient asks the clinic for a copy of their data, or to correct, delete or restrict it, or
 * objects to its use; a one-time code to their email or phone confirms it is them. Its text comes from
 * its own English and German strings (`locale`); it has no slots.
 *
 * @tag frontdesk-rights-request
 * @event {FrontdeskReadyEvent} frontdesk-ready - The form is shown. `detail: {}`
 * @event {FrontdeskRightsRequestSentEvent} frontdesk-rights-request-sent - The code was confirmed and the
 *   request is with the clinic. `detail: { requestId: string, kind: RightsRequestKind }`, never the
 *   contact, date of birth or details
 * @csspart container - The box around everything.
 * @csspart heading - Each step's heading.
 * @csspart alert - Problems, said in plain words.
 * @csspart field - A label, its input and error together; also the group of request kinds.
 * @csspart input - A text, date or code input.
 * @csspart option - A choice with its label.
 * @csspart issue - An error under its field.
 * @csspart button - Every button.
 * @csspart primary-button - Send me a code, and Confirm (also `button`).
 */
export class FrontdeskRightsRequest extends FrontdeskElement {
  static override styles = [styles, formStyles]
  static override frameElement = 'rights-request' as const
  static override properties = {
    _view: { state: true },
    _alert: { state: true },
    _busy: { state: true },
  }

  declare _view: RightsView
  declare _alert: string
  declare _busy: boolean

  // Everything below changes only together with a reactive field above, or calls requestUpdate.
  client!: RightsClient
  messages!: Messages
  uiLocale = 'en'
  intlLocale = 'en'
  values: RequestInput = emptyRequest()
  code = ''
  /** Fields show their problems once left, or once the form was sent. */
  touched = new Set<RequestField | 'code'>()
  serverIssues = new Map<RequestField | 'code', ShownIssue>()
  /** The request waiting for its code, then the open one. */
  started: { id: string; sentTo: CodeChannel; expiresAt: string } | undefined
  dueAt: string | undefined
  #moveFocus: 'heading' | 'invalid' | undefined
  #started = false

  constructor() {
    super()
    this._view = 'form'
    this._alert = ''
    this._busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.frame) return
    if (this.#started) return
    this.#started = true
    Object.assign(this, pageLocale(this.locale))
    if (!this.publishableKey || !this.apiBase) {
      this._view = 'unavailable'
      this._alert = this.messages.rights.setup
      return
    }
    this.client = createRightsClient(this.apiBase, this.publishableKey)
    void this.updateComplete.then(() => this.dispatchEvent(new FrontdeskReadyEvent()))
  }

  explain(error: unknown): string {
    if (error instanceof WidgetApiError && error.code === 'UNAVAILABLE') return this.messages.rights.unsent
    const text = explain(this.messages, error)
    return text === this.messages.errors.setup ? this.messages.rights.setup : text
  }

  // ---- the form ----------------------------------------------------------------------------------

  setValue<K extends keyof RequestInput>(field: K, value: RequestInput[K]): void {
    this.values = { ...this.values, [field]: value }
    this.serverIssues.delete(field === 'via' ? 'email' : (field as RequestField))
    if (field === 'via') this.serverIssues.delete('phone')
    this.requestUpdate()
  }

  setCode(code: string): void {
    this.code = code
    this.serverIssues.delete('code')
    this.requestUpdate()
  }

  touch(field: RequestField | 'code'): void {
    this.touched.add(field)
    this.requestUpdate()
  }

  /** What to say under a field now, if anything. */
  issue(field: RequestField | 'code'): ShownIssue | undefined {
    const own =
      field === 'code'
        ? isCode(this.code)
          ? undefined
          : 'code'
        : requestIssues(this.values, todayIn(browserTimeZone()))[field]
    return (this.touched.has(field) ? own : undefined) ?? this.serverIssues.get(field)
  }

  /** Checks the shown fields; when one is at fault, says how many and takes the patient to the first. */
  #invalid(fields: (RequestField | 'code')[]): boolean {
    for (const field of fields) this.touched.add(field)
    const count = fields.filter((field) => this.issue(field)).length
    if (!count) return false
    this._alert = this.messages.fixFields(count)
    this.#focusLater('invalid')
    return true
  }

  async submit(): Promise<void> {
    if (this._busy) return
    const fields: RequestField[] = ['kind', this.values.via === 'email' ? 'email' : 'phone', 'dateOfBirth']
    if (this.values.kind === 'rectification') fields.push('details')
    if (this.#invalid(fields)) return
    this._busy = true
    this._alert = ''
    try {
      const body = requestBody(this.values, messageLanguage(requestedLocale(this.locale)))
      const started = await this.client.start(body)
      this.started = { id: started.requestId, sentTo: started.codeSentTo, expiresAt: started.expiresAt }
      this.code = ''
      this.touched.delete('code')
      this.serverIssues.clear()
      this.#show('code')
    } catch (error) {
      this.#refused(error, (path) => issueField(path))
    } finally {
      this._busy = false
    }
  }

  // ---- the code ----------------------------------------------------------------------------------

  async confirm(): Promise<void> {
    if (this._busy || !this.started) return
    if (this.#invalid(['code'])) return
    this._busy = true
    this._alert = ''
    try {
      const open = await this.client.verify(this.started.id, typedCode(this.code))
      this.dueAt = open.dueAt
      this.#show('done')
      const kind = this.values.kind as RightsRequestKind
      this.dispatchEvent(new FrontdeskRightsRequestSentEvent({ requestId: open.id, kind }))
    } catch (error) {
      if (error instanceof WidgetApiError && error.code === 'NOT_FOUND')
        this._alert = this.messages.rights.gone
      else this.#refused(error, (path) => (path === 'code' ? 'code' : undefined))
    } finally {
      this._busy = false
    }
  }

  /** Back to the form as it was typed, to ask for a new code. */
  startOver(): void {
    this.started = undefined
    this._alert = ''
    this.serverIssues.clear()
    this.#show('form')
  }

  /** A refusal: the API's issues at their fields and announced, anything else said in the alert. */
  #refused(error: unknown, fieldOf: (path: string) => RequestField | 'code' | undefined): void {
    const issues = error instanceof WidgetApiError ? error.issues : []
    const fields = issues.map((issue) => fieldOf(issue.path)).filter((field) => field !== undefined)
    if (!fields.length || !(error instanceof WidgetApiError)) {
      this._alert = this.explain(error)
      return
    }
    for (const field of fields) {
      this.serverIssues.set(
        field,
        field === 'code' ? 'codeRejected' : field === 'phone' ? 'phoneRejected' : 'rejected',
      )
    }
    this._alert = this.messages.errors.invalid
    this.#focusLater('invalid')
  }

  #show(view: RightsView): void {
    this._view = view
    this.#focusLater('heading')
  }

  #focusLater(target: 'heading' | 'invalid'): void {
    this.#moveFocus = target
    this.requestUpdate()
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed)
    const target = this.#moveFocus
    this.#moveFocus = undefined
    if (target === 'heading') this.renderRoot.querySelector<HTMLElement>('h2')?.focus()
    if (target === 'invalid') {
      // A group of choices is not focusable itself: its first choice is.
      const invalid = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')
      ;(invalid?.matches('fieldset') ? invalid.querySelector('input') : invalid)?.focus()
    }
  }

  override render() {
    return this.messages ? renderView(this) : nothing
  }
}
