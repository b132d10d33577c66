// Clinic settings (read with settings:read, saved with settings:manage): name, time zone, the booking rules
// the clinic keeps (cancellation window, hold time, unfinished forms), the languages the booking page offers,
// and the message channels, which stay the Messages section's to change. A refused save puts the words
// beside the fields the API named and takes focus to the first one.
import { type ClinicSettings, PAGE_LANGUAGES } from '@frontdesk/contracts'
import { html, nothing, type TemplateResult } from 'lit'
import {
  inputOf,
  issuesFrom,
  SETTINGS_FIELDS,
  type SettingsField,
  type SettingsIssues,
  timeZoneChoices,
  updateFrom,
} from '../clinic-settings.js'
import { messages } from '../messages.js'
import { sectionHref } from '../sections.js'
import { ConsoleView, field } from './view.js'

/** Which field an input changes, by its name, so changing it clears that field's issue. */
const FIELD_OF_INPUT: Record<string, SettingsField> = {
  name: 'name',
  timeZone: 'timeZone',
  cancellationNoticeHours: 'cancellationNotice',
  holdMinutes: 'holdMinutes',
  intakeDraftIdleDays: 'intakeDraftIdleDays',
  defaultLanguage: 'languages',
  languages: 'languages',
}

export class ClinicSettingsView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _settings: { state: true },
    _issues: { state: true },
  }
  declare _settings: ClinicSettings | null
  declare _issues: SettingsIssues

  constructor() {
    super()
    this._settings = null
    this._issues = {}
  }

  get editable(): boolean {
    return this.ctx.can('settings:manage')
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const settings = await this.run(() => this.ctx.staff.settings.get())
    if (settings) this._settings = settings
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const change = updateFrom({
      name: field(form, 'name'),
      timeZone: field(form, 'timeZone'),
      cancellationNoticeHours: field(form, 'cancellationNoticeHours'),
      holdMinutes: field(form, 'holdMinutes'),
      intakeDraftIdleDays: field(form, 'intakeDraftIdleDays'),
      defaultLanguage: field(form, 'defaultLanguage'),
      languages: data.getAll('languages').map(String),
    })
    this._issues = {}
    const outcome = await this.run(async () => {
      try {
        return { saved: await this.ctx.staff.settings.update(change) }
      } catch (error) {
        const issues = issuesFrom(error, messages.settings.issues)
        if (issues) return { issues }
        throw error
      }
    })
    if (!outcome) return
    if (outcome.issues) return this.#refused(outcome.issues)
    if (outcome.saved) this._settings = outcome.saved
    this.ctx.announce(messages.settings.saved)
  }

  #refused(issues: SettingsIssues): void {
    const m = messages.settings
    this._issues = issues
    const at = SETTINGS_FIELDS.filter((name) => issues[name] !== undefined)
    this.ctx.alert(m.checkFields(at.map((name) => this.#label(name)).join(', ')))
    const first = at[0]
    if (first)
      void this.focusAfterRender(first === 'languages' ? '#settings-defaultLanguage' : `#settings-${first}`)
  }

  #label(name: SettingsField): string {
    const m = messages.settings
    return name === 'languages' ? m.languages : m[name]
  }

  readonly #onInput = (event: Event) => {
    const name = FIELD_OF_INPUT[(event.target as HTMLInputElement).name ?? '']
    if (!name || this._issues[name] === undefined) return
    const issues = { ...this._issues }
    delete issues[name]
    this._issues = issues
  }

  override render(): TemplateResult {
    const m = messages.settings
    const settings = this._settings
    return html`
      <h1 tabindex="-1">${messages.sections.settings}</h1>
      <p class="hint">${m.intro}</p>
      ${this.editable ? nothing : html`<p class="hint">${m.readOnly}</p>`}
      ${
        settings === null
          ? this._busy
            ? html`<p>${messages.loading}</p>`
            : nothing
          : [
              this.editable ? this.#renderForm(settings) : this.#renderSummary(settings),
              this.#renderChannels(settings),
            ]
      }
    `
  }

  #issue(name: SettingsField): TemplateResult | typeof nothing {
    const text = this._issues[name]
    return text ? html`<p id="settings-${name}-issue" class="issue">${text}</p>` : nothing
  }

  /** aria-describedby for a field: its hint, and its issue while there is one. */
  #describedBy(name: SettingsField): string {
    return [`settings-${name}-hint`, this._issues[name] ? `settings-${name}-issue` : '']
      .filter(Boolean)
      .join(' ')
  }

  #invalid(name: SettingsField): 'true' | typeof nothing {
    return this._issues[name] ? 'true' : nothing
  }

  #textField(name: SettingsField, inputName: string, value: string, numeric: boolean): TemplateResult {
    const m = messages.settings
    const label = this.#label(name)
    const hint = m[`${name}Hint` as `${Exclude<SettingsField, 'languages'>}Hint`]
    return html`<div class="field">
      <label for="settings-${name}">${label}</label>
      <input id="settings-${name}" name=${inputName} type="text" .value=${value} autocomplete="off"
        inputmode=${numeric ? 'decimal' : nothing} aria-invalid=${this.#invalid(name)}
        aria-describedby=${this.#describedBy(name)} />
      <p id="settings-${name}-hint" class="hint">${hint}</p>
      ${this.#issue(name)}
    </div>`
  }

  #renderForm(settings: ClinicSettings): TemplateResult {
    const m = messages.settings
    const input = inputOf(settings)
    return html`<form novalidate class="narrow" @submit=${this.#save} @input=${this.#onInput}
      @change=${this.#onInput} aria-label=${messages.sections.settings}>
      <h2>${m.general}</h2>
      ${this.#textField('name', 'name', input.name, false)}
      <div class="field">
        <label for="settings-timeZone">${m.timeZone}</label>
        <select id="settings-timeZone" name="timeZone" aria-invalid=${this.#invalid('timeZone')}
          aria-describedby=${this.#describedBy('timeZone')}>
          ${timeZoneChoices(input.timeZone).map(
            (zone) =>
              html`<option value=${zone} ?selected=${zone === input.timeZone}>${zone.replace(/_/g, ' ')}</option>`,
          )}
        </select>
        <p id="settings-timeZone-hint" class="hint">${m.timeZoneHint}</p>
        ${this.#issue('timeZone')}
      </div>
      <h2>${m.bookingRules}</h2>
      ${this.#textField('cancellationNotice', 'cancellationNoticeHours', input.cancellationNoticeHours, true)}
      ${this.#textField('holdMinutes', 'holdMinutes', input.holdMinutes, true)}
      ${this.#textField('intakeDraftIdleDays', 'intakeDraftIdleDays', input.intakeDraftIdleDays, true)}
      <p class="hint">${m.perService}
        ${this.ctx.can('catalogue:manage') ? html`<a href=${sectionHref('services')}>${m.toServices}</a>` : nothing}</p>
      <h2>${m.languages}</h2>
      <div class="field">
        <label for="settings-defaultLanguage">${m.defaultLanguage}</label>
        <select id="settings-defaultLanguage" name="defaultLanguage" aria-invalid=${this.#invalid('languages')}
          aria-describedby=${this.#describedBy('languages')}>
          ${PAGE_LANGUAGES.map(
            (language) => html`<option value=${language} ?selected=${language === input.defaultLanguage}>
              ${m.languageNames[language] ?? language}</option>`,
          )}
        </select>
      </div>
      <fieldset aria-describedby=${this.#describedBy('languages')}>
        <legend>${m.languages}</legend>
        ${PAGE_LANGUAGES.map(
          (language) => html`<label class="check"><input id="settings-language-${language}" type="checkbox"
            name="languages" value=${language} .checked=${input.languages.includes(language)} />
            ${m.languageNames[language] ?? language}</label>`,
        )}
        <p id="settings-languages-hint" class="hint">${m.languagesHint}</p>
        ${this.#issue('languages')}
      </fieldset>
      <button type="submit" class="primary" ?disabled=${this._busy}>${m.save}</button>
    </form>`
  }

  #renderSummary(settings: ClinicSettings): TemplateResult {
    const m = messages.settings
    const input = inputOf(settings)
    return html`<dl>
      <dt>${m.name}</dt><dd>${input.name}</dd>
      <dt>${m.timeZone}</dt><dd>${input.timeZone}</dd>
      <dt>${m.cancellationNotice}</dt><dd>${input.cancellationNoticeHours}</dd>
      <dt>${m.holdMinutes}</dt><dd>${input.holdMinutes}</dd>
      <dt>${m.intakeDraftIdleDays}</dt><dd>${input.intakeDraftIdleDays}</dd>
      <dt>${m.languages}</dt>
      <dd>${input.languages.map((language) => m.languageNames[language] ?? language).join(', ')}</dd>
    </dl>`
  }

  /** The channels as the clinic's messages use them: changed in the Messages section, not here. */
  #renderChannels(settings: ClinicSettings): TemplateResult {
    const m = messages.settings
    const channels = settings.messageChannels.map((channel) => messages.patientMessages.channels[channel])
    return html`<section aria-labelledby="settings-channels">
      <h2 id="settings-channels">${m.channels}</h2>
      <p id="settings-channel-list">${channels.length ? channels.join(', ') : m.channelsNone}</p>
      <p class="hint">${m.channelsHint}</p>
      <p><a id="settings-to-messaging" href=${sectionHref('messaging')}>${m.toMessaging}</a></p>
    </section>`
  }
}
