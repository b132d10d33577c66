// Retention (read with settings:read, changed with rights:manage): how long each kind of record is kept,
// a dry run of the next purge (what it would remove, what legal holds keep), a purge now, and the report
// of the last purge.
import type { RetentionDryRun, RetentionPolicy, RetentionRun } from '@frontdesk/contracts'
import { isFrontdeskError } from '@frontdesk/sdk'
import { html, nothing, type TemplateResult } from 'lit'
import { formatInstant } from '../format.js'
import { messages } from '../messages.js'
import { policyFrom, RECORD_KINDS, type RetentionKind } from '../rights-inbox.js'
import { ConsoleView, field } from './view.js'

type Report = Pick<RetentionRun, 'removed' | 'keptByLegalHold'>

export class RetentionView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    _policy: { state: true },
    _lastRun: { state: true },
    _dryRun: { state: true },
    _issues: { state: true },
  }
  declare _policy: RetentionPolicy | null
  declare _lastRun: RetentionRun | null
  declare _dryRun: RetentionDryRun | null
  /** The API's refusal, per kind, said beside its field. */
  declare _issues: Partial<Record<RetentionKind, string>>

  constructor() {
    super()
    this._policy = null
    this._lastRun = null
    this._dryRun = null
    this._issues = {}
  }

  get #canManage(): boolean {
    return this.ctx.can('rights:manage')
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const { retention } = this.ctx.staff
    const loaded = await this.run(async () => {
      const [policy, runs] = await Promise.all([
        retention.policy.get(),
        // The reports need rights:manage; a reader of the settings sees the policy alone.
        this.#canManage ? retention.runs() : Promise.resolve({ data: [] as RetentionRun[] }),
      ])
      return { policy, lastRun: runs.data[0] ?? null }
    })
    if (!loaded) return
    this._policy = loaded.policy
    this._lastRun = loaded.lastRun
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const values = Object.fromEntries(
      RECORD_KINDS.map((kind) => [
        kind,
        { keep: new FormData(form).get(`${kind}-keep`) === 'on', days: field(form, kind) },
      ]),
    ) as Record<RetentionKind, { keep: boolean; days: string }>
    this._issues = {}
    this._busy = true
    this.ctx.clearAlert()
    try {
      // Sent as written: the API's 422 names each field it refuses, said beside that field.
      this._policy = await this.ctx.staff.retention.policy.update(policyFrom(values) as RetentionPolicy)
      this.ctx.announce(messages.privacy.policySaved)
    } catch (error) {
      if (isFrontdeskError(error) && error.status === 422) {
        const issues: Partial<Record<RetentionKind, string>> = {}
        for (const issue of error.issues) {
          const kind = RECORD_KINDS.find((k) => issue.path === k)
          if (kind) issues[kind] = messages.privacy.badDays
        }
        this._issues = issues
        const first = RECORD_KINDS.find((kind) => issues[kind])
        if (first) void this.focusAfterRender(`#retention-${first}`)
        else this.ctx.fail(error)
      } else this.ctx.fail(error)
    } finally {
      this._busy = false
    }
  }

  async #dryRun(): Promise<void> {
    const preview = await this.run(() => this.ctx.staff.retention.dryRun())
    if (!preview) return
    this._dryRun = preview
    this.ctx.announce(messages.privacy.dryRunDone)
    void this.focusAfterRender('#retention-dry-run-report')
  }

  async #runNow(): Promise<void> {
    const run = await this.run(() => this.ctx.staff.retention.run())
    if (!run) return
    this._lastRun = run
    this._dryRun = null
    this.ctx.announce(messages.privacy.runDone)
    void this.focusAfterRender('#retention-last-run')
  }

  override render(): TemplateResult {
    const m = messages.privacy
    const policy = this._policy
    return html`
      <h1 tabindex="-1">${messages.sections.retention}</h1>
      <p class="hint">${m.retentionIntro}</p>
      ${
        policy === null
          ? this._busy
            ? html`<p>${messages.loading}</p>`
            : nothing
          : [
              this.#canManage ? this.#renderForm(policy) : this.#renderPolicy(policy),
              this.#canManage ? this.#renderDryRun() : nothing,
              this.#canManage ? this.#renderLastRun() : nothing,
            ]
      }
    `
  }

  #renderPolicy(policy: RetentionPolicy): TemplateResult {
    const m = messages.privacy
    return html`<section aria-labelledby="retention-policy">
      <h2 id="retention-policy">${m.policyHeading}</h2>
      <p class="hint">${m.readOnly}</p>
      <dl>
        ${RECORD_KINDS.map(
          (kind) => html`<dt>${m.recordKinds[kind]}</dt>
            <dd>${policy[kind] === null ? m.untilErased : m.dayCount(policy[kind])}</dd>`,
        )}
      </dl>
    </section>`
  }

  #renderForm(policy: RetentionPolicy): TemplateResult {
    const m = messages.privacy
    return html`<form novalidate class="narrow" @submit=${this.#save} aria-labelledby="retention-policy">
      <h2 id="retention-policy">${m.policyHeading}</h2>
      ${RECORD_KINDS.map((kind) => {
        const issue = this._issues[kind]
        return html`<fieldset>
          <legend>${m.recordKinds[kind]}</legend>
          <div class="check">
            <input type="checkbox" id="retention-${kind}-keep" name="${kind}-keep"
              ?checked=${policy[kind] === null} />
            <label for="retention-${kind}-keep">${m.keepUntilErased}</label>
          </div>
          <div class="field">
            <label for="retention-${kind}">${m.days}</label>
            <input id="retention-${kind}" name=${kind} inputmode="numeric" autocomplete="off"
              .value=${policy[kind] === null ? '' : String(policy[kind])}
              aria-invalid=${issue ? 'true' : nothing}
              aria-describedby="retention-days-hint ${issue ? `retention-${kind}-issue` : ''}" />
            ${issue ? html`<p id="retention-${kind}-issue" class="issue">${issue}</p>` : nothing}
          </div>
        </fieldset>`
      })}
      <p id="retention-days-hint" class="hint">${m.daysHint}</p>
      <button type="submit" class="primary" ?disabled=${this._busy}>${m.savePolicy}</button>
    </form>`
  }

  #renderDryRun(): TemplateResult {
    const m = messages.privacy
    return html`<section aria-labelledby="retention-dry-run">
      <h2 id="retention-dry-run">${m.dryRunHeading}</h2>
      <p class="hint">${m.dryRunHint}</p>
      <div class="row">
        <button type="button" id="retention-dry-run-button" ?disabled=${this._busy}
          @click=${this.#dryRun}>${m.dryRun}</button>
        <button type="button" id="retention-run-button" class="danger" ?disabled=${this._busy}
          @click=${this.#runNow}>${m.runNow}</button>
      </div>
      ${this._dryRun ? this.#renderReport('retention-dry-run-report', m.wouldRemove, this._dryRun) : nothing}
    </section>`
  }

  #renderLastRun(): TemplateResult {
    const m = messages.privacy
    const run = this._lastRun
    return html`<section aria-labelledby="retention-last-run-heading">
      <h2 id="retention-last-run-heading">${m.lastRunHeading}</h2>
      ${
        run
          ? html`<p>${m.ranAt(formatInstant(run.ranAt, this.ctx.me.clinic.timeZone))}</p>
              ${this.#renderReport('retention-last-run', m.removed, run)}`
          : html`<p id="retention-last-run" tabindex="-1">${m.noRuns}</p>`
      }
    </section>`
  }

  #renderReport(id: string, caption: string, report: Report): TemplateResult {
    const m = messages.privacy
    const kinds = ['bookings', 'patients', 'intakeResponses', 'consentEvidence', 'auditEvents'] as const
    return html`<table id=${id} tabindex="-1">
      <caption>${caption}</caption>
      <thead><tr>
        <th scope="col">${m.kind}</th><th scope="col">${m.removed}</th><th scope="col">${m.keptByHold}</th>
      </tr></thead>
      <tbody>
        ${kinds.map(
          (kind) => html`<tr data-kind=${kind}>
            <th scope="row">${m.removedKinds[kind]}</th>
            <td class="removed">${report.removed[kind]}</td>
            <td class="kept">${kind === 'patients' ? '—' : report.keptByLegalHold[kind]}</td>
          </tr>`,
        )}
      </tbody>
    </table>`
  }
}
