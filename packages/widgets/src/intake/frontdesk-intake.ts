// <frontdesk-intake>: a clinic's intake form, step by step, checked as the patient types by the same
// validator the API runs, saved as they go, resumable from a link, then sent. State and answers live here;
// how it opens is in ./start-up.ts, moving between steps in ./step-flow.ts, saving and sending the draft in
// ./save-and-send.ts, the markup in ./views.ts and the field files.
import {
  type Answers,
  type FormDefinition,
  type FormItem,
  type SignatureAnswer,
  shownPaths,
} from '@frontdesk/contracts/intake'
import { html, nothing, type PropertyValues } from 'lit'
import { explain } from '../booking/explain.js'
import { FrontdeskIntakeStepEvent } from '../events/intake-step.js'
import { formStyles } from '../form.styles.js'
import { FrontdeskElement } from '../frontdesk-element.js'
import { type Messages, pageLocale } from '../i18n/index.js'
import { signatureStyles } from '../signature/signature.styles.js'
import { styles } from '../styles.js'
import { IntakeChecks } from './checks.js'
import { FilePreviews } from './file-field.js'
import { entriesAt, type FormStep, fillRepeats, getAt, setAt, stepOf, stepShown } from './form-model.js'
import { intakeStyles } from './intake.styles.js'
import type { IntakeClient } from './intake-client.js'
import { issueText } from './issue-text.js'
import type { ResumeTarget } from './resume-link.js'
import { draftSaverFor, resumeGone, saveForLater, submitIntake } from './save-and-send.js'
import { SignatureFields } from './signature-question.js'
import { showPreview, startIntake } from './start-up.js'
import { stepBack, stepOn } from './step-flow.js'
import { renderForm, renderLater, renderThanks } from './views.js'

export type IntakeView = 'loading' | 'form' | 'later' | 'thanks' | 'unavailable'

/**
 * A clinic's intake form, step by step, checked as the patient types by the validator the API runs, saved
 * as they go, resumable from a link, then sent. Its text comes from its own English and German strings
 * (`locale`) and the form; it has no slots. Start it with `form` and a key, or open a draft with
 * `resume-token` and `draft` (or a continue-later link, read from the page's address).
 *
 * @tag frontdesk-intake
 * @event {FrontdeskReadyEvent} frontdesk-ready - The form is shown. `detail: {}`
 * @event {FrontdeskIntakeStepEvent} frontdesk-intake-step - A step opened. `detail: { step: string }`,
 *   the group's id, or for a run of loose questions the first question's
 * @event {FrontdeskIntakeSavedEvent} frontdesk-intake-saved - The draft was saved. `detail: { responseId: string }`
 * @event {FrontdeskIntakeSubmittedEvent} frontdesk-intake-submitted - The answers were sent.
 *   `detail: { responseId: string }`
 * @csspart container - The box around everything.
 * @csspart heading - The form's title, and the thank-you heading.
 * @csspart progress - The step progress bar, and a file's upload progress.
 * @csspart alert - Problems, said in plain words.
 * @csspart summary - How many questions need attention, and other polite notes.
 * @csspart step-heading - A step's heading.
 * @csspart group - A group of questions.
 * @csspart display - Text the form shows between questions.
 * @csspart help - A question's hint.
 * @csspart field - A question's label, input and error together.
 * @csspart input - A text, number, date or file input, or a text area.
 * @csspart option - A choice with its label.
 * @csspart issue - An error under its question.
 * @csspart entry - One entry of a group that repeats.
 * @csspart files - The list of attached files.
 * @csspart file - One attached file.
 * @csspart file-input - The file picker (also `input`).
 * @csspart signature-pad - The canvas a signature is drawn on.
 * @csspart button - Every button.
 * @csspart primary-button - Next, Send and Copy (also `button`).
 * @csspart back - The Back button (also `button`).
 * @csspart later - The Continue later button (also `button`).
 * @csspart add-entry - Adds an entry to a group that repeats (also `button`).
 * @csspart remove-entry - Removes an entry (also `button`).
 * @csspart remove-file - Removes an attached file (also `button`).
 */
export class FrontdeskIntake extends FrontdeskElement {
  static override styles = [styles, formStyles, intakeStyles, signatureStyles]
  static override frameElement = 'intake' as const
  static override properties = {
    form: {},
    visitToken: { attribute: 'visit-token' },
    resumeToken: { attribute: 'resume-token' },
    draft: {},
    resumeUrl: { attribute: 'resume-url' },
    preview: { attribute: false },
    _view: { state: true },
    _stepId: { state: true },
    _alert: { state: true },
    _note: { state: true },
    _busy: { state: true },
    _saving: { state: true },
  }

  /** The form to start a draft of (its current version). */
  declare form: string | undefined
  /** Starts the draft for this booking (the booking widget sets it). */
  declare visitToken: string | undefined
  /** Opens the saved draft `draft` with this token instead. */
  declare resumeToken: string | undefined
  /** The draft's id, which `resume-token` opens. */
  declare draft: string | undefined
  /** The page the continue-later link opens (a page with this form on it); this page unless set. */
  declare resumeUrl: string | undefined
  /**
   * Preview mode, for the console's form editor: renders this definition and checks answers as a patient's
   * would be checked, but starts no draft and sends nothing. Set as a property; later changes re-render.
   */
  declare preview: FormDefinition | undefined
  declare _view: IntakeView
  declare _stepId: string
  declare _alert: string
  /** What the polite live region says: a check's summary, an entry removed, a link copied. */
  declare _note: string
  declare _busy: boolean
  declare _saving: 'idle' | 'saving' | 'saved'

