// Staff (staff:manage): members and their roles (change, remove), which practitioner a practitioner member
// is, open invitations (send, cancel). better-auth's organization endpoints do the member work, the API's
// PUT /v1/practitioners/{id}/staff-account the link; the server checks the role again.
import type { Practitioner } from '@frontdesk/contracts'
import { STAFF_ROLES, type StaffRole } from '@frontdesk/contracts/staff'
import { html, nothing, type TemplateResult } from 'lit'
import type { StaffInvitation, StaffMember } from '../auth.js'
import { formatInstant } from '../format.js'
import { messages } from '../messages.js'
import { ConsoleView, field } from './view.js'

export class StaffView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _members: { state: true },
    _invitations: { state: true },
    _removing: { state: true },
    _practitioners: { state: true },
  }
  declare _members: StaffMember[] | null
  declare _invitations: StaffInvitation[] | null
  declare _removing: StaffMember | null
  declare _practitioners: Practitioner[]

  constructor() {
    super()
    this._members = null
    this._invitations = null
    this._removing = null
    this._practitioners = []
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const auth = this.ctx.auth
    const { catalogue } = this.ctx.staff
    const answer = await this.run(() =>
      Promise.all([auth.listMembers(), auth.listInvitations(), catalogue.practitioners.list()]),
    )
    if (!answer) return
    this._members = answer[0]
    this._invitations = answer[1]
    this._practitioners = answer[2].data
  }

  /** The practitioner a member is, by the API's link (staffUserId), or undefined. */
  #practitionerOf(member: StaffMember): Practitioner | undefined {
    return this._practitioners.find((practitioner) => practitioner.staffUserId === member.user.id)
  }

  async #link(member: StaffMember, event: Event): Promise<void> {
    const select = event.currentTarget as HTMLSelectElement
    const current = this.#practitionerOf(member)
    const chosen = this._practitioners.find((practitioner) => practitioner.id === select.value)
    const accounts = this.ctx.staff.practitionerAccounts
    const done = await this.run(async () => {
      if (chosen) await accounts.link(chosen.id, member.user.id)
      else if (current) await accounts.link(current.id, null)
      return true
    })
    const m = messages.practitionerLink
    if (done)
      this.ctx.announce(chosen ? m.linked(member.user.name, chosen.name) : m.unlinked(member.user.name))
    else select.value = current?.id ?? ''
    await this.#load()
  }

  async #changeRole(member: StaffMember, event: Event): Promise<void> {
    const select = event.currentTarget as HTMLSelectElement
    const role = select.value as StaffRole
    const done = await this.run(async () => {
      await this.ctx.auth.updateMemberRole(member.id, role)
      return true
    })
    if (done) this.ctx.announce(messages.staff.roleChanged)
    else select.value = member.role
    await this.#load()
  }

  async #remove(member: StaffMember): Promise<void> {
    const done = await this.run(async () => {
      await this.ctx.auth.removeMember(member.id)
      return true
    })
    if (!done) return
    this._removing = null
    this.ctx.announce(messages.staff.removed)
    await this.#load()
    void this.focusAfterRender('h1')
  }

  async #invite(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const email = field(form, 'email')
    const role = field(form, 'role') as StaffRole
    const sent = await this.run(() => this.ctx.auth.inviteMember(email, role))
    if (!sent) return
    form.reset()
    this.ctx.announce(messages.staff.invited(email))
    await this.#load()
  }

  async #cancelInvitation(invitation: StaffInvitation): Promise<void> {
    const done = await this.run(async () => {
      await this.ctx.auth.cancelInvitation(invitation.id)
      return true
    })
    if (!done) return
    this.ctx.announce(messages.staff.invitationCancelled)
    await this.#load()
    void this.focusAfterRender('#invitations-heading')
  }

  #askRemove(member: StaffMember | null): void {
    this._removing = member
    void this.focusAfterRender(member ? '#member-remove-heading' : 'h1')
  }

  override render(): TemplateResult {
    const m = messages.staff
    return html`
      <h1 tabindex="-1">${messages.sections.staff}</h1>
      ${this._removing ? this.#renderRemove(this._removing) : nothing}
      <h2>${m.members}</h2>
      <p id="member-practitioner-hint" class="hint">${messages.practitionerLink.hint}</p>
      ${this._members === null ? html`<p>${messages.loading}</p>` : this.#renderMembers(this._members)}
      <h2 id="invitations-heading" tabindex="-1">${m.invitations}</h2>
      ${this._invitations ? this.#renderInvitations(this._invitations) : nothing}
      ${this.#renderInvite()}
    `
  }

  #roleOptions(selected: string): TemplateResult[] {
    return STAFF_ROLES.map(
      (role) => html`<option value=${role} ?selected=${role === selected}>${messages.roles[role]}</option>`,
    )
  }

  #renderMembers(members: StaffMember[]): TemplateResult {
    const m = messages.staff
    const self = this.ctx.me.user.id
    return html`<table>
      <thead><tr>
        <th scope="col">${m.name}</th><th scope="col">${m.email}</th><th scope="col">${m.role}</th>
        <th scope="col">${messages.practitionerLink.column}</th><th scope="col">${messages.actions}</th>
      </tr></thead>
      <tbody>
        ${members.map((member) => {
          const isSelf = member.user.id === self
          return html`<tr>
            <td>${member.user.name} ${isSelf ? m.you : nothing}</td>
            <td>${member.user.email}</td>
            <td>${
              isSelf
                ? (messages.roles[member.role] ?? member.role)
                : html`<select aria-label=${m.roleOf(member.user.name)} ?disabled=${this._busy}
                    @change=${(event: Event) => this.#changeRole(member, event)}>${this.#roleOptions(member.role)}</select>`
            }</td>
            <td>${this.#renderLink(member)}</td>
            <td>${
              isSelf
                ? nothing
                : html`<button type="button" class="danger" aria-label=${m.removeLabel(member.user.name)}
                    @click=${() => this.#askRemove(member)}>${messages.remove}</button>`
            }</td>
          </tr>`
        })}
      </tbody>
    </table>`
  }

  /** For a practitioner member: which practitioner they are. Other roles see every calendar anyway. */
  #renderLink(member: StaffMember): TemplateResult | string {
    const m = messages.practitionerLink
    if (member.role !== 'practitioner') return m.notApplicable
    const current = this.#practitionerOf(member)?.id ?? ''
    return html`<select id="member-practitioner-${member.id}" aria-label=${m.choose(member.user.name)}
      aria-describedby="member-practitioner-hint" ?disabled=${this._busy}
      @change=${(event: Event) => this.#link(member, event)}>
      <option value="" ?selected=${current === ''}>${m.notLinked}</option>
      ${this._practitioners.map(
        (practitioner) => html`<option value=${practitioner.id} ?selected=${practitioner.id === current}>
          ${practitioner.active ? practitioner.name : m.inactive(practitioner.name)}</option>`,
      )}
    </select>`
  }

  #renderRemove(member: StaffMember): TemplateResult {
    const m = messages.staff
    return html`<section class="panel" aria-labelledby="member-remove-heading">
      <h2 id="member-remove-heading" tabindex="-1">${m.removeLabel(member.user.name)}</h2>
      <p>${m.removeConfirm(member.user.name)}</p>
      <div class="row">
        <button type="button" class="danger" ?disabled=${this._busy} @click=${() => this.#remove(member)}>${m.confirmRemove}</button>
        <button type="button" @click=${() => this.#askRemove(null)}>${messages.cancel}</button>
      </div>
    </section>`
  }

  #renderInvitations(invitations: StaffInvitation[]): TemplateResult {
    const m = messages.staff
    if (invitations.length === 0) return html`<p>${m.noInvitations}</p>`
    const tz = this.ctx.me.clinic.timeZone
    return html`<table>
      <thead><tr>
        <th scope="col">${m.email}</th><th scope="col">${m.role}</th><th scope="col">${m.expires}</th>
        <th scope="col">${messages.actions}</th>
      </tr></thead>
      <tbody>
        ${invitations.map(
          (invitation) => html`<tr>
            <td>${invitation.email}</td>
            <td>${messages.roles[invitation.role] ?? invitation.role}</td>
            <td>${formatInstant(invitation.expiresAt, tz)}</td>
            <td><button type="button" aria-label=${m.cancelInvitation(invitation.email)} ?disabled=${this._busy}
              @click=${() => this.#cancelInvitation(invitation)}>${messages.cancel}</button></td>
          </tr>`,
        )}
      </tbody>
    </table>`
  }

  #renderInvite(): TemplateResult {
    const m = messages.staff
    return html`<form class="panel" @submit=${this.#invite} aria-labelledby="invite-heading">
      <h3 id="invite-heading">${m.inviteHeading}</h3>
      <div class="grid">
        <div class="field">
          <label for="invite-email">${m.email}</label>
          <input id="invite-email" name="email" type="email" required autocomplete="off" />
        </div>
        <div class="field">
          <label for="invite-role">${m.role}</label>
          <select id="invite-role" name="role">${this.#roleOptions('reception')}</select>
        </div>
      </div>
      <button type="submit" class="primary" ?disabled=${this._busy}>${m.invite}</button>
    </form>`
  }
}
