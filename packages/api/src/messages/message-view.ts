// A message row as the clinic sees it: facts and codes, no contents.
import type { Message } from '@frontdesk/contracts'
import type { Selectable } from 'kysely'
import type { MessagesTable } from '../db/schema-messages.js'

export function toMessage(row: Selectable<MessagesTable>): Message {
  return {
    id: row.id,
    bookingId: row.booking_id,
    kind: row.kind,
    channel: row.channel,
    status: row.status,
    reason: row.reason,
    offsetMinutes: row.offset_minutes,
    sendAt: new Date(row.send_at).toISOString(),
    sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
    attempts: row.attempts,
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}