  // Everything below changes only together with a reactive field above, or calls requestUpdate.
  client!: IntakeClient
  messages!: Messages
  uiLocale = 'en'
  intlLocale = 'en'
  target: ResumeTarget | undefined
  version = 1
  today = ''
  expiresAt = ''
  definition: FormDefinition = { title: '', items: [] }
  steps: FormStep[] = []
  /** The patient's answers as typed, in memory only; what is sent is what the validator keeps of them. */
  answers: Answers = {}
  shown = new Set<string>()
  readonly checks = new IntakeChecks()
  uploading = new Set<string>()
  readonly signatures = new SignatureFields((path, image) => this.setAnswer(path, image && { image }))
  readonly previews = new FilePreviews(() => this.requestUpdate())
  readonly saver = draftSaverFor(this)
  #focus: (() => Element | null | undefined) | undefined
  #started = false

  constructor() {
    super()
    this._view = 'loading'
    this._stepId = ''
    this._alert = ''
    this._note = ''
    this._busy = false
    this._saving = 'idle'
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.frame) return
    if (this.#started) return
    this.#started = true
    // Its strings before anything else: start-up's alerts and the first render are in them.
    Object.assign(this, pageLocale(this.locale))
    void startIntake(this)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    if (this._view === 'form' || this._view === 'later') void this.saver.flush()
    this.previews.clear()
  }

  get draftId(): string {
    return this.target?.draftId ?? ''
  }

  get resumeKey(): string {
    return this.target?.resumeToken ?? ''
  }

  get visibleSteps(): FormStep[] {
    return this.steps.filter((step) => stepShown(step, this.shown))
  }

  get stepIndex(): number {
    return Math.max(
      0,
      this.visibleSteps.findIndex((step) => step.id === this._stepId),
    )
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed)
    if (changed.has('preview') && this.preview && this.#started && this.messages)
      showPreview(this, this.preview)
  }

  explain(error: unknown): string {
    return resumeGone(this, error) ? this.messages.intake.expired : explain(this.messages, error)
  }

  // ---- answers -----------------------------------------------------------------------------------

  answerAt(path: string): unknown {
    return getAt(this.answers, path)
  }

  entriesAt(path: string): Answers[] {
    return entriesAt(this.answers, path)
  }

  setAnswer(path: string, value: unknown): void {
    setAt(this.answers, path, value)
    this.checks.changed(path)
    this.refresh()
    if (!this.preview) this.saver.schedule()
  }

  touch(path: string): void {
    this.checks.touched.add(path)
    this.requestUpdate()
  }

  /** Re-reads what is shown and what is wrong after any change, by the validator's own rules. */
  refresh(): void {
    this.shown = shownPaths(this.definition, this.answers, this.today)
    if (fillRepeats(this.definition.items, this.answers, this.shown)) {
      this.shown = shownPaths(this.definition, this.answers, this.today)
    }
    this.checks.judge(this.definition, this.answers, this.today)
    this.requestUpdate()
  }

  /** The error to show at a question, in words (see ./checks.ts for when). */
  errorFor(path: string, item: FormItem): string | undefined {
    const code = this.checks.codeAt(path, this.steps[stepOf(this.steps, path)]?.id)
    return (
      this.checks.files.get(path) ?? (code && issueText(this.messages.intake, code, item, this.intlLocale))
    )
  }

  // ---- steps -------------------------------------------------------------------------------------

  go(stepId: string, moveFocus = true): void {
    this._stepId = stepId
    if (moveFocus) this.focusLater(() => this.renderRoot.querySelector('h3'))
    this.dispatchEvent(new FrontdeskIntakeStepEvent({ step: stepId }))
  }

  back(): void {
    stepBack(this)
  }

  /** Checks this step only; on, or the whole form sent from the last step. */
  next(): Promise<void> {
    return stepOn(this)
  }

  submit(): Promise<void> {
    return submitIntake(this)
  }

  // ---- saving and resuming -----------------------------------------------------------------------

  /** Saves, then shows the link to carry on with and until when it works. */
  continueLater(): Promise<void> {
    return saveForLater(this)
  }

  /** Says something in the polite live region. */
  say(text: string): void {
    this._note = text
  }

  backToForm(): void {
    this._view = 'form'
    this._note = ''
    this.focusLater(() => this.renderRoot.querySelector('h3'))
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
    // Canvases get their pictures once on screen: a signature kept, a file's preview.
    for (const canvas of this.renderRoot.querySelectorAll('canvas')) {
      const { signature, file } = canvas.dataset
      if (signature) {
        const kept = this.answerAt(signature) as SignatureAnswer | undefined
        this.signatures.at(signature).attach(canvas, kept?.image)
      }
      if (file) this.previews.draw(canvas, file)
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
      ${view === 'later' ? renderLater(this) : nothing}
      ${view === 'thanks' ? renderThanks(this) : nothing}
      ${view === 'loading' ? html`<p role="status">${this.messages.loading}</p>` : nothing}
      ${view === 'unavailable' ? html`<div class="alert" part="alert" role="alert">${this._alert}</div>` : nothing}
    </div>`
  }
}
