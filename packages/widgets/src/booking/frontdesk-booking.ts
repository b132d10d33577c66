// <frontdesk-booking>: the patient's path from a service to a confirmed booking, holding the chosen
// time while details are typed. State and the moves between steps live here; how it opens is in
// ./start-up.ts, holding a time in ./hold-flow.ts, booking it in ./submit.ts, the markup in ./views-*.ts.
import type { MessageChannel, MessageLanguage } from '@frontdesk/contracts'
import { checkPatient, type PatientField, type PatientInput } from '@frontdesk/contracts/rules'
import { html, nothing, type PropertyValues } from 'lit'
import type { Booking, Clinic, Practitioner, Service, WidgetClient } from '../client.js'
import { browserTimeZone, todayIn } from '../dates.js'
import { FrontdeskStepEvent } from '../events/step.js'
import { formStyles } from '../form.styles.js'
import { FrontdeskElement } from '../frontdesk-element.js'
import { type Messages, pageLocale, type StepName } from '../i18n/index.js'
import { styles } from '../styles.js'
import { explain } from './explain.js'
import type { FollowUp } from './follow-up.js'
import {
  holdEnded,
  holdTime,
  letGoOnLeave,
  offerAgainOnReturn,
  openCalendar,
  withCalendar,
} from './hold-flow.js'
import { type ActiveHold, HoldTimer } from './hold-timer.js'
import { unreachableChannels } from './message-channels.js'
import type { FreeTime, SlotCalendar } from './slot-calendar.js'
import { fixedPractitioner, fixedService, startBooking } from './start-up.js'
import { submitBooking } from './submit.js'
import { renderConfirmation, renderPractitioners, renderServices, renderSteps } from './views-choices.js'
import { renderDetails } from './views-details.js'
import { renderTimes } from './views-times.js'

/**
 * The patient's path from a service to a confirmed booking on the clinic's own page: service, practitioner
 * (or any), day and time, details, confirmation, then the intake form and consent documents if asked for.
 * Its text comes from its own English and German strings (`locale`); it has no slots. A time held but not
 * booked is let go when the patient leaves the page (`pagehide`), so others can book it at once.
 *
 * @tag frontdesk-booking
 * @event {FrontdeskReadyEvent} frontdesk-ready - The clinic and its services are loaded. `detail: {}`
 * @event {FrontdeskStepEvent} frontdesk-step - A step opened.
 *   `detail: { step: 'service' | 'practitioner' | 'time' | 'details' | 'confirmation' }`
 * @event {FrontdeskBookingConfirmedEvent} frontdesk-booking-confirmed - The booking is made.
 *   `detail: { bookingId: string }`
 * @csspart container - The box around everything.
 * @csspart steps - The list of steps, the current one marked.
 * @csspart heading - Each step's heading.
 * @csspart alert - Problems, said in plain words.
 * @csspart status - The time left on the held time.
 * @csspart choice - A service or practitioner to choose.
 * @csspart button - Every button.
 * @csspart back - The Back button (also `button`).
 * @csspart primary-button - The Book button (also `button`).
 * @csspart day - A day to choose.
 * @csspart time - A time to choose.
 * @csspart field - A detail's label, input and error together.
 * @csspart input - A text input.
 * @csspart option - A channel's checkbox with its label.
 * @csspart link - The link to the patient's own page for the booking.
 * @csspart intake - The `<frontdesk-intake>` shown after booking.
 * @csspart consent - The `<frontdesk-consent>` shown after booking.
 */
export class FrontdeskBooking extends FrontdeskElement {
  static override styles = [styles, formStyles]
  static override frameElement = 'booking' as const
  static override properties = {
    service: {},
    practitioner: {},
    location: {},
    prefillName: { attribute: 'prefill-name' },
    prefillEmail: { attribute: 'prefill-email' },
    prefillPhone: { attribute: 'prefill-phone' },
    intakeForm: { attribute: 'intake-form' },
    intakeFormMinor: { attribute: 'intake-form-minor' },
    intakeResumeUrl: { attribute: 'intake-resume-url' },
    consentDocuments: { attribute: 'consent-documents' },
    _step: { state: true },
    _alert: { state: true },
    _busy: { state: true },
  }

