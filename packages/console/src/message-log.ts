// One entry of a booking's message log in the clinic's words: what it is, on which channel, when it is due
// or was sent (clinic time), and how it went, with the reason spelled out. Words only, never a colour.
import type { Message } from '@frontdesk/contracts'
import { formatInstant } from './format.js'
import { messages } from './messages.js'

export interface MessageShown {
  what: string
  channel: string
  when: string
  status: string
  /** Failed: worth a look by the staff. */
  failed: boolean
}

export function describeMessage(message: Message, timeZone: string): MessageShown {
  const m = messages.patientMessages
  const kind = m.kinds[message.kind] ?? message.kind
  return {
    what: message.offsetMinutes === null ? kind : m.before(kind, message.offsetMinutes),
    channel: m.channels[message.channel] ?? message.channel,
    when: message.sentAt
      ? m.sentAt(formatInstant(message.sentAt, timeZone))
      : m.due(formatInstant(message.sendAt, timeZone)),
    status: statusWords(message),
    failed: message.status === 'failed',
  }
}

function statusWords(message: Message): string {
  const m = messages.patientMessages
  const status = m.statuses[message.status] ?? message.status
  if (!message.reason || !['failed', 'dropped', 'suppressed'].includes(message.status)) return status
  return m.withReason(status, m.reasons[message.reason] ?? message.reason)
}
