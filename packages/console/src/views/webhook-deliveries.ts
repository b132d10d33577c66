// One webhook endpoint's delivery log: when, which event, how it went and why it failed (never a body).
import type { WebhookDelivery, WebhookEndpoint } from '@frontdesk/contracts'
import { html, type TemplateResult } from 'lit'
import { formatInstant } from '../format.js'
import { messages } from '../messages.js'
import { sectionHref } from '../sections.js'
import { ConsoleView } from './view.js'

export class WebhookDeliveriesView extends ConsoleView {
  static override properties = {
    ...ConsoleView.properties,
    endpointId: { attribute: false },
    _endpoint: { state: true },
    _deliveries: { state: true },
  }
  declare endpointId: string
  declare _endpoint: WebhookEndpoint | null
  declare _deliveries: WebhookDelivery[] | null

  constructor() {
    super()
    this._endpoint = null
    this._deliveries = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.#load()
  }

  async #load(): Promise<void> {
    const endpoints = this.ctx.staff.webhooks.endpoints
    const answer = await this.run(() =>
      Promise.all([endpoints.list(), endpoints.deliveries(this.endpointId)]),
    )
    if (!answer) return
    this._endpoint = answer[0].find((endpoint) => endpoint.id === this.endpointId) ?? null
    this._deliveries = answer[1]
  }

  override render(): TemplateResult {
    const m = messages.webhooks
    const tz = this.ctx.me.clinic.timeZone
    const deliveries = this._deliveries
    return html`
      <p><a href=${sectionHref('webhooks')}>${m.back}</a></p>
      <h1 tabindex="-1">${m.deliveries}</h1>
      ${this._endpoint ? html`<p class="mono">${this._endpoint.url}</p>` : ''}
      <button type="button" ?disabled=${this._busy} @click=${() => this.#load()}>${messages.refresh}</button>
      ${
        deliveries === null
          ? html`<p>${messages.loading}</p>`
          : deliveries.length === 0
            ? html`<p>${m.noDeliveries}</p>`
            : html`<table>
                <thead><tr>
                  <th scope="col">${m.attempted}</th><th scope="col">${m.event}</th><th scope="col">${m.result}</th>
                  <th scope="col">${m.response}</th><th scope="col">${m.duration}</th>
                </tr></thead>
                <tbody>
                  ${deliveries.map(
                    (delivery) => html`<tr>
                      <td>${formatInstant(delivery.attemptedAt, tz)}</td>
                      <td class="mono">${delivery.eventType}</td>
                      <td>${m.deliveryStatuses[delivery.status] ?? delivery.status}</td>
                      <td>${delivery.responseStatus ?? delivery.error ?? ''}</td>
                      <td>${delivery.durationMs} ms</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
      }
    `
  }
}