  /** A service id: the service step is skipped. */
  declare service: string | undefined
  /** A practitioner id (with `service`): the practitioner step is skipped. */
  declare practitioner: string | undefined
  /** A location id: only times at that location are offered. */
  declare location: string | undefined
  /** Starts the details form with this name… */
  declare prefillName: string | undefined
  /** …this email… */
  declare prefillEmail: string | undefined
  /** …and this phone number. */
  declare prefillPhone: string | undefined
  /** An intake form id: the confirmation shows `<frontdesk-intake>` for it, with the booking's visit token. */
  declare intakeForm: string | undefined
  /** The form used instead of `intake-form` for a patient under 18; a parent or guardian then signs consent. */
  declare intakeFormMinor: string | undefined
  /** The page the intake's continue-later link opens (one with `<frontdesk-intake>` on it); this page unless set. */
  declare intakeResumeUrl: string | undefined
  /** More consent document ids (space-separated), asked for after the service's and the intake form's own. */
  declare consentDocuments: string | undefined
  declare _step: StepName | 'loading' | 'unavailable'
  declare _alert: string
  declare _busy: boolean

  // Everything below changes only together with one of the reactive fields above, or calls requestUpdate.
  client!: WidgetClient
  messages!: Messages
  uiLocale = 'en'
  intlLocale = 'en'
  clinic: Clinic | undefined
  services: Service[] = []
  practitioners: Practitioner[] = []
  serviceId: string | undefined
  practitionerId: string | null = null
  calendar: SlotCalendar | undefined
  showPatientZone = false
  hold: ActiveHold | undefined
  values: PatientInput = { name: '', email: '', phone: '', dateOfBirth: '', notes: '' }
  touched = new Set<PatientField>()
  serverIssues = new Set<PatientField>()
  /** Confirmations and reminders: the channels offered (none without a choice), the ones chosen, the language. */
  offeredChannels: MessageChannel[] = []
  chosenChannels: MessageChannel[] = []
  channelsTouched = new Set<MessageChannel>()
  messageLanguage: MessageLanguage | undefined
  attempt: string | undefined
  booking: Booking | undefined
  visitToken: string | undefined
  /** The patient's own page for this booking on the API (see and cancel it); the token rides in the fragment. */
  manageUrl: string | undefined
  followUp: FollowUp | undefined
  readonly timer = new HoldTimer(this, () => holdEnded(this))
  #moveFocus = false

