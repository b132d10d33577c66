// What a booking's page and a patient's page both show: intake responses with their answers, consent records,
// and the messages sent. Loaded and rendered here once, so the two pages read alike.
import type { ConsentRecord, IntakeFormVersion, IntakeResponse, Message } from '@frontdesk/contracts'
import type { FrontdeskStaff } from '@frontdesk/sdk'
import { html, nothing, type TemplateResult } from 'lit'
import { formatInstant } from '../format.js'
import { describeMessage } from '../message-log.js'
import { messages } from '../messages.js'
import { renderAnswers } from './intake-answers.js'

export interface IntakeShown {
  response: IntakeResponse
  form: IntakeFormVersion | null
}

/** A booking's intake responses, each opened (an audited read) with the form version it answered. */
export async function loadIntake(staff: FrontdeskStaff, bookingId: string): Promise<IntakeShown[]> {
  const intake = staff.intake
  const { data } = await intake.responses.list({ bookingId })
  return Promise.all(
    data.map(async (summary) => {
      const [response, form] = await Promise.all([
        intake.responses.get(summary.id),
        intake.forms.version(summary.formId, summary.version).catch(() => null),
      ])
      return { response, form }
    }),
  )
}

export function renderIntake(shown: IntakeShown[], tz: string, empty: string): TemplateResult {
  const m = messages.booking
  return html`<h2>${m.intake}</h2>
    ${shown.length === 0 ? html`<p>${empty}</p>` : nothing}
    ${shown.map(
      ({ response, form }) => html`<section class="panel" aria-labelledby="intake-${response.id}">
        <h3 id="intake-${response.id}">${form?.definition.title ?? response.formId}</h3>
        <p class="hint">${m.intakeStatus(response.status, formatInstant(response.submittedAt ?? response.updatedAt, tz))}</p>
        ${renderAnswers(response, form)}
      </section>`,
    )}`
}

/** The patient's consent records; with `bookingId`, a column says which were given with that booking. */
export function renderConsent(records: ConsentRecord[], tz: string, bookingId?: string): TemplateResult {
  const m = messages.booking
  return html`<h2>${m.consent}</h2>
    ${
      records.length === 0
        ? html`<p>${m.noConsent}</p>`
        : html`<table>
            <thead><tr>
              <th scope="col">${m.purpose}</th><th scope="col">${m.decision}</th><th scope="col">${m.signer}</th>
              <th scope="col">${m.recorded}</th>
              ${bookingId ? html`<th scope="col">${m.thisBooking}</th>` : nothing}
            </tr></thead>
            <tbody>
              ${records.map(
                (record) => html`<tr>
                  <td>${record.purpose} (v${record.version})</td>
                  <td>${record.decision}</td>
                  <td>${record.signer.name ?? messages.none} (${record.signer.relation})</td>
                  <td>${formatInstant(record.recordedAt, tz)}</td>
                  ${bookingId ? html`<td>${record.bookingId === bookingId ? messages.yes : messages.no}</td>` : nothing}
                </tr>`,
              )}
            </tbody>
          </table>`
    }`
}

/** What was planned and sent to the patient, when, and how it went. */
export function renderMessageTable(list: Message[], tz: string): TemplateResult {
  const m = messages.patientMessages
  if (list.length === 0) return html`<p>${m.none}</p>`
  return html`<table>
    <thead><tr>
      <th scope="col">${m.what}</th><th scope="col">${m.channel}</th>
      <th scope="col">${m.when}</th><th scope="col">${m.status}</th>
    </tr></thead>
    <tbody>
      ${list.map((message) => {
        const shown = describeMessage(message, tz)
        return html`<tr>
          <td>${shown.what}</td>
          <td>${shown.channel}</td>
          <td>${shown.when}</td>
          <td class=${shown.failed ? 'issue' : ''}>${shown.status}</td>
        </tr>`
      })}
    </tbody>
  </table>`
}
