// The Book button: the details and channels checked by the API's own rules, then the held time booked,
// once however often the answer is lost; a time lost meanwhile is said plainly and the times shown again.
import type { PatientField } from '@frontdesk/contracts/rules'
import { WidgetApiError } from '../client.js'
import { FrontdeskBookingConfirmedEvent } from '../events/booking-confirmed.js'
import { followUpFor } from './follow-up.js'
import type { FrontdeskBooking } from './frontdesk-booking.js'
import { timeGone } from './hold-flow.js'
import { manageUrl } from './manage-url.js'
import { messagePreferences } from './message-channels.js'

export async function submitBooking(host: FrontdeskBooking): Promise<void> {
  if (host._busy || !host.hold) return
  const issues = host.issues()
  const invalid = Object.keys(issues).length + host.channelIssues().length
  for (const field of ['name', 'email', 'phone', 'dateOfBirth', 'notes'] as const) host.touched.add(field)
  for (const channel of host.offeredChannels) host.channelsTouched.add(channel)
  if (invalid) {
    host._alert = host.messages.fixFields(invalid)
    await host.updateComplete
    host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
    return
  }
  host._busy = true
  host._alert = ''
  // Kept while nothing changes, so resubmitting after a lost answer returns the first booking.
  host.attempt ??= crypto.randomUUID()
  try {
    const messages = messagePreferences(host.offeredChannels, host.chosenChannels, host.messageLanguage)
    const { id, visitToken } = host.hold
    const created = await host.client.book(id, visitToken, host.values, messages, host.attempt)
    host.timer.stop()
    host.booking = created.booking
    host.visitToken = created.visitToken
    host.manageUrl = manageUrl(host.apiBase, created.booking.id, created.manageToken)
    host.followUp = followUpFor(host, host.values.dateOfBirth, created.booking.serviceId)
    host.hold = undefined
    host.go('confirmation')
    host.dispatchEvent(new FrontdeskBookingConfirmedEvent({ bookingId: created.booking.id }))
  } catch (error) {
    if (error instanceof WidgetApiError && error.code === 'VALIDATION_FAILED') {
      for (const path of error.fields) {
        const field = path.replace(/^patient\./, '') as PatientField
        host.serverIssues.add(field)
      }
      host._alert = host.messages.errors.invalid
    } else if (error instanceof WidgetApiError && ['SLOT_TAKEN', 'HOLD_EXPIRED'].includes(error.code)) {
      host.timer.stop()
      await timeGone(host, error)
    } else {
      host._alert = host.explain(error)
    }
  } finally {
    host._busy = false
  }
}