  constructor() {
    super()
    this._step = 'loading'
    this._alert = ''
    this._busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.frame) return
    window.addEventListener('pagehide', this.#leaving)
    window.addEventListener('pageshow', this.#returning)
    // Its strings before anything else: start-up's alerts and the first render are in them.
    Object.assign(this, pageLocale(this.locale))
    void startBooking(this)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('pagehide', this.#leaving)
    window.removeEventListener('pageshow', this.#returning)
  }

  // A held time is let go when the patient leaves (./hold-flow.ts); fields, so the same listener is removed.
  readonly #leaving = (): void => letGoOnLeave(this)
  readonly #returning = (event: PageTransitionEvent): void => offerAgainOnReturn(this, event)

  get stepsShown(): StepName[] {
    const steps: StepName[] = []
    if (!fixedService(this)) steps.push('service')
    if (!fixedPractitioner(this)) steps.push('practitioner')
    steps.push('time', 'details', 'confirmation')
    return steps
  }

  get today(): string {
    return todayIn(this.clinic?.timeZone ?? browserTimeZone())
  }

  get chosenService(): Service | undefined {
    return this.services.find((service) => service.id === this.serviceId)
  }

  practitionersFor(serviceId: string | undefined): Practitioner[] {
    return this.practitioners.filter((p) => p.active && serviceId && p.serviceIds.includes(serviceId))
  }

  go(step: StepName, moveFocus = true): void {
    this._step = step
    this.#moveFocus = moveFocus
    this.dispatchEvent(new FrontdeskStepEvent({ step }))
  }

  chooseService(id: string): void {
    this.serviceId = id
    this._alert = ''
    if (fixedPractitioner(this)) void this.openTimes()
    else this.go('practitioner')
  }

  choosePractitioner(id: string | null): void {
    this.practitionerId = id
    this._alert = ''
    void this.openTimes()
  }

  back(): void {
    this._alert = ''
    const steps = this.stepsShown
    const index = steps.indexOf(this._step as StepName)
    const previous = steps[index - 1]
    if (previous) this.go(previous)
  }

  /** Opens the time step on the first day with free times. */
  openTimes(moveFocus = true): Promise<void> {
    return openCalendar(this, moveFocus)
  }

  turnPage(direction: 1 | -1): void {
    this._alert = ''
    void withCalendar(this, (calendar) => calendar.turnPage(direction))
  }

  jumpTo(date: string): void {
    this.calendar?.jumpTo(date)
    this.requestUpdate()
  }

  selectDate(date: string): void {
    this.calendar?.select(date)
    this._alert = ''
    this.requestUpdate()
  }

  /** Holds the time (or moves the hold already made), then asks for details. */
  chooseTime(slot: FreeTime): Promise<void> {
    return holdTime(this, slot)
  }

  setValue(field: PatientField, value: string): void {
    this.values = { ...this.values, [field]: value }
    this.serverIssues.delete(field)
    this.attempt = undefined
    this.requestUpdate()
  }

  touch(field: PatientField): void {
    this.touched.add(field)
    this.requestUpdate()
  }

  chooseChannel(channel: MessageChannel, chosen: boolean): void {
    this.chosenChannels = this.offeredChannels.filter((c) =>
      c === channel ? chosen : this.chosenChannels.includes(c),
    )
    this.channelsTouched.add(channel)
    this.attempt = undefined
    this.requestUpdate()
  }

  issues() {
    return checkPatient(this.values, todayIn(browserTimeZone()))
  }

  /** The chosen channels the details give no address for. */
  channelIssues(): MessageChannel[] {
    return unreachableChannels(this.chosenChannels, this.values)
  }

  /** Books the held time once the details pass their checks. */
  submit(): Promise<void> {
    return submitBooking(this)
  }

  startOver(): void {
    this.booking = undefined
    this.manageUrl = undefined
    this.values = { ...this.values, notes: '' }
    this.touched.clear()
    this.channelsTouched.clear()
    this._alert = ''
    if (fixedService(this)) {
      if (fixedPractitioner(this)) void this.openTimes()
      else this.go('practitioner')
    } else this.go('service')
  }

  explain(error: unknown): string {
    return explain(this.messages, error)
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed)
    if (this.#moveFocus) {
      this.#moveFocus = false
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus()
    }
  }

  override render() {
    if (!this.messages) return nothing
    const m = this.messages
    const step = this._step
    return html`<div class="container" part="container" lang=${this.uiLocale}>
      ${step === 'loading' || step === 'unavailable' ? nothing : renderSteps(this, step)}
      <div class="alert" part="alert" role="alert">${this._alert}</div>
      ${step === 'loading' ? html`<p role="status">${m.loading}</p>` : nothing}
      ${step === 'service' ? renderServices(this) : nothing}
      ${step === 'practitioner' ? renderPractitioners(this) : nothing}
      ${step === 'time' ? renderTimes(this) : nothing}
      ${step === 'details' ? renderDetails(this) : nothing}
      ${step === 'confirmation' ? renderConfirmation(this) : nothing}
    </div>`
  }
}
