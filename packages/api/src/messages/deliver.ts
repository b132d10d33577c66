// Sends one queued message, in its clinic's scope: checks it is still wanted (the booking unchanged, the
// channel allowed), composes it from the booking as it is now, sends it and records the outcome and an
// audit event. Patient data goes only to the transport, never to a log line or the message row.

import { manageUrl, unsubscribeUrl } from '@frontdesk/contracts'
import type { Selectable } from 'kysely'
import { sql } from 'kysely'
import { openSealedText, textPurpose } from '../crypto/sealed-text.js'
import type { MessagesTable } from '../db/schema-messages.js'
import { withClinic } from '../db/tenant-scope.js'
import { identityPurpose } from '../patients/sealed-identity.js'
import { channelAllowed, latestChannelDecision } from './channel-consent.js'
import { composeMessage } from './compose.js'
import type { MessageDispatchOptions, MessageJob } from './dispatch.js'
import { type MessageFacts, type MessageLanguage, TRANSACTIONAL_KINDS } from './facts.js'
import { openManageToken } from './manage-link.js'
import { messageSettings } from './settings.js'
import { SendError } from './transports.js'
import { mintUnsubscribeToken } from './unsubscribe-token.js'

type Outcome =
  | { status: 'sent'; providerId: string }
  | { status: 'dropped' | 'suppressed' | 'failed'; reason: string }

export async function deliverMessage(
  options: MessageDispatchOptions,
  job: MessageJob,
  { lastAttempt }: { lastAttempt: boolean },
): Promise<void> {
  await withClinic(job.clinicId, async () => {
    const { db } = options
    const message = await db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', job.messageId)
      .executeTakeFirst()
    if (message?.status !== 'queued') return
    let outcome: Outcome
    try {
      outcome = await attempt(options, message)
    } catch (error) {
      if (!(error instanceof SendError)) throw error
      if (!error.permanent && !lastAttempt) {
        await record(options, message, { attemptsMade: 1, reason: error.code })
        throw error
      }
      outcome = { status: 'failed', reason: error.code }
    }
    await record(options, message, {
      attemptsMade: outcome.status === 'sent' || outcome.status === 'failed' ? 1 : 0,
      ...outcome,
    })
  })
}

