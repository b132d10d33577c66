// Go live (settings:manage, so owners and admins): allowed origins, the hosted page's address with its link
// and QR code, the embed snippets with the clinic's live publishable key, and a checklist of what is left.
import type { ApiKey, ClinicSettings, UpdateClinic, WidgetManifest } from '@frontdesk/contracts'
import { isFrontdeskError } from '@frontdesk/sdk'
import { html, nothing, type TemplateResult } from 'lit'
import {
  buildSnippets,
  CHECKLIST,
  checklist,
  checkOrigin,
  checkSlug,
  livePublishableKey,
  type Snippets,
} from '../go-live.js'
import { messages } from '../messages.js'
import { ConsoleView, field } from './view.js'

type Mode = keyof Snippets
type Facts = {
  settings: ClinicSettings
  keys: ApiKey[]
  manifest: WidgetManifest
  bookable: boolean
  bookings: number
}

export class GoLiveView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _facts: { state: true },
    _originIssue: { state: true },
    _slugIssue: { state: true },
    _copied: { state: true },
  }
  declare _facts: Facts | null
  declare _originIssue: string
  declare _slugIssue: string
  declare _copied: Mode | null

  constructor() {
    super()
    this._facts = null
    this._originIssue = ''
    this._slugIssue = ''
    this._copied = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const staff = this.ctx.staff
    const facts = await this.run(async () => {
      const [settings, keys, manifest, bookable, bookings] = await Promise.all([
        staff.settings.get(),
        staff.keys.list(),
        // No SDK method (read once when a clinic pins the script); the console is on the API's origin.
        fetch('/v1/widgets.json').then((response) => {
          if (!response.ok) throw new Error(`widgets.json ${response.status}`)
          return response.json() as Promise<WidgetManifest>
        }),
        this.#bookable(),
        staff.bookings.list({ limit: 1 }),
      ])
      return { settings, keys: keys.data, manifest, bookable, bookings: bookings.data.length }
    })
    if (facts) this._facts = facts
  }

  /** Whether an active service has a practitioner with weekly hours: stops at the first that has. */
  async #bookable(): Promise<boolean> {
    const { catalogue, schedules } = this.ctx.staff
    const checked = new Set<string>()
    for (const service of (await catalogue.services.list()).data) {
      if (!service.active) continue
      for (const practitioner of (await catalogue.practitioners.list({ serviceId: service.id })).data) {
        if (checked.has(practitioner.id)) continue
        checked.add(practitioner.id)
        if ((await schedules.hours.get(practitioner.id)).data.length > 0) return true
      }
    }
    return false
  }

  /** Saves a change; a refusal of the one field changed is said beside it, anything else in the alert. */
  async #save(patch: UpdateClinic, which: 'origin' | 'slug'): Promise<boolean> {
    this._busy = true
    this.ctx.clearAlert()
    try {
      await this.ctx.staff.settings.update(patch)
      return true
    } catch (error) {
      const m = messages.goLive
      if (which === 'slug' && isFrontdeskError(error) && error.code === 'SLUG_TAKEN')
        this.#slugIssue(m.slugTaken)
      else if (isFrontdeskError(error) && error.status === 422)
        which === 'slug' ? this.#slugIssue(m.badSlug) : this.#originIssue(m.badOrigin)
      else this.ctx.fail(error)
      return false
    } finally {
      this._busy = false
    }
  }

  #originIssue(text: string): void {
    this._originIssue = text
    void this.focusAfterRender('#go-live-origin')
  }

  #slugIssue(text: string): void {
    this._slugIssue = text
    void this.focusAfterRender('#go-live-slug')
  }

  async #addOrigin(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const checked = checkOrigin(field(form, 'origin'))
    if ('error' in checked) return this.#originIssue(messages.goLive.badOrigin)
    this._originIssue = ''
    const origins = this._facts?.settings.allowedOrigins ?? []
    if (!origins.includes(checked.origin)) {
      if (!(await this.#save({ allowedOrigins: [...origins, checked.origin] }, 'origin'))) return
    }
    form.reset()
    this.ctx.announce(messages.goLive.originAdded)
    await this.#load()
  }

  async #removeOrigin(origin: string): Promise<void> {
    const origins = (this._facts?.settings.allowedOrigins ?? []).filter((o) => o !== origin)
    if (!(await this.#save({ allowedOrigins: origins }, 'origin'))) return
    this.ctx.announce(messages.goLive.originRemoved)
    await this.#load()
    void this.focusAfterRender('#go-live-origin')
  }

  async #setSlug(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const checked = checkSlug(field(event.currentTarget as HTMLFormElement, 'slug'))
    if ('error' in checked) return this.#slugIssue(messages.goLive.badSlug)
    this._slugIssue = ''
    if (!(await this.#save({ slug: checked.slug }, 'slug'))) return
    this.ctx.announce(messages.goLive.slugSaved)
    // A first slug may have issued a live publishable key: the checklist and snippets read it again.
    await this.#load()
  }

  async #copy(mode: Mode, text: string): Promise<void> {
    this._copied = null
    try {
      await navigator.clipboard.writeText(text)
      this._copied = mode
    } catch {
      // No clipboard (permission, an old browser): the text is selected for the keyboard's copy instead.
      const pre = this.querySelector(`#go-live-snippet-${mode}`)
      if (pre) globalThis.getSelection()?.selectAllChildren(pre)
      this.ctx.alert(messages.goLive.copyFailed)
    }
  }

  override render(): TemplateResult {
    const facts = this._facts
    return html`
      <h1 tabindex="-1">${messages.sections['go-live']}</h1>
      <p class="hint">${messages.goLive.intro}</p>
      ${
        facts === null
          ? // A failed load is said in the alert region; "Loading…" only while it runs.
            this._busy
            ? html`<p>${messages.loading}</p>`
            : nothing
          : [
              this.#renderChecklist(facts),
              this.#renderOrigins(facts),
              this.#renderHosted(facts),
              this.#renderSnippets(facts),
            ]
      }
    `
  }

  #renderChecklist(facts: Facts): TemplateResult {
    const m = messages.goLive
    const state = checklist(facts)
    return html`<section class="panel" aria-labelledby="go-live-checklist">
      <h2 id="go-live-checklist">${m.checklistHeading}</h2>
      <ul class="checklist">
        ${CHECKLIST.map(
          (item) => html`<li id="go-live-check-${item}" class=${state[item] ? 'done' : 'open'}>
            <span aria-hidden="true">${state[item] ? '✓' : '○'}</span> ${m.checklist[item]}:
            <strong>${state[item] ? m.done : m.open}</strong></li>`,
        )}
      </ul>
    </section>`
  }

  #renderOrigins(facts: Facts): TemplateResult {
    const m = messages.goLive
    const origins = facts.settings.allowedOrigins
    return html`<section aria-labelledby="go-live-origins">
      <h2 id="go-live-origins">${m.originsHeading}</h2>
      ${
        origins.length === 0
          ? html`<p>${m.noOrigins}</p>`
          : html`<ul class="origins">
              ${origins.map(
                (origin) => html`<li class="row"><span class="mono">${origin}</span>
                  <button type="button" aria-label=${m.removeOrigin(origin)} ?disabled=${this._busy}
                    @click=${() => this.#removeOrigin(origin)}>${messages.remove}</button></li>`,
              )}
            </ul>`
      }
      <form novalidate class="narrow" @submit=${this.#addOrigin} aria-labelledby="go-live-origins">
        <div class="field">
          <label for="go-live-origin">${m.origin}</label>
          <input id="go-live-origin" name="origin" type="url" autocomplete="off" inputmode="url"
            aria-invalid=${this._originIssue ? 'true' : nothing}
            aria-describedby="go-live-origin-hint ${this._originIssue ? 'go-live-origin-issue' : ''}" />
          <p id="go-live-origin-hint" class="hint">${m.originsHint}</p>
          ${this._originIssue ? html`<p id="go-live-origin-issue" class="issue">${this._originIssue}</p>` : nothing}
        </div>
        <button type="submit" class="primary" ?disabled=${this._busy}>${m.addOrigin}</button>
      </form>
    </section>`
  }

  #renderHosted(facts: Facts): TemplateResult {
    const m = messages.goLive
    const { slug, hostedBookingUrl } = facts.settings
    return html`<section aria-labelledby="go-live-hosted">
      <h2 id="go-live-hosted">${m.hostedHeading}</h2>
      <form novalidate class="narrow" @submit=${this.#setSlug} aria-labelledby="go-live-hosted">
        <div class="field">
          <label for="go-live-slug">${m.slug}</label>
          <input id="go-live-slug" name="slug" type="text" autocomplete="off" spellcheck="false"
            .value=${slug ?? ''} aria-invalid=${this._slugIssue ? 'true' : nothing}
            aria-describedby="go-live-slug-hint ${this._slugIssue ? 'go-live-slug-issue' : ''}" />
          <p id="go-live-slug-hint" class="hint">${m.slugHint}</p>
          ${this._slugIssue ? html`<p id="go-live-slug-issue" class="issue">${this._slugIssue}</p>` : nothing}
        </div>
        <button type="submit" class="primary" ?disabled=${this._busy}>${m.setSlug}</button>
      </form>
      ${
        slug && hostedBookingUrl
          ? html`<p>${m.hostedLink}: <a id="go-live-hosted-link" href=${hostedBookingUrl} target="_blank"
                rel="noopener">${hostedBookingUrl}</a></p>
              <img id="go-live-qr" class="qr" src="/c/${encodeURIComponent(slug)}/qr.svg" width="160" height="160"
                alt=${m.qr(hostedBookingUrl)} />`
          : html`<p>${m.noSlug}</p>`
      }
    </section>`
  }

  #renderSnippets(facts: Facts): TemplateResult {
    const m = messages.goLive
    const key = livePublishableKey(facts.keys)
    const snippets = key ? buildSnippets(globalThis.location.origin, facts.manifest, key.hint) : null
    return html`<section aria-labelledby="go-live-snippets">
      <h2 id="go-live-snippets">${m.snippetsHeading}</h2>
      <p class="hint">${m.snippetsHint}</p>
      ${
        snippets === null
          ? html`<p>${m.noKey}</p>`
          : (['ordinary', 'isolated'] as const).map(
              (mode) => html`<h3 id="go-live-${mode}">${m[mode]}</h3>
                <p class="hint">${m[`${mode}Hint`]}</p>
                <pre id="go-live-snippet-${mode}" class="secret snippet">${snippets[mode]}</pre>
                <div class="row">
                  <button type="button" id="go-live-copy-${mode}" @click=${() => this.#copy(mode, snippets[mode])}
                    aria-label=${m.copySnippet(m[mode].toLowerCase())}>${messages.copy}</button>
                  <span role="status">${this._copied === mode ? messages.copied : ''}</span>
                </div>`,
            )
      }
    </section>`
  }
}
