// <frontdesk-console>: the staff console's frame. Knows who is signed in, reads the hash route, shows the nav
// the role allows, and hands each view the clients and the page's live regions.
import type { StaffMe } from '@frontdesk/contracts'
import type { Permission } from '@frontdesk/contracts/staff'
import { createFrontdeskStaff, type FrontdeskStaff } from '@frontdesk/sdk'
import { html, LitElement, nothing, type TemplateResult } from 'lit'
import { auth } from './auth.js'
import { type ConsoleContext, explain, isSignedOut, type Shell } from './context.js'
import { browserLanguages, chooseLanguage, type Language } from './language.js'
import { currentLanguage, languageChanges, messages, setLanguage } from './messages.js'
import { parseHash, type Route, type SectionId, sectionHref, sectionsFor } from './sections.js'
import { consoleStyles } from './styles.js'
import './views/index.js'

type Phase = 'loading' | 'signed-out' | 'reset' | 'invitation' | 'ready'

export class FrontdeskConsole extends LitElement {
  static override styles = consoleStyles
  static override properties = {
    _phase: { state: true },
    _route: { state: true },
    _alert: { state: true },
    _status: { state: true },
  }

  declare _phase: Phase
  declare _route: Route
  declare _alert: string
  declare _status: string

  readonly staff: FrontdeskStaff = createFrontdeskStaff({ baseUrl: globalThis.location.origin })
  me: StaffMe | null = null
  /** From the mail's link; kept in memory only once the address bar no longer shows it. */
  resetToken: string | null = null
  invitationId: string | null = null
  #focusHeading = false

  constructor() {
    super()
    this._phase = 'loading'
    this._route = { kind: 'home' }
    this._alert = ''
    this._status = ''
  }

  override connectedCallback(): void {
    super.connectedCallback()
    globalThis.addEventListener('hashchange', this.#onHashChange)
    languageChanges.addEventListener('change', this.#onLanguage)
    // Before anyone is known, the browser's languages decide; the account's choice follows with `me`.
    this.#speak(chooseLanguage(null, browserLanguages()))
    void this.#start()
  }

  override disconnectedCallback(): void {
    globalThis.removeEventListener('hashchange', this.#onHashChange)
    languageChanges.removeEventListener('change', this.#onLanguage)
    super.disconnectedCallback()
  }

  readonly #onLanguage = () => {
    this.#markLanguage()
    this.#setTitle()
    this.requestUpdate()
  }

  /** Switches the console to `language`; the page's and the element's `lang` follow. */
  #speak(language: Language): void {
    setLanguage(language)
    this.#markLanguage()
  }

  #markLanguage(): void {
    const language = currentLanguage()
    document.documentElement.lang = language
    this.lang = language
  }

  readonly #onHashChange = () => {
    const route = parseHash(globalThis.location.hash)
    if (route.kind === 'reset' || route.kind === 'invitation') {
      void this.#start()
      return
    }
    this._route = route
    this._alert = ''
    this.#focusHeading = true
  }

