// What was sent for the clinic's bookings: when, on which channel and with what outcome. Message rows hold
// no contents and no addresses, only facts and codes; a practitioner sees their own bookings' messages.
import type { Message, MessageListQuery } from '@frontdesk/contracts'
import { audit } from '../audit/trail.js'
import { ownCalendar } from '../db/tenant-scope.js'
import type { RequestScope } from '../env.js'
import { notFound } from '../errors.js'
import { decodeCursor, encodeCursor } from '../routes/cursor.js'
import { toMessage } from './message-view.js'

export async function bookingMessages(scope: RequestScope, bookingId: string): Promise<Message[]> {
  const { db, clinic } = scope
  const booking = await db
    .selectFrom('bookings')
    .select(['id', 'practitioner_id', 'status'])
    .where('clinic_id', '=', clinic.id)
    .where('id', '=', bookingId)
    .executeTakeFirst()
  const own = ownCalendar(scope.principal)
  if (!booking || (own !== undefined && booking.practitioner_id !== own)) throw notFound('booking')
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('clinic_id', '=', clinic.id)
    .where('booking_id', '=', bookingId)
    .orderBy('send_at')
    .orderBy('id')
    .execute()
  await audit(db, scope, [{ action: 'message.list', objectType: 'booking', objectId: bookingId }])
  return rows.map(toMessage)
}

/** A page of the clinic's messages, newest first. */
export async function listMessages(
  scope: RequestScope,
  query: MessageListQuery,
): Promise<{ data: Message[]; nextCursor: string | null }> {
  const { db, clinic } = scope
  const own = ownCalendar(scope.principal)
  const after = query.cursor ? decodeCursor(query.cursor, 'msg') : undefined
  const rows = await db
    .selectFrom('messages')
    .innerJoin('bookings', 'bookings.id', 'messages.booking_id')
    .selectAll('messages')
    .where('messages.clinic_id', '=', clinic.id)
    .$if(query.status !== undefined, (q) => q.where('messages.status', '=', query.status!))
    .$if(query.bookingId !== undefined, (q) => q.where('messages.booking_id', '=', query.bookingId!))
    .$if(own !== undefined, (q) => q.where('bookings.practitioner_id', '=', own!))
    .$if(after !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('messages.send_at', '<', after!.at),
          eb.and([eb('messages.send_at', '=', after!.at), eb('messages.id', '<', after!.id)]),
        ]),
      ),
    )
    .orderBy('messages.send_at', 'desc')
    .orderBy('messages.id', 'desc')
    .limit(query.limit + 1)
    .execute()
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  await audit(db, scope, [{ action: 'message.list', objectType: 'clinic', objectId: clinic.id }])
  return {
    data: page.map(toMessage),
    nextCursor: rows.length > query.limit && last ? encodeCursor(new Date(last.send_at), last.id) : null,
  }
}
