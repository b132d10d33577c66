// Leave Frontdesk (the owner alone, `clinic:close`): download the clinic's whole archive, then close the
// clinic with the password and its name typed again; the report of what was deleted, then sign-out.
import type { ClinicClosure } from '@frontdesk/contracts'
import { isFrontdeskError } from '@frontdesk/sdk'
import { html, nothing, type TemplateResult } from 'lit'
import { messages } from '../messages.js'
import { ConsoleView, rawField } from './view.js'

interface Archive {
  name: string
  bytes: number
  sha256: string
}

export class LeaveView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _archive: { state: true },
    _closure: { state: true },
    _issue: { state: true },
  }
  declare _archive: Archive | null
  declare _closure: ClinicClosure | null
  declare _issue: { field: 'export-password' | 'close-password' | 'close-name'; text: string } | null

  constructor() {
    super()
    this._archive = null
    this._closure = null
    this._issue = null
  }

  async #download(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const password = rawField(form, 'password')
    this._issue = null
    this.ctx.announce(messages.leave.preparing)
    const archive = await this.#refusals('export-password', async () => {
      const blob = await this.ctx.staff.leave.archive(password)
      const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
      const name = `frontdesk-${this.ctx.me.clinic.id}-${new Date().toISOString().slice(0, 10)}.zip`
      save(blob, name)
      return { name, bytes: blob.size, sha256: hex(digest) }
    })
    if (!archive) return
    form.reset()
    this._archive = archive
    this.ctx.announce(messages.leave.downloaded)
  }

  async #close(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    this._issue = null
    this.ctx.announce(messages.leave.closing)
    const closure = await this.#refusals('close-password', () =>
      this.ctx.staff.leave.close({
        password: rawField(form, 'password'),
        clinicName: rawField(form, 'clinicName'),
        ...(this._archive && { archiveSha256: this._archive.sha256 }),
      }),
    )
    if (!closure) return
    this._closure = closure
    this.ctx.announce(messages.leave.closedHeading)
    void this.focusAfterRender('#leave-closed')
  }

  /** Runs a step; a wrong password or name is said beside its field, anything else in the alert. */
  async #refusals<T>(passwordField: 'export-password' | 'close-password', step: () => Promise<T>) {
    this._busy = true
    this.ctx.clearAlert()
    try {
      return await step()
    } catch (error) {
      const m = messages.leave
      if (isFrontdeskError(error) && error.status === 403 && error.code === 'FORBIDDEN')
        this.#say(passwordField, m.wrongPassword)
      else if (isFrontdeskError(error) && error.issues.some((issue) => issue.path === 'clinicName'))
        this.#say('close-name', m.wrongName)
      else this.ctx.fail(error)
      return undefined
    } finally {
      this._busy = false
    }
  }

  #say(field: 'export-password' | 'close-password' | 'close-name', text: string): void {
    this._issue = { field, text }
    this.ctx.alert(text)
    void this.focusAfterRender(`#leave-${field}`)
  }

  override render(): TemplateResult {
    const m = messages.leave
    if (this._closure) return this.#renderClosed(this._closure)
    return html`
      <h1 tabindex="-1">${messages.sections.leave}</h1>
      <p>${m.intro}</p>
      <section aria-labelledby="leave-export">
        <h2 id="leave-export">${m.exportHeading}</h2>
        <p>${m.exportHint}</p>
        <form class="panel narrow" @submit=${this.#download}>
          <input type="email" name="username" autocomplete="username" .value=${this.ctx.me.user.email} hidden />
          ${this.#passwordField('export-password')}
          <button type="submit" class="primary" ?disabled=${this._busy}>${m.download}</button>
        </form>
        ${this._archive ? this.#renderArchive(this._archive) : nothing}
      </section>
      <section aria-labelledby="leave-close">
        <h2 id="leave-close">${m.closeHeading}</h2>
        <p role="note"><strong>${m.closeWarning}</strong></p>
        ${this._archive ? nothing : html`<p>${m.noArchiveYet}</p>`}
        <form class="panel narrow" @submit=${this.#close}>
          <input type="email" name="username" autocomplete="username" .value=${this.ctx.me.user.email} hidden />
          ${this.#passwordField('close-password')}
          <div class="field">
            <label for="leave-close-name">${m.clinicName(this.ctx.me.clinic.name)}</label>
            <input
              id="leave-close-name"
              name="clinicName"
              autocomplete="off"
              required
              aria-invalid=${this._issue?.field === 'close-name' ? 'true' : 'false'}
              aria-describedby=${this._issue?.field === 'close-name' ? 'leave-close-name-issue' : nothing}
            />
            ${this.#issueFor('close-name')}
          </div>
          <button type="submit" class="danger" ?disabled=${this._busy}>${m.closeButton}</button>
        </form>
      </section>
    `
  }

  #passwordField(id: 'export-password' | 'close-password'): TemplateResult {
    const invalid = this._issue?.field === id
    return html`<div class="field">
      <label for="leave-${id}">${messages.leave.password}</label>
      <input
        id="leave-${id}"
        name="password"
        type="password"
        autocomplete="current-password"
        required
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? `leave-${id}-issue` : nothing}
      />
      ${this.#issueFor(id)}
    </div>`
  }

  #issueFor(id: 'export-password' | 'close-password' | 'close-name') {
    return this._issue?.field === id
      ? html`<p class="issue" id="leave-${id}-issue">${this._issue.text}</p>`
      : nothing
  }

  #renderArchive(archive: Archive): TemplateResult {
    const m = messages.leave
    return html`<p>${m.downloaded}</p>
      <dl>
        <dt>${m.archiveName}</dt><dd>${archive.name}</dd>
        <dt>${m.archiveSize}</dt><dd>${archive.bytes.toLocaleString()} B</dd>
        <dt>${m.archiveHash}</dt><dd><code class="secret" id="leave-archive-hash">${archive.sha256}</code></dd>
      </dl>`
  }

  #renderClosed(closure: ClinicClosure): TemplateResult {
    const m = messages.leave
    return html`
      <h1 id="leave-closed" tabindex="-1">${m.closedHeading}</h1>
      <p>${m.closedIntro(new Date(closure.closedAt).toLocaleString())}</p>
      <table>
        <thead><tr><th scope="col">${m.table}</th><th scope="col">${m.rows}</th></tr></thead>
        <tbody>
          ${Object.entries(closure.rows)
            .filter(([, count]) => count > 0)
            .map(([table, count]) => html`<tr><td><code>${table}</code></td><td>${count}</td></tr>`)}
        </tbody>
      </table>
      <p>${m.keyVersions(closure.dataKeyVersions)}</p>
      <p>${m.closureId}: <code>${closure.id}</code></p>
      <button type="button" class="primary" @click=${() => this.ctx.signOut()}>${m.finish}</button>
    `
  }
}

/** Hands the Blob to the browser as a download, the way a link with `download` does. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

const hex = (digest: ArrayBuffer) =>
  Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
