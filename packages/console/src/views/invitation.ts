// Joining a clinic from an invitation mail (/admin#invitation=<id>): create an account or sign in, see
// which clinic and role the invitation offers (only its recipient may read it), then accept.
import { html, nothing, type TemplateResult } from 'lit'
import { AuthError, type InvitationDetails } from '../auth.js'
import { messages } from '../messages.js'
import { field, rawField, ShellView } from './view.js'

type Step = 'checking' | 'create' | 'sign-in' | 'offer' | 'invalid'

export class InvitationView extends ShellView {
  static override properties = {
    ...ShellView.properties,
    invitationId: { attribute: false },
    _step: { state: true },
  }
  declare invitationId: string
  declare _step: Step
  invitation: InvitationDetails | null = null

  constructor() {
    super()
    this.invitationId = ''
    this._step = 'checking'
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  /** Reads the invitation as the signed-in user; without a session, asks for an account first. */
  async #load(): Promise<void> {
    try {
      this.invitation = await this.shell.auth.getInvitation(this.invitationId)
      this.#go('offer')
    } catch (error) {
      if (error instanceof AuthError && error.status === 401) this.#go('create')
      else if (
        error instanceof AuthError &&
        (error.status === 400 || error.status === 403 || error.status === 404)
      )
        this.#go('invalid')
      else {
        this.shell.fail(error)
        this.#go('create')
      }
    }
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const done = await this.run(async () => {
      await this.shell.auth.signUp(field(form, 'name'), field(form, 'email'), rawField(form, 'password'))
      return true
    })
    if (done) await this.#load()
  }

  async #accept(): Promise<void> {
    const done = await this.run(async () => {
      await this.shell.auth.acceptInvitation(this.invitationId)
      return true
    })
    if (!done) return
    this.shell.announce(messages.invitation.accepted)
    await this.shell.signedIn()
  }

  #go(step: Step): void {
    this._step = step
    void this.focusAfterRender('h1')
  }

  override render(): TemplateResult {
    const m = messages.invitation
    switch (this._step) {
      case 'checking':
        return html`<h1 tabindex="-1">${m.heading}</h1><p>${messages.loading}</p>`
      case 'sign-in':
        // Signing in comes back here to read the invitation, instead of opening the console.
        return html`<fd-sign-in .shell=${{ ...this.shell, signedIn: () => this.#load() }}></fd-sign-in>
          <button type="button" class="link" @click=${() => this.#go('create')}>${m.needAccount}</button>`
      case 'offer': {
        const invitation = this.invitation
        return html`<div class="narrow">
          <h1 tabindex="-1">${m.heading}</h1>
          ${
            invitation
              ? html`<p>${m.offer(invitation.organizationName, messages.roles[invitation.role] ?? invitation.role, invitation.inviterEmail)}</p>`
              : nothing
          }
          <button class="primary" type="button" ?disabled=${this._busy} @click=${this.#accept}>${m.accept}</button>
        </div>`
      }
      case 'invalid':
        return html`<div class="narrow">
          <h1 tabindex="-1">${m.heading}</h1>
          <p>${m.invalid}</p>
          <div class="row">
            <button type="button" @click=${() => this.shell.signOut()}>${messages.shell.signOut}</button>
          </div>
        </div>`
      default:
        return html`<div class="narrow">
          <h1 tabindex="-1">${m.heading}</h1>
          <p class="hint">${m.intro}</p>
          <form @submit=${this.#create}>
            <div class="field">
              <label for="invite-name">${m.name}</label>
              <input id="invite-name" name="name" autocomplete="name" required />
            </div>
            <div class="field">
              <label for="invite-email">${m.email}</label>
              <input id="invite-email" name="email" type="email" autocomplete="username" required />
            </div>
            <div class="field">
              <label for="invite-password">${m.password}</label>
              <input id="invite-password" name="password" type="password" autocomplete="new-password" required
                minlength="12" aria-describedby="invite-password-hint" />
              <span class="hint" id="invite-password-hint">${m.passwordHint}</span>
            </div>
            <div class="row">
              <button class="primary" type="submit" ?disabled=${this._busy}>${m.create}</button>
              <button type="button" class="link" @click=${() => this.#go('sign-in')}>${m.haveAccount}</button>
            </div>
          </form>
        </div>`
    }
  }
}
