// How the clinic messages its patients: read with settings:read, changed with settings:manage. A refused
// save puts the API's words beside the fields it names (issues[].path) and takes focus to the first one.
import type { MessageSettings } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import { live } from 'lit/directives/live.js'
import { messages } from '../messages.js'
import {
  CHANNELS,
  FIELDS,
  type FieldIssues,
  fieldLabel,
  hoursOf,
  issuesFrom,
  MAX_REMINDERS,
  type SettingsField,
  settingsFrom,
} from '../messaging-settings.js'
import { renderMessagingSummary } from './messaging-summary.js'
import { ConsoleView, field } from './view.js'

const NO_ISSUES: FieldIssues = { fields: {}, reminders: new Set() }

/** Which setting an input changes, by its name, so typing there clears that field's issue. */
const FIELD_OF_INPUT: Record<string, SettingsField> = {
  channels: 'channels',
  offset: 'reminderOffsetsMinutes',
  reminderBasis: 'reminderBasis',
  reasonInEmail: 'reasonInEmail',
  defaultLanguage: 'defaultLanguage',
  smsFrom: 'smsFrom',
  whatsappFrom: 'whatsappFrom',
  replyTo: 'replyTo',
  intakeHours: 'intakeNudgeMinutes',
  intakePageUrl: 'intakePageUrl',
}

