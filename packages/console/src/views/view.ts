// The base of every view: rendered into the console's shadow root (its styles and ids), given the context,
// with one way to run an action so failures always reach the alert region and buttons wait meanwhile.
import { LitElement } from 'lit'
import type { ConsoleContext, Shell } from '../context.js'
import { languageChanges } from '../messages.js'

abstract class BaseView extends LitElement {
  static override properties = { _busy: { state: true } }
  declare _busy: boolean

  constructor() {
    super()
    this._busy = false
  }

  protected abstract get host(): Shell

  // A view renders again in the new language when it changes, keeping what it loaded and what was typed.
  readonly #onLanguage = () => this.requestUpdate()

  override connectedCallback(): void {
    super.connectedCallback()
    languageChanges.addEventListener('change', this.#onLanguage)
  }

  override disconnectedCallback(): void {
    languageChanges.removeEventListener('change', this.#onLanguage)
    super.disconnectedCallback()
  }

  // Light DOM: the view's markup sits in <frontdesk-console>'s shadow root, so labels, ids and styles are shared.
  protected override createRenderRoot(): HTMLElement {
    return this
  }

  /** Runs `action`; a failure is explained in the alert region and answers undefined. */
  protected async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    this._busy = true
    this.host.clearAlert()
    try {
      return await action()
    } catch (error) {
      this.host.fail(error)
      return undefined
    } finally {
      this._busy = false
    }
  }

  /** Moves focus to the element matching `selector` once the next render is on screen. */
  protected async focusAfterRender(selector: string): Promise<void> {
    await this.updateComplete
    this.querySelector<HTMLElement>(selector)?.focus()
  }
}

/** A view before sign-in: sign-in, password reset, invitation. */
export abstract class ShellView extends BaseView {
  static override properties = { ...BaseView.properties, shell: { attribute: false } }
  declare shell: Shell
  protected get host(): Shell {
    return this.shell
  }
}

/** A view of the signed-in console. */
export abstract class ConsoleView extends BaseView {
  static override properties = { ...BaseView.properties, ctx: { attribute: false } }
  declare ctx: ConsoleContext
  protected get host(): Shell {
    return this.ctx
  }
}

/** The value of a form's field by name, trimmed; '' when absent. */
export function field(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name)
  return typeof value === 'string' ? value.trim() : ''
}

/** The value as typed, untrimmed: for passwords. */
export function rawField(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name)
  return typeof value === 'string' ? value : ''
}
