// Sign-in: email and password, then a TOTP code when the account has two-factor on; or ask for a reset link.
import { html, type TemplateResult } from 'lit'
import { messages } from '../messages.js'
import { field, rawField, ShellView } from './view.js'

type Step = 'password' | 'totp' | 'forgot' | 'forgot-sent'

export class SignInView extends ShellView {
  static override properties = { ...ShellView.properties, _step: { state: true } }
  declare _step: Step

  constructor() {
    super()
    this._step = 'password'
  }

  async #signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const answer = await this.run(() =>
      this.shell.auth.signIn(field(form, 'email'), rawField(form, 'password')),
    )
    if (!answer) return
    if (answer.twoFactor) {
      this.#go('totp')
      return
    }
    await this.shell.signedIn()
  }

  async #verify(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const code = field(form, 'code').replace(/\s+/g, '')
    const done = await this.run(async () => {
      await this.shell.auth.verifyTotp(code)
      return true
    })
    if (done) await this.shell.signedIn()
  }

  async #requestReset(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const done = await this.run(async () => {
      await this.shell.auth.requestPasswordReset(field(form, 'email'))
      return true
    })
    if (done) this.#go('forgot-sent')
  }

  #go(step: Step): void {
    this.shell.clearAlert()
    this._step = step
    void this.focusAfterRender('h1')
  }

  override render(): TemplateResult {
    const m = messages.signIn
    switch (this._step) {
      case 'totp':
        return html`<div class="narrow">
          <h1 tabindex="-1">${m.totpHeading}</h1>
          <form @submit=${this.#verify}>
            <p class="hint" id="totp-hint">${m.totpHint}</p>
            <div class="field">
              <label for="totp-code">${m.totpCode}</label>
              <input id="totp-code" name="code" inputmode="numeric" autocomplete="one-time-code" required
                pattern="[0-9 ]{6,8}" aria-describedby="totp-hint" />
            </div>
            <div class="row">
              <button class="primary" type="submit" ?disabled=${this._busy}>${m.verify}</button>
              <button type="button" @click=${() => this.#go('password')}>${m.back}</button>
            </div>
          </form>
        </div>`
      case 'forgot':
      case 'forgot-sent':
        return html`<div class="narrow">
          <h1 tabindex="-1">${m.forgotHeading}</h1>
          ${
            this._step === 'forgot-sent'
              ? html`<p class="status">${m.linkSent}</p>`
              : html`<form @submit=${this.#requestReset}>
                  <p class="hint" id="forgot-hint">${m.forgotHint}</p>
                  <div class="field">
                    <label for="forgot-email">${m.email}</label>
                    <input id="forgot-email" name="email" type="email" autocomplete="username" required
                      aria-describedby="forgot-hint" />
                  </div>
                  <div class="row">
                    <button class="primary" type="submit" ?disabled=${this._busy}>${m.sendLink}</button>
                  </div>
                </form>`
          }
          <button type="button" class="link" @click=${() => this.#go('password')}>${m.back}</button>
        </div>`
      default:
        return html`<div class="narrow">
          <h1 tabindex="-1">${m.heading}</h1>
          <form @submit=${this.#signIn}>
            <div class="field">
              <label for="sign-in-email">${m.email}</label>
              <input id="sign-in-email" name="email" type="email" autocomplete="username" required />
            </div>
            <div class="field">
              <label for="sign-in-password">${m.password}</label>
              <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required />
            </div>
            <div class="row">
              <button class="primary" type="submit" ?disabled=${this._busy}>${m.submit}</button>
              <button type="button" class="link" @click=${() => this.#go('forgot')}>${m.forgot}</button>
            </div>
          </form>
        </div>`
    }
  }
}
