// The member's own account: who they are here, the console's language, two-factor sign-in on or off, and
// signing out. The TOTP setup shows a QR code of the otpauth URI, and the setup key as text beside it.
import { html, nothing, type TemplateResult } from 'lit'
import type { TotpSetup } from '../auth.js'
import { isLanguage, LANGUAGES } from '../language.js'
import { currentLanguage, messages, setLanguage } from '../messages.js'
import { qrCode } from '../qr.js'
import { ConsoleView, field, rawField } from './view.js'

export class AccountView extends ConsoleView {
  static override properties = { ...ConsoleView.properties, _setup: { state: true } }
  /** The setup in progress: shown until the first code confirms it. */
  declare _setup: TotpSetup | null

  constructor() {
    super()
    this._setup = null
  }

  async #enable(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const password = rawField(event.currentTarget as HTMLFormElement, 'password')
    const setup = await this.run(() => this.ctx.auth.enableTwoFactor(password))
    if (!setup) return
    this._setup = setup
    void this.focusAfterRender('#totp-setup-heading')
  }

  async #confirm(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const code = field(event.currentTarget as HTMLFormElement, 'code').replace(/\s+/g, '')
    const done = await this.run(async () => {
      await this.ctx.auth.verifyTotp(code)
      return true
    })
    if (!done) return
    this._setup = null
    this.ctx.announce(messages.account.enabled)
    await this.ctx.signedIn()
  }

  /** Stored on the account first, so the choice follows the member to any browser; then spoken at once. */
  async #chooseLanguage(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const language = field(event.currentTarget as HTMLFormElement, 'language')
    if (!isLanguage(language)) return
    const done = await this.run(async () => {
      await this.ctx.auth.setLanguage(language)
      return true
    })
    if (!done) return
    setLanguage(language)
    this.ctx.announce(messages.account.languageSaved)
  }

  async #disable(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const password = rawField(event.currentTarget as HTMLFormElement, 'password')
    const done = await this.run(async () => {
      await this.ctx.auth.disableTwoFactor(password)
      return true
    })
    if (!done) return
    this.ctx.announce(messages.account.disabled)
    await this.ctx.signedIn()
  }

  override render(): TemplateResult {
    const m = messages.account
    const { user, clinic, role } = this.ctx.me
    return html`
      <h1 tabindex="-1">${messages.sections.account}</h1>
      <h2>${m.profile}</h2>
      <dl>
        <dt>${m.name}</dt><dd>${user.name}</dd>
        <dt>${m.email}</dt><dd>${user.email}</dd>
        <dt>${m.role}</dt><dd>${messages.roles[role] ?? role}</dd>
        <dt>${m.clinic}</dt><dd>${clinic.name}</dd>
      </dl>
      <h2>${m.language}</h2>
      ${this.#renderLanguage()}
      <h2>${m.twoFactor}</h2>
      ${this._setup ? this.#renderSetup(this._setup) : this.#renderTwoFactor(user.twoFactorEnabled)}
      <h2>${m.session}</h2>
      <button type="button" @click=${() => this.ctx.signOut()}>${messages.shell.signOut}</button>
    `
  }

  #renderLanguage(): TemplateResult {
    const m = messages.account
    const language = currentLanguage()
    return html`<form class="panel narrow" @submit=${this.#chooseLanguage}>
      <div class="field">
        <label for="account-language">${m.language}</label>
        <select id="account-language" name="language" aria-describedby="account-language-hint">
          ${LANGUAGES.map(
            (option) => html`<option value=${option} lang=${option} ?selected=${option === language}>
              ${m.languages[option]}
            </option>`,
          )}
        </select>
        <p id="account-language-hint" class="hint">${m.languageHint}</p>
      </div>
      <button type="submit" ?disabled=${this._busy}>${m.saveLanguage}</button>
    </form>`
  }

  #renderTwoFactor(enabled: boolean): TemplateResult {
    const m = messages.account
    return html`<p>${enabled ? m.twoFactorOn : m.twoFactorOff}</p>
      <form class="panel narrow" @submit=${enabled ? this.#disable : this.#enable}>
        <input type="email" name="username" autocomplete="username" .value=${this.ctx.me.user.email} hidden />
        <div class="field">
          <label for="totp-password">${m.password}</label>
          <input id="totp-password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <button type="submit" class=${enabled ? 'danger' : 'primary'} ?disabled=${this._busy}>
          ${enabled ? m.disable : m.enable}
        </button>
      </form>`
  }

  #renderSetup(setup: TotpSetup): TemplateResult {
    const m = messages.account
    const secret = new URL(setup.totpURI).searchParams.get('secret')
    return html`<section class="panel" aria-labelledby="totp-setup-heading">
      <h3 id="totp-setup-heading" tabindex="-1">${m.twoFactor}</h3>
      <p>${m.scan}</p>
      ${qrCode(setup.totpURI, m.qr)}
      ${secret ? html`<p>${m.setupKey}: <code class="secret">${secret}</code></p>` : nothing}
      <p>${m.link}: <code class="secret">${setup.totpURI}</code></p>
      <p>${m.backupCodes}</p>
      <ul class="mono">${setup.backupCodes.map((code) => html`<li>${code}</li>`)}</ul>
      <form @submit=${this.#confirm}>
        <div class="field narrow">
          <label for="totp-confirm">${m.code}</label>
          <input id="totp-confirm" name="code" inputmode="numeric" autocomplete="one-time-code" required />
        </div>
        <button type="submit" class="primary" ?disabled=${this._busy}>${m.confirm}</button>
      </form>
    </section>`
  }
}
