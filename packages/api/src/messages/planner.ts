// Writes the messages a booking change calls for. Bookings whose revision (bumped by a trigger on each
// change a patient hears of) is ahead of what was planned are read across clinics on the system
// connection; for each, pending messages the change makes obsolete are dropped and new ones written, one
// per channel, with the instant each is due, and the booking is marked planned, in one transaction.
import type { MessageChannel, MessageKind, MessageSettings } from '@frontdesk/contracts'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { newId } from '../tokens.js'
import { messageSettings } from './settings.js'

export interface PlannedBooking {
  status: 'confirmed' | 'cancelled'
  revision: number
  plannedRevision: number
  startsAt: Date
  choices: { channels?: string[] } | null
  /** Which ways the patient can be reached (the addresses stay sealed: the planner needs no more). */
  contact: { email: boolean; phone: boolean }
}

export interface PlannedMessage {
  kind: MessageKind
  channel: MessageChannel
  sendAt: Date
  offsetMinutes: number | null
}

/** The channels a booking's messages go on: the patient's choice, or email (else SMS), among the clinic's. */
export function bookingChannels(settings: MessageSettings, booking: PlannedBooking): MessageChannel[] {
  const chosen = booking.choices?.channels ?? [booking.contact.email ? 'email' : 'sms']
  return settings.channels.filter(
    (channel) =>
      chosen.includes(channel) && (channel === 'email' ? booking.contact.email : booking.contact.phone),
  )
}

/**
 * What to send for the booking as it is now. A patient who heard nothing yet (nothing planned before)
 * gets a confirmation, or nothing if the booking is already cancelled; one who did gets the change.
 * Reminders are written for every offset still ahead of `now`.
 */
export function messagesFor(
  settings: MessageSettings,
  booking: PlannedBooking,
  now: number,
): PlannedMessage[] {
  const told = booking.plannedRevision > 0
  const channels = bookingChannels(settings, booking)
  const at = new Date(now)
  if (booking.status === 'cancelled') {
    return told
      ? channels.map((channel) => ({ kind: 'cancelled', channel, sendAt: at, offsetMinutes: null }))
      : []
  }
  const kind: MessageKind = told ? 'rescheduled' : 'confirmation'
  const reminders = settings.reminderOffsetsMinutes
    .map((offsetMinutes) => ({
      offsetMinutes,
      sendAt: new Date(booking.startsAt.getTime() - offsetMinutes * 60_000),
    }))
    .filter((reminder) => reminder.sendAt.getTime() > now)
  const nudge =
    settings.intakeNudgeMinutes === null || settings.intakePageUrl === null
      ? []
      : [{ sendAt: new Date(booking.startsAt.getTime() - settings.intakeNudgeMinutes * 60_000) }].filter(
          (planned) => planned.sendAt.getTime() > now,
        )
  return channels.flatMap((channel): PlannedMessage[] => [
    { kind, channel, sendAt: at, offsetMinutes: null },
    ...reminders.map((reminder) => ({ kind: 'reminder' as const, channel, ...reminder })),
    ...nudge.map((planned) => ({ kind: 'intake_nudge' as const, channel, ...planned, offsetMinutes: null })),
  ])
}

/** Plans up to `batch` changed bookings; answers how many. One planner runs at a time across processes. */
export async function planMessages(
  system: Kysely<Database>,
  now: number,
  options: { clinicIds?: string[] | undefined; batch?: number } = {},
): Promise<number> {
  return system.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(6, 0)`.execute(trx)
    const rows = await trx
      .selectFrom('bookings')
      .innerJoin('clinics', 'clinics.id', 'bookings.clinic_id')
      .leftJoin('patients', 'patients.id', 'bookings.patient_id')
      .select([
        'bookings.id',
        'bookings.clinic_id',
        'bookings.status',
        'bookings.revision',
        'bookings.planned_revision',
        'bookings.starts_at',
        'bookings.messaging',
        'clinics.messaging as clinic_messaging',
        sql<boolean>`patients.email_sealed IS NOT NULL`.as('has_email'),
        sql<boolean>`patients.phone_sealed IS NOT NULL`.as('has_phone'),
      ])
      .where(sql<boolean>`bookings.revision > bookings.planned_revision`)
      .$if(options.clinicIds !== undefined, (query) =>
        query.where('bookings.clinic_id', 'in', options.clinicIds!),
      )
      .limit(options.batch ?? 100)
      .execute()
    for (const row of rows) {
      const booking: PlannedBooking = {
        status: row.status === 'cancelled' ? 'cancelled' : 'confirmed',
        revision: row.revision,
        plannedRevision: row.planned_revision,
        startsAt: new Date(row.starts_at),
        choices: row.messaging,
        contact: { email: row.has_email === true, phone: row.has_phone === true },
      }
      if (booking.plannedRevision > 0) {
        await trx
          .updateTable('messages')
          .set({
            status: 'dropped',
            reason: booking.status === 'cancelled' ? 'booking_cancelled' : 'booking_moved',
            updated_at: sql`now()`,
          })
          .where('booking_id', '=', row.id)
          .where('status', 'in', ['scheduled', 'queued'])
          .execute()
      }
      const planned = messagesFor(messageSettings(row.clinic_messaging), booking, now)
      if (planned.length > 0) {
        await trx
          .insertInto('messages')
          .values(
            planned.map((message) => ({
              id: newId('msg'),
              clinic_id: row.clinic_id,
              booking_id: row.id,
              kind: message.kind,
              channel: message.channel,
              for_revision: booking.revision,
              offset_minutes: message.offsetMinutes,
              send_at: message.sendAt,
            })),
          )
          .execute()
      }
      await trx
        .updateTable('bookings')
        .set({ planned_revision: booking.revision })
        .where('id', '=', row.id)
        .execute()
    }
    return rows.length
  })
}
