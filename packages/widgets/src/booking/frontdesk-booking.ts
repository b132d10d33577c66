// <frontdesk-booking>: the patient's path from a service to a confirmed booking, holding the chosen
// time while details are typed. State and actions live here; each step's markup is in ./views-*.ts.
import type { MessageChannel, MessageLanguage } from '@frontdesk/contracts'
import { checkPatient, type PatientField, type PatientInput } from '@frontdesk/contracts/rules'
import { html, nothing, type PropertyValues } from 'lit'
import {
  type Booking,
  type Clinic,
  createClient,
  type Practitioner,
  type Service,
  WidgetApiError,
  type WidgetClient,
} from '../client.js'
import { addDays, browserTimeZone, todayIn } from '../dates.js'
import { FrontdeskBookingConfirmedEvent } from '../events/booking-confirmed.js'
import { FrontdeskReadyEvent } from '../events/ready.js'
import { FrontdeskStepEvent } from '../events/step.js'
import { formStyles } from '../form.styles.js'
import { FrontdeskElement } from '../frontdesk-element.js'
import { type Messages, pageLocale, requestedLocale, type StepName } from '../i18n/index.js'
import { styles } from '../styles.js'
import { explain } from './explain.js'
import { type FollowUp, followUpFor } from './follow-up.js'
import { type ActiveHold, HoldTimer } from './hold-timer.js'
import { manageUrl } from './manage-url.js'
import {
  channelChoices,
  defaultChannels,
  messageLanguage,
  messagePreferences,
  unreachableChannels,
} from './message-channels.js'
import { releaseOnLeave } from './release-on-leave.js'
import { type FreeTime, freeDayOf, SlotCalendar } from './slot-calendar.js'
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
  readonly timer = new HoldTimer(this, () => this.#holdEnded())
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
    void this.#start()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('pagehide', this.#leaving)
    window.removeEventListener('pageshow', this.#returning)
  }

  /** The patient leaves with a time held and not booked: the beacon lets it go (a booking is never touched). */
  readonly #leaving = (): void => {
    const hold = this.hold
    if (!hold) return
    releaseOnLeave(this.apiBase, hold)
    this.hold = undefined
    this.timer.stop()
  }

  /** Back from the browser's page cache, the released time is gone: offer the times free now. */
  readonly #returning = (event: PageTransitionEvent): void => {
    if (event.persisted && this._step === 'details' && !this.hold)
      void this.#timeGone(new WidgetApiError('HOLD_EXPIRED', 410))
  }

  get stepsShown(): StepName[] {
    const steps: StepName[] = []
    if (!this.#fixedService()) steps.push('service')
    if (!this.#fixedPractitioner()) steps.push('practitioner')
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

  async #start(): Promise<void> {
    Object.assign(this, pageLocale(this.locale))
    this.messageLanguage = messageLanguage(requestedLocale(this.locale))
    this.values = {
      ...this.values,
      name: this.prefillName ?? '',
      email: this.prefillEmail ?? '',
      phone: this.prefillPhone ?? '',
    }
    if (!this.publishableKey || !this.apiBase) {
      this._step = 'unavailable'
      this._alert = this.messages.errors.setup
      return
    }
    this.client = createClient({ apiBase: this.apiBase, publishableKey: this.publishableKey })
    try {
      const [clinic, services, practitioners] = await Promise.all([
        this.client.clinic(),
        this.client.services(),
        this.client.practitioners(),
      ])
      this.clinic = clinic
      this.offeredChannels = channelChoices(clinic.messageChannels)
      this.chosenChannels = defaultChannels(this.offeredChannels)
      this.services = services.filter((service) => service.active)
      this.practitioners = practitioners
    } catch (error) {
      this._step = 'unavailable'
      this._alert = this.explain(error)
      return
    }
    this.dispatchEvent(new FrontdeskReadyEvent())
    const service = this.#fixedService()
    if (service) {
      this.serviceId = service.id
      const practitioner = this.#fixedPractitioner()
      if (practitioner) {
        this.practitionerId = practitioner.id
        await this.openTimes(false)
        return
      }
      this.go('practitioner', false)
      return
    }
    this.go('service', false)
  }

  #fixedService(): Service | undefined {
    return this.service ? this.services.find((s) => s.id === this.service) : undefined
  }

  #fixedPractitioner(): Practitioner | undefined {
    const service = this.#fixedService()
    if (!this.practitioner || !service) return undefined
    return this.practitionersFor(service.id).find((p) => p.id === this.practitioner)
  }

  go(step: StepName, moveFocus = true): void {
    this._step = step
    this.#moveFocus = moveFocus
    this.dispatchEvent(new FrontdeskStepEvent({ step }))
  }

  chooseService(id: string): void {
    this.serviceId = id
    this._alert = ''
    if (this.#fixedPractitioner()) void this.openTimes()
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
  async openTimes(moveFocus = true): Promise<void> {
    const query = {
      serviceId: this.serviceId as string,
      ...(this.practitionerId && { practitionerId: this.practitionerId }),
      ...(this.location && { locationId: this.location }),
    }
    const today = this.today
    this.calendar = new SlotCalendar(
      async (from, to) => (await this.client.availabilityTimes({ ...query, from, to })).days.map(freeDayOf),
      today,
      addDays(today, this.chosenService?.bookingWindowDays ?? 60),
    )
    this.go('time', moveFocus)
    await this.#withCalendar((calendar) => calendar.openOnFirstFreeDay())
  }

  /** Runs a calendar change while showing the time step as busy; a failure becomes the alert. */
  async #withCalendar(change: (calendar: SlotCalendar) => Promise<void> | void): Promise<boolean> {
    if (!this.calendar) return false
    this._busy = true
    try {
      await change(this.calendar)
      return true
    } catch (error) {
      this._alert = this.explain(error)
      return false
    } finally {
      this._busy = false
    }
  }

  turnPage(direction: 1 | -1): void {
    this._alert = ''
    void this.#withCalendar((calendar) => calendar.turnPage(direction))
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
  async chooseTime(slot: FreeTime): Promise<void> {
    if (this._busy) return
    this._busy = true
    this._alert = ''
    const request = {
      serviceId: this.serviceId as string,
      startsAt: slot.startsAt,
      ...(this.practitionerId && { practitionerId: this.practitionerId }),
      ...(this.location && { locationId: this.location }),
    }
    try {
      const policyMs = (this.clinic?.policy.holdMinutes ?? 10) * 60_000
      if (this.hold) {
        try {
          const moved = await this.client.moveHold(this.hold.id, this.hold.visitToken, request)
          this.hold = { ...this.hold, slot, practitionerId: moved.practitionerId }
        } catch (error) {
          // A visit token that no longer works (revoked, too old): start over with a new hold.
          if (!(error instanceof WidgetApiError) || (error.status !== 401 && error.status !== 404))
            throw error
          this.hold = undefined
        }
      }
      if (!this.hold) {
        const created = await this.client.hold(request)
        this.hold = {
          id: created.hold.id,
          visitToken: created.visitToken,
          slot,
          practitionerId: created.hold.practitionerId,
        }
      }
      this.timer.start(policyMs)
      this.attempt = undefined
      this.go('details')
    } catch (error) {
      await this.#timeGone(error)
    } finally {
      this._busy = false
    }
  }

  /** The time went to someone else (or is no longer offered): say so and show what is free now. */
  async #timeGone(error: unknown): Promise<void> {
    const code = error instanceof WidgetApiError ? error.code : 'INTERNAL'
    if (code !== 'SLOT_TAKEN' && code !== 'SLOT_UNAVAILABLE' && code !== 'HOLD_EXPIRED') {
      this._alert = this.explain(error)
      return
    }
    this.go('time')
    if (!(await this.#withCalendar((calendar) => calendar.reload()))) return
    this._alert =
      code === 'SLOT_TAKEN'
        ? this.messages.errors.taken
        : code === 'HOLD_EXPIRED'
          ? this.messages.holdEnded
          : this.messages.errors.unavailable
  }

  #holdEnded(): void {
    if (this._step !== 'details') return
    void this.#timeGone(new WidgetApiError('HOLD_EXPIRED', 410))
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

  async submit(): Promise<void> {
    if (this._busy || !this.hold) return
    const issues = this.issues()
    const invalid = Object.keys(issues).length + this.channelIssues().length
    for (const field of ['name', 'email', 'phone', 'dateOfBirth', 'notes'] as const) this.touched.add(field)
    for (const channel of this.offeredChannels) this.channelsTouched.add(channel)
    if (invalid) {
      this._alert = this.messages.fixFields(invalid)
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    this._busy = true
    this._alert = ''
    // Kept while nothing changes, so resubmitting after a lost answer returns the first booking.
    this.attempt ??= crypto.randomUUID()
    try {
      const messages = messagePreferences(this.offeredChannels, this.chosenChannels, this.messageLanguage)
      const { id, visitToken } = this.hold
      const created = await this.client.book(id, visitToken, this.values, messages, this.attempt)
      this.timer.stop()
      this.booking = created.booking
      this.visitToken = created.visitToken
      this.manageUrl = manageUrl(this.apiBase, created.booking.id, created.manageToken)
      this.followUp = followUpFor(this, this.values.dateOfBirth, created.booking.serviceId)
      this.hold = undefined
      this.go('confirmation')
      this.dispatchEvent(new FrontdeskBookingConfirmedEvent({ bookingId: created.booking.id }))
    } catch (error) {
      if (error instanceof WidgetApiError && error.code === 'VALIDATION_FAILED') {
        for (const path of error.fields) {
          const field = path.replace(/^patient\./, '') as PatientField
          this.serverIssues.add(field)
        }
        this._alert = this.messages.errors.invalid
      } else if (error instanceof WidgetApiError && ['SLOT_TAKEN', 'HOLD_EXPIRED'].includes(error.code)) {
        this.timer.stop()
        await this.#timeGone(error)
      } else {
        this._alert = this.explain(error)
      }
    } finally {
      this._busy = false
    }
  }

  startOver(): void {
    this.booking = undefined
    this.manageUrl = undefined
    this.values = { ...this.values, notes: '' }
    this.touched.clear()
    this.channelsTouched.clear()
    this._alert = ''
    if (this.#fixedService()) {
      if (this.#fixedPractitioner()) void this.openTimes()
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
