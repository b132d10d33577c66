// Message routes: how the clinic messages its patients, and what was sent for a booking, when, on which
// channel and with what outcome. Message rows hold no contents and no addresses, only facts and codes.
import { endpoints, type MessageSettings } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { toMessage } from '../messages/message-view.js'
import { ownCalendar } from '../middleware/principal/index.js'
import { audit } from '../services/audit.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { route } from './define.js'

export function messageRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.getMessagingSettings), (c) => c.json(c.var.clinic.messaging, 200))

  app.openapi(route(endpoints.updateMessagingSettings), async (c) => {
    const next: MessageSettings = { ...c.var.clinic.messaging, ...c.req.valid('json') }
    const issues = [
      ...(next.channels.includes('sms') && !next.smsFrom
        ? [{ path: 'smsFrom', message: 'Give the number SMS is sent from' }]
        : []),
      ...(next.channels.includes('whatsapp') && !next.whatsappFrom
        ? [{ path: 'whatsappFrom', message: 'Give the WhatsApp sender number' }]
        : []),
    ]
    if (issues.length > 0) {
      throw new ApiError('VALIDATION_FAILED', `${issues[0]!.path}: ${issues[0]!.message}`, { issues })
    }
    const { db, system } = c.var.deps
    // Sender numbers route inbound replies, so they are unique across clinics: checked where all are seen.
    for (const field of ['smsFrom', 'whatsappFrom'] as const) {
      const number = next[field]
      if (!number) continue
      const taken = await system
        .selectFrom('clinics')
        .select('id')
        .where((eb) => eb(eb.ref('messaging', '->>').key(field), '=', number))
        .where('id', '!=', c.var.clinic.id)
        .executeTakeFirst()
      if (taken) throw new ApiError('SENDER_TAKEN', `${field}: another clinic sends from this number`)
    }
    await db
      .updateTable('clinics')
      .set({ messaging: JSON.stringify(withoutNulls(next)) })
      .where('id', '=', c.var.clinic.id)
      .execute()
    await audit(db, c, [
      { action: 'clinic.messaging_update', objectType: 'clinic', objectId: c.var.clinic.id },
    ])
    return c.json(next, 200)
  })

  app.openapi(route(endpoints.listBookingMessages), async (c) => {
    const { id } = c.req.valid('param')
    const { db } = c.var.deps
    const booking = await db
      .selectFrom('bookings')
      .select(['id', 'practitioner_id', 'status'])
      .where('clinic_id', '=', c.var.clinic.id)
      .where('id', '=', id)
      .executeTakeFirst()
    const own = ownCalendar(c.var.principal)
    if (!booking || (own !== undefined && booking.practitioner_id !== own)) throw notFound('booking')
    const rows = await db
      .selectFrom('messages')
      .selectAll()
      .where('clinic_id', '=', c.var.clinic.id)
      .where('booking_id', '=', id)
      .orderBy('send_at')
      .orderBy('id')
      .execute()
    await audit(db, c, [{ action: 'message.list', objectType: 'booking', objectId: id }])
    return c.json({ data: rows.map(toMessage) }, 200)
  })

  app.openapi(route(endpoints.listMessages), async (c) => {
    const query = c.req.valid('query')
    const { db } = c.var.deps
    const own = ownCalendar(c.var.principal)
    const after = query.cursor ? decodeCursor(query.cursor, 'msg') : undefined
    const rows = await db
      .selectFrom('messages')
      .innerJoin('bookings', 'bookings.id', 'messages.booking_id')
      .selectAll('messages')
      .where('messages.clinic_id', '=', c.var.clinic.id)
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
    await audit(db, c, [{ action: 'message.list', objectType: 'clinic', objectId: c.var.clinic.id }])
    return c.json(
      {
        data: page.map(toMessage),
        nextCursor: rows.length > query.limit && last ? encodeCursor(new Date(last.send_at), last.id) : null,
      },
      200,
    )
  })

  return app
}

/** Stored without the unset senders, so the unique sender indexes see only numbers in use. */
function withoutNulls(settings: MessageSettings): Partial<MessageSettings> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== null))
}