  /** The section already open: no hashchange follows, so the heading takes focus here. */
  readonly #onNavClick = (event: Event) => {
    const href = (event.currentTarget as HTMLAnchorElement).getAttribute('href')
    if (href !== globalThis.location.hash) return
    this.#focusHeading = true
    this.requestUpdate()
  }

  async #start(): Promise<void> {
    const route = parseHash(globalThis.location.hash)
    if (route.kind === 'reset' || route.kind === 'invitation') {
      // The token or id leaves the address bar (and so the history and any screenshot of it) at once.
      globalThis.history.replaceState(null, '', globalThis.location.pathname + globalThis.location.search)
      if (route.kind === 'reset') this.resetToken = route.token
      else this.invitationId = route.invitationId
      this._route = { kind: 'home' }
      this._phase = route.kind
      this.#focusHeading = true
      return
    }
    this._route = route
    await this.#loadMe()
  }

  async #loadMe(): Promise<void> {
    try {
      this.me = await this.staff.me()
      // Chosen again for each member: the one before on this browser may have chosen another language.
      this.#speak(chooseLanguage(this.me.user.language, browserLanguages()))
      this._phase = 'ready'
      // `me` is no reactive field: the views get a new context from this render.
      this.requestUpdate()
    } catch (error) {
      this.me = null
      this._phase = 'signed-out'
      if (!isSignedOut(error)) this._alert = explain(error)
    }
    this.#focusHeading = true
  }

  #shell: Shell | undefined
  #context: ConsoleContext | null = null

  /** Made once: views keep the same object, so a re-render of the frame does not look like a new context. */
  get shell(): Shell {
    this.#shell ??= {
      staff: this.staff,
      auth,
      fail: (error) => {
        if (isSignedOut(error) && this._phase === 'ready') {
          this.me = null
          this._phase = 'signed-out'
          this._alert = messages.shell.sessionEnded
          this.#focusHeading = true
          return
        }
        this._alert = explain(error)
      },
      alert: (message) => {
        this._alert = message
      },
      announce: (message) => {
        this._alert = ''
        // Emptied first so the same words said twice are announced twice.
        this._status = ''
        requestAnimationFrame(() => {
          this._status = message
        })
      },
      clearAlert: () => {
        this._alert = ''
      },
      signedIn: async () => {
        this._alert = ''
        this.resetToken = null
        this.invitationId = null
        await this.#loadMe()
      },
      signOut: () => this.#signOut(),
      toSignIn: () => this.#toSignIn(),
    }
    return this.#shell
  }

  get context(): ConsoleContext | null {
    const me = this.me
    if (!me) return null
    if (this.#context?.me !== me) {
      this.#context = {
        ...this.shell,
        me,
        can: (permission: Permission) => me.permissions.includes(permission),
      }
    }
    return this.#context
  }

  async #signOut(): Promise<void> {
    try {
      await auth.signOut()
    } catch (error) {
      if (!isSignedOut(error)) {
        this._alert = explain(error)
        return
      }
    }
    this.me = null
    this._phase = 'signed-out'
    this._status = messages.shell.signedOut
    this.#focusHeading = true
    globalThis.history.replaceState(null, '', globalThis.location.pathname)
    this._route = { kind: 'home' }
  }

  protected override updated(): void {
    if (!this.#focusHeading) return
    this.#focusHeading = false
    this.#setTitle()
    // Views render in their own update; the heading is there once they have.
    requestAnimationFrame(() => this.renderRoot.querySelector<HTMLElement>('main h1')?.focus())
  }

  #setTitle(): void {
    // The section's name, never a heading's text: a title lands in the browser's history, patient names must not.
    const section = this.context ? this.#currentSection(sectionsFor(this.context.me.permissions)) : null
    document.title = section ? `${messages.sections[section]} · ${messages.product}` : messages.product
  }

  override render(): TemplateResult {
    const ctx = this.context
    const sections = ctx ? sectionsFor(ctx.me.permissions) : []
    const current = this.#currentSection(sections)
    return html`
      <div class="page ${ctx ? '' : 'plain'}">
        <header>
          <span class="brand">${ctx ? ctx.me.clinic.name : messages.product}</span>
          ${
            ctx
              ? html`<div class="who">
                  <span>${messages.shell.signedInAs(ctx.me.user.name, messages.roles[ctx.me.role] ?? ctx.me.role)}</span>
                  <button type="button" @click=${() => this.#signOut()}>${messages.shell.signOut}</button>
                </div>`
              : nothing
          }
        </header>
        ${
          ctx
            ? html`<nav aria-label=${messages.shell.sections}>
                <ul>
                  ${sections.map(
                    (id) => html`<li>
                      <a href=${sectionHref(id)} aria-current=${current === id ? 'page' : nothing}
                        @click=${this.#onNavClick}>${messages.sections[id]}</a>
                    </li>`,
                  )}
                </ul>
              </nav>`
            : nothing
        }
        <main>
          <div class="alert" role="alert">${this._alert}</div>
          <div class="visually-hidden" role="status">${this._status}</div>
          ${this.#renderMain(ctx, sections, current)}
        </main>
      </div>
    `
  }

  #currentSection(sections: SectionId[]): SectionId | null {
    const route = this._route
    if (route.kind === 'home') return sections[0] ?? null
    if (route.kind === 'section' && sections.includes(route.section)) return route.section
    return null
  }

  #renderMain(ctx: ConsoleContext | null, sections: SectionId[], current: SectionId | null): unknown {
    const shell = this.shell
    switch (this._phase) {
      case 'loading':
        return html`<p>${messages.loading}</p>`
      case 'reset':
        return html`<fd-reset-password .shell=${shell} .token=${this.resetToken ?? ''}></fd-reset-password>`
      case 'invitation':
        return html`<fd-invitation .shell=${shell} .invitationId=${this.invitationId ?? ''}></fd-invitation>`
      case 'signed-out':
        return html`<fd-sign-in .shell=${shell}></fd-sign-in>`
    }
    if (!ctx) return nothing
    const route = this._route
    if (current === null) {
      const text = route.kind === 'section' ? messages.shell.notAllowed : messages.shell.notFound
      return html`<h1 tabindex="-1">${text}</h1>
        ${sections[0] ? html`<p><a href=${sectionHref(sections[0])}>${messages.sections[sections[0]]}</a></p>` : nothing}`
    }
    const id = route.kind === 'section' ? route.id : null
    return renderSection(current, ctx, id)
  }

  #toSignIn(): void {
    this.resetToken = null
    this._phase = 'signed-out'
    this.#focusHeading = true
  }
}

