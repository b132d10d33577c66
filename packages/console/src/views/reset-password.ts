// A new password from the reset mail's link (/admin#reset=<token>; the token is in memory only by now).
import { html, type TemplateResult } from 'lit'
import { messages } from '../messages.js'
import { rawField, ShellView } from './view.js'

const MIN_PASSWORD = 12

export class ResetPasswordView extends ShellView {
  static override properties = {
    ...ShellView.properties,
    token: { attribute: false },
    _done: { state: true },
  }
  declare token: string
  declare _done: boolean

  constructor() {
    super()
    this.token = ''
    this._done = false
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const password = rawField(form, 'password')
    if (password.length < MIN_PASSWORD) {
      this.#problem(messages.errors.passwordShort)
      return
    }
    if (password !== rawField(form, 'confirm')) {
      this.#problem(messages.errors.passwordsDiffer)
      return
    }
    const done = await this.run(async () => {
      await this.shell.auth.resetPassword(this.token, password)
      return true
    })
    if (done) {
      this._done = true
      // Focus moves onto the message, which is how it is heard; the status region would say it twice.
      void this.focusAfterRender('#reset-done')
    }
  }

  #problem(text: string): void {
    const issue = this.querySelector<HTMLElement>('#reset-issue')
    if (issue) issue.textContent = text
    this.querySelector<HTMLElement>('#reset-password')?.focus()
  }

  override render(): TemplateResult {
    const m = messages.reset
    return html`<div class="narrow">
      <h1 tabindex="-1">${m.heading}</h1>
      ${
        this._done
          ? html`<p class="status" id="reset-done" tabindex="-1">${m.done}</p>
              <button class="primary" type="button" @click=${() => this.shell.toSignIn()}>${messages.signIn.submit}</button>`
          : html`<form @submit=${this.#submit} novalidate>
              <p class="hint" id="reset-hint">${m.hint}</p>
              <p class="issue" id="reset-issue" aria-live="polite"></p>
              <div class="field">
                <label for="reset-password">${m.password}</label>
                <input id="reset-password" name="password" type="password" autocomplete="new-password" required
                  minlength=${MIN_PASSWORD} aria-describedby="reset-hint reset-issue" />
              </div>
              <div class="field">
                <label for="reset-confirm">${m.confirm}</label>
                <input id="reset-confirm" name="confirm" type="password" autocomplete="new-password" required />
              </div>
              <div class="row">
                <button class="primary" type="submit" ?disabled=${this._busy}>${m.submit}</button>
                <button type="button" class="link" @click=${() => this.shell.toSignIn()}>${messages.signIn.back}</button>
              </div>
            </form>`
      }
    </div>`
  }
}