export class MessagingView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _settings: { state: true },
    _offsets: { state: true },
    _issues: { state: true },
  }
  declare _settings: MessageSettings | null
  /** The reminders as typed, in hours; held here so rows can be added and removed before saving. */
  declare _offsets: string[]
  declare _issues: FieldIssues

  constructor() {
    super()
    this._settings = null
    this._offsets = []
    this._issues = NO_ISSUES
  }

  get editable(): boolean {
    return this.ctx.can('settings:manage')
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const settings = await this.run(() => this.ctx.staff.messages.settings.get())
    if (settings) this.#show(settings)
  }

  #show(settings: MessageSettings): void {
    this._settings = settings
    this._offsets = settings.reminderOffsetsMinutes.map(hoursOf)
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const settings = settingsFrom({
      channels: data.getAll('channels').map(String),
      offsets: this._offsets,
      reminderBasis: field(form, 'reminderBasis'),
      reasonInEmail: data.get('reasonInEmail') === 'on',
      defaultLanguage: field(form, 'defaultLanguage'),
      smsFrom: field(form, 'smsFrom'),
      whatsappFrom: field(form, 'whatsappFrom'),
      replyTo: field(form, 'replyTo'),
      intakeHours: field(form, 'intakeHours'),
      intakePageUrl: field(form, 'intakePageUrl'),
    })
    this._issues = NO_ISSUES
    const outcome = await this.run(async () => {
      try {
        return { saved: await this.ctx.staff.messages.settings.update(settings) }
      } catch (error) {
        const issues = issuesFrom(error)
        if (issues) return { issues }
        throw error
      }
    })
    if (!outcome) return
    if (outcome.issues) {
      this.#refused(outcome.issues)
      return
    }
    if (outcome.saved) this.#show(outcome.saved)
    this.ctx.announce(messages.saved)
  }

  #refused(issues: FieldIssues): void {
    this._issues = issues
    const at = FIELDS.filter((name) => issues.fields[name] !== undefined)
    this.ctx.alert(
      messages.messaging.checkFields(
        at.map((name) => `${fieldLabel(name)}: ${issues.fields[name]}`).join('; '),
      ),
    )
    const first = at[0]
    if (first) void this.focusAfterRender(this.#focusTarget(first))
  }

  #focusTarget(name: SettingsField): string {
    if (name === 'channels') return '#messaging-channel-email'
    if (name === 'reminderBasis') return '#messaging-basis-contract'
    if (name === 'reminderOffsetsMinutes') {
      const last = this._offsets.length - 1
      if (last < 0) return '#messaging-add-reminder'
      const rows = this._issues.reminders
      const first = rows === 'all' || rows.size === 0 ? 0 : Math.min(...rows)
      return `#messaging-offset-${Math.min(first, last)}`
    }
    return `#messaging-${name}`
  }

  readonly #onInput = (event: Event) => {
    const name = FIELD_OF_INPUT[(event.target as HTMLInputElement).name ?? '']
    if (!name || this._issues.fields[name] === undefined) return
    const fields = { ...this._issues.fields }
    delete fields[name]
    this._issues = {
      fields,
      reminders: name === 'reminderOffsetsMinutes' ? new Set() : this._issues.reminders,
    }
  }

  #addReminder(): void {
    if (this._offsets.length >= MAX_REMINDERS) return
    this._offsets = [...this._offsets, '']
    void this.focusAfterRender(`#messaging-offset-${this._offsets.length - 1}`)
  }

  #removeReminder(index: number): void {
    this._offsets = this._offsets.filter((_, i) => i !== index)
    void this.focusAfterRender('#messaging-add-reminder')
  }

  override render(): TemplateResult {
    const m = messages.messaging
    const settings = this._settings
    return html`
      <h1 tabindex="-1">${messages.sections.messaging}</h1>
      <p class="hint">${m.intro}</p>
      ${this.editable ? nothing : html`<p class="hint">${m.readOnly}</p>`}
      ${
        settings === null
          ? this._busy
            ? html`<p>${messages.loading}</p>`
            : nothing
          : this.editable
            ? this.#renderForm(settings)
            : renderMessagingSummary(settings)
      }
    `
  }

  #issue(name: SettingsField): TemplateResult | typeof nothing {
    const text = this._issues.fields[name]
    return text ? html`<p id="messaging-${name}-issue" class="issue">${text}</p>` : nothing
  }

  /** aria-describedby for a field: its hint, and its issue while there is one. */
  #describedBy(name: SettingsField, hint?: string): string {
    return [hint, this._issues.fields[name] ? `messaging-${name}-issue` : ''].filter(Boolean).join(' ')
  }

  #invalid(name: SettingsField): 'true' | typeof nothing {
    return this._issues.fields[name] ? 'true' : nothing
  }

  #renderForm(settings: MessageSettings): TemplateResult {
    const m = messages.messaging
    return html`<form novalidate @submit=${this.#save} @input=${this.#onInput} @change=${this.#onInput}
      aria-label=${messages.sections.messaging}>
      <fieldset aria-describedby=${this.#describedBy('channels', 'messaging-channels-hint')}>
        <legend>${m.channels}</legend>
        <p id="messaging-channels-hint" class="hint">${m.channelsHint}</p>
        ${CHANNELS.map(
          (channel) => html`<label class="check"><input id="messaging-channel-${channel}" type="checkbox"
            name="channels" value=${channel} .checked=${settings.channels.includes(channel)}
            aria-invalid=${this.#invalid('channels')} />${messages.patientMessages.channels[channel]}</label>`,
        )}
        ${this.#issue('channels')}
      </fieldset>
      ${this.#renderReminders()}
      <fieldset>
        <legend>${m.basis}</legend>
        ${(['contract', 'consent'] as const).map(
          (basis) => html`<label class="check"><input id="messaging-basis-${basis}" type="radio"
            name="reminderBasis" value=${basis} .checked=${settings.reminderBasis === basis}
            aria-describedby="messaging-basis-${basis}-hint" />${m.bases[basis].label}</label>
            <p id="messaging-basis-${basis}-hint" class="hint choice-hint">${m.bases[basis].hint}</p>`,
        )}
        ${this.#issue('reminderBasis')}
      </fieldset>
      <label class="check"><input id="messaging-reasonInEmail" type="checkbox" name="reasonInEmail"
        .checked=${settings.reasonInEmail} aria-describedby="messaging-reasonInEmail-hint" />${m.reasonInEmail}</label>
      <p id="messaging-reasonInEmail-hint" class="hint choice-hint">${m.reasonInEmailHint}</p>
      <div class="field narrow">
        <label for="messaging-defaultLanguage">${m.language}</label>
        <select id="messaging-defaultLanguage" name="defaultLanguage"
          aria-describedby=${this.#describedBy('defaultLanguage', 'messaging-defaultLanguage-hint')}>
          ${Object.entries(m.languages).map(
            ([code, name]) =>
              html`<option value=${code} ?selected=${settings.defaultLanguage === code}>${name}</option>`,
          )}
        </select>
        <p id="messaging-defaultLanguage-hint" class="hint">${m.languageHint}</p>
        ${this.#issue('defaultLanguage')}
      </div>
      <fieldset>
        <legend>${m.senders}</legend>
        ${this.#text('smsFrom', m.smsFrom, settings.smsFrom, { type: 'tel', hint: m.numberHint })}
        ${this.#text('whatsappFrom', m.whatsappFrom, settings.whatsappFrom, { type: 'tel', hint: m.numberHint })}
        ${this.#text('replyTo', m.replyTo, settings.replyTo, { type: 'email', hint: m.replyToHint })}
      </fieldset>
      <fieldset>
        <legend>${m.intake}</legend>
        ${this.#text(
          'intakeNudgeMinutes',
          m.intakeHours,
          settings.intakeNudgeMinutes === null ? null : hoursOf(settings.intakeNudgeMinutes),
          { type: 'number', hint: m.intakeHoursHint, name: 'intakeHours' },
        )}
        ${this.#text('intakePageUrl', m.intakePageUrl, settings.intakePageUrl, {
          type: 'url',
          hint: m.intakePageUrlHint,
        })}
      </fieldset>
      <button class="primary" type="submit" ?disabled=${this._busy}>${messages.save}</button>
    </form>`
  }

  #text(
    name: SettingsField,
    label: string,
    value: string | null,
    options: { type: 'tel' | 'email' | 'url' | 'number'; hint: string; name?: string },
  ): TemplateResult {
    const id = `messaging-${name}`
    const numeric = options.type === 'number'
    return html`<div class="field narrow">
      <label for=${id}>${label}</label>
      <input id=${id} name=${options.name ?? name} type=${options.type} .value=${value ?? ''}
        autocomplete="off" inputmode=${numeric ? 'decimal' : nothing} step=${numeric ? 'any' : nothing}
        aria-invalid=${this.#invalid(name)} aria-describedby=${this.#describedBy(name, `${id}-hint`)} />
      <p id="${id}-hint" class="hint">${options.hint}</p>
      ${this.#issue(name)}
    </div>`
  }

  #renderReminders(): TemplateResult {
    const m = messages.messaging
    const offsets = this._offsets
    const wrong = this._issues.reminders
    const issueId = this._issues.fields.reminderOffsetsMinutes ? 'messaging-reminderOffsetsMinutes-issue' : ''
    return html`<fieldset>
      <legend>${m.reminders}</legend>
      <p id="messaging-reminders-hint" class="hint">${m.remindersHint}</p>
      ${offsets.length === 0 ? html`<p>${m.noReminders}</p>` : nothing}
      ${offsets.map((hours, index) => {
        const invalid = wrong === 'all' || wrong.has(index)
        return html`<div class="row">
          <label for="messaging-offset-${index}">${m.reminderLabel(index + 1)}</label>
          <input id="messaging-offset-${index}" name="offset" type="number" inputmode="decimal" step="any"
            .value=${live(hours)} aria-invalid=${invalid ? 'true' : nothing}
            aria-describedby=${['messaging-reminders-hint', invalid ? issueId : ''].filter(Boolean).join(' ')}
            @input=${(event: Event) => {
              this._offsets[index] = (event.currentTarget as HTMLInputElement).value
            }} />
          <button type="button" aria-label=${m.removeReminder(index + 1)}
            @click=${() => this.#removeReminder(index)}>${messages.remove}</button>
        </div>`
      })}
      ${this.#issue('reminderOffsetsMinutes')}
      ${
        offsets.length < MAX_REMINDERS
          ? html`<button id="messaging-add-reminder" type="button" class="link"
              @click=${() => this.#addReminder()}>${m.addReminder}</button>`
          : html`<p class="hint">${m.remindersFull}</p>`
      }
    </fieldset>`
  }
}
