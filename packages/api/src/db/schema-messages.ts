// Kysely's view of the message tables (migrations/0017_messages.sql).
import type { MessageChannel, MessageKind, MessageStatus } from '@frontdesk/contracts'
import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type Defaulted<T> = ColumnType<T, T | undefined, T>

export interface MessagesTable {
  id: string
  clinic_id: string
  booking_id: string
  kind: MessageKind
  channel: MessageChannel
  for_revision: number
  offset_minutes: number | null
  send_at: Timestamp
  status: Defaulted<MessageStatus>
  reason: string | null
  attempts: Defaulted<number>
  provider_id: string | null
  created_at: ColumnType<Date, Date | string | undefined, never>
  updated_at: Defaulted<Date>
  sent_at: Timestamp | null
}

export interface MessagesDatabase {
  messages: MessagesTable
}