async function attempt(
  options: MessageDispatchOptions,
  message: Selectable<MessagesTable>,
): Promise<Outcome> {
  const { db, cipher, transports } = options
  const booking = await db
    .selectFrom('bookings')
    .innerJoin('clinics', 'clinics.id', 'bookings.clinic_id')
    .innerJoin('services', 'services.id', 'bookings.service_id')
    .innerJoin('practitioners', 'practitioners.id', 'bookings.practitioner_id')
    .leftJoin('locations', 'locations.id', 'bookings.location_id')
    .innerJoin('patients', 'patients.id', 'bookings.patient_id')
    .select([
      'bookings.id',
      'bookings.status',
      'bookings.revision',
      'bookings.starts_at',
      'bookings.ends_at',
      'bookings.notes_sealed',
      'bookings.clinic_id',
      'bookings.messaging',
      'bookings.manage_token_sealed',
      'bookings.patient_id',
      'clinics.name as clinic_name',
      'clinics.time_zone',
      'clinics.messaging as clinic_messaging',
      'services.name as service_name',
      'practitioners.name as practitioner_name',
      'locations.name as location_name',
      'locations.address as location_address',
      'patients.name_sealed',
      'patients.email_sealed',
      'patients.phone_sealed',
      'patients.restricted_at',
    ])
    .where('bookings.id', '=', message.booking_id)
    .executeTakeFirst()
  if (!booking?.patient_id) return { status: 'dropped', reason: 'booking_gone' }
  if (booking.revision !== message.for_revision) return { status: 'dropped', reason: 'superseded' }
  // Restricted processing (GDPR Art. 18, 21): the record is stored, and nothing is sent.
  if (booking.restricted_at) return { status: 'suppressed', reason: 'restricted' }
  const settings = messageSettings(booking.clinic_messaging)
  const channel = message.channel
  if (!settings.channels.includes(channel)) return { status: 'suppressed', reason: 'channel_off' }
  const sealedAddress = channel === 'email' ? booking.email_sealed : booking.phone_sealed
  if (!sealedAddress) return { status: 'suppressed', reason: 'no_address' }
  const { decision } = await latestChannelDecision(db, booking.patient_id, `messages_${channel}`)
  // An email about the booking itself is owed under the contract, unsubscribed or not; on SMS and WhatsApp
  // STOP ends everything, as carriers require.
  const owed = channel === 'email' && TRANSACTIONAL_KINDS.has(message.kind)
  if (!owed && !channelAllowed(settings.reminderBasis, decision)) {
    return { status: 'suppressed', reason: decision === null ? 'no_consent' : 'channel_stopped' }
  }
  if (message.kind === 'intake_nudge') {
    const submitted = await db
      .selectFrom('intake_responses')
      .select('id')
      .where('booking_id', '=', booking.id)
      .where('status', '=', 'submitted')
      .executeTakeFirst()
    if (submitted) return { status: 'dropped', reason: 'intake_done' }
  }
  if (!booking.manage_token_sealed) return { status: 'failed', reason: 'no_manage_link' }
  const token = await openManageToken(cipher, message.clinic_id, booking.id, booking.manage_token_sealed)
  const field = channel === 'email' ? 'email' : 'phone'
  const patientId = booking.patient_id
  const [address, patientName, notes] = await Promise.all([
    cipher.openText(message.clinic_id, identityPurpose(patientId, field), sealedAddress),
    booking.name_sealed
      ? cipher.openText(message.clinic_id, identityPurpose(patientId, 'name'), booking.name_sealed)
      : '',
    settings.reasonInEmail && channel === 'email'
      ? openSealedText(cipher, message.clinic_id, textPurpose.bookingNotes(booking.id), booking.notes_sealed)
      : null,
  ])
  const language = (booking.messaging?.language ?? settings.defaultLanguage) as MessageLanguage
  const facts: MessageFacts = {
    kind: message.kind,
    language,
    clinic: { name: booking.clinic_name, timeZone: booking.time_zone, mailFrom: options.mailFrom },
    patientName,
    // The invitation names the patient as its attendee: it goes in the mail to them and nowhere else.
    patientEmail: channel === 'email' ? address : null,
    appointment: {
      bookingId: booking.id,
      startsAt: new Date(booking.starts_at),
      endsAt: new Date(booking.ends_at),
      serviceName: booking.service_name,
      practitionerName: booking.practitioner_name,
      locationName: booking.location_name,
      locationAddress: booking.location_address,
      revision: booking.revision,
    },
    manageUrl: manageUrl(options.publicUrl, booking.id, token),
    intakeUrl: settings.intakePageUrl,
    reason: notes,
    unsubscribeUrl:
      channel === 'email' && !TRANSACTIONAL_KINDS.has(message.kind)
        ? unsubscribeUrl(
            options.publicUrl,
            await mintUnsubscribeToken(cipher, message.clinic_id, patientId, 'email'),
          )
        : null,
  }
  const composed = composeMessage(facts, channel)
  if (channel === 'email') {
    if (!transports.email) return { status: 'failed', reason: 'email_not_configured' }
    const providerId = await transports.email({
      to: address,
      from: { name: booking.clinic_name, address: options.mailFrom },
      replyTo: settings.replyTo,
      subject: composed.subject ?? '',
      text: composed.text,
      html: composed.html ?? '',
      calendar: composed.calendar,
      unsubscribeUrl: facts.unsubscribeUrl ?? undefined,
    })
    return { status: 'sent', providerId }
  }
  const from = channel === 'sms' ? settings.smsFrom : settings.whatsappFrom
  if (!from) return { status: 'failed', reason: 'no_sender_number' }
  if (!transports.text) return { status: 'failed', reason: 'text_not_configured' }
  const providerId = await transports.text({ channel, to: address, from, body: composed.text })
  return { status: 'sent', providerId }
}

async function record(
  options: MessageDispatchOptions,
  message: Selectable<MessagesTable>,
  outcome: { attemptsMade: number; status?: Outcome['status']; reason?: string; providerId?: string },
) {
  const { db, now } = options
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('messages')
      .set({
        attempts: sql`attempts + ${outcome.attemptsMade}`,
        updated_at: new Date(now()),
        ...(outcome.status && { status: outcome.status }),
        ...(outcome.reason !== undefined && { reason: outcome.reason }),
        ...(outcome.providerId && {
          provider_id: outcome.providerId,
          sent_at: new Date(now()),
          reason: null,
        }),
      })
      .where('id', '=', message.id)
      .execute()
    if (outcome.attemptsMade > 0) {
      // The patient's name and address were read to compose and send: that is audited like any read.
      const patient = await trx
        .selectFrom('bookings')
        .select('patient_id')
        .where('id', '=', message.booking_id)
        .executeTakeFirst()
      if (patient?.patient_id) {
        await trx
          .insertInto('audit_events')
          .values({
            clinic_id: message.clinic_id,
            actor_type: 'system',
            actor_id: 'messages',
            action: outcome.status === 'sent' ? 'message.send' : 'message.attempt',
            object_type: 'patient',
            object_id: patient.patient_id,
            request_id: message.id,
            client_ip: null,
          })
          .execute()
      }
    }
  })
}