function renderSection(section: SectionId, ctx: ConsoleContext, id: string | null): TemplateResult {
  switch (section) {
    case 'bookings':
      return id
        ? html`<fd-booking-detail .ctx=${ctx} .bookingId=${id}></fd-booking-detail>`
        : html`<fd-bookings .ctx=${ctx}></fd-bookings>`
    case 'patients':
      return id
        ? html`<fd-patient-detail .ctx=${ctx} .patientId=${id}></fd-patient-detail>`
        : html`<fd-patients .ctx=${ctx}></fd-patients>`
    case 'go-live':
      return html`<fd-go-live .ctx=${ctx}></fd-go-live>`
    case 'settings':
      return html`<fd-clinic-settings .ctx=${ctx}></fd-clinic-settings>`
    case 'services':
      return html`<fd-services .ctx=${ctx}></fd-services>`
    case 'schedule':
      return html`<fd-schedule .ctx=${ctx}></fd-schedule>`
    case 'messaging':
      return html`<fd-messaging .ctx=${ctx}></fd-messaging>`
    case 'forms':
      return html`<fd-forms .ctx=${ctx}></fd-forms>`
    case 'consent':
      return html`<fd-consent-documents .ctx=${ctx}></fd-consent-documents>`
    case 'keys':
      return html`<fd-keys .ctx=${ctx}></fd-keys>`
    case 'webhooks':
      return id
        ? html`<fd-webhook-deliveries .ctx=${ctx} .endpointId=${id}></fd-webhook-deliveries>`
        : html`<fd-webhooks .ctx=${ctx}></fd-webhooks>`
    case 'staff':
      return html`<fd-staff .ctx=${ctx}></fd-staff>`
    case 'audit':
      return html`<fd-audit .ctx=${ctx}></fd-audit>`
    case 'rights':
      return html`<fd-rights-requests .ctx=${ctx}></fd-rights-requests>`
    case 'retention':
      return html`<fd-retention .ctx=${ctx}></fd-retention>`
    case 'account':
      return html`<fd-account .ctx=${ctx}></fd-account>`
    case 'leave':
      return html`<fd-leave .ctx=${ctx}></fd-leave>`
  }
}
