// What a provider's signed webhook changes, once its signature holds: a STOP or START reply becomes
// consent records (and audit events) for the patients with that number at the clinic that number belongs
// to; a delivery report moves its message to delivered or failed. No key names a clinic here: it is
// found on the connection that sees all, and the work then runs in that clinic's scope.
import type { MessageChannel } from '@frontdesk/contracts'
import { sql } from 'kysely'
import { withClinic } from '../db/tenant-scope.js'
import type { AppDeps, RequestScope } from '../env.js'
import { phoneIndex } from '../patients/sealed-identity.js'
import { type ChannelKeyword, recordChannelReply } from './channel-replies.js'

/** The connections and the request's facts; a provider is no principal, so there is no RequestScope. */
export type InboundScope = Pick<AppDeps, 'db' | 'system' | 'cipher' | 'now'> &
  Pick<RequestScope, 'requestId' | 'clientIp'>

export interface InboundReply {
  channel: Extract<MessageChannel, 'sms' | 'whatsapp'>
  /** The patient's number and the clinic's sender number, E.164. */
  from: string
  to: string
  keyword: ChannelKeyword
  providerMessageId: string
}

/** Records the reply for every patient of the clinic with that number; nothing at all for a stranger. */
export async function receiveReply(scope: InboundScope, reply: InboundReply): Promise<void> {
  const { system, db, cipher } = scope
  const senderField = reply.channel === 'sms' ? 'smsFrom' : 'whatsappFrom'
  const clinic = await system
    .selectFrom('clinics')
    .select('id')
    .where((eb) => eb(eb.ref('messaging', '->>').key(senderField), '=', reply.to))
    .executeTakeFirst()
  if (!clinic || !cipher) return
  await withClinic(clinic.id, async () => {
    const patients = await db
      .selectFrom('patients')
      .select('id')
      .where('clinic_id', '=', clinic.id)
      .where('phone_index', '=', await phoneIndex(cipher, clinic.id, reply.from))
      .execute()
    if (patients.length === 0) return
    const written = await recordChannelReply(db, cipher, {
      clinicId: clinic.id,
      channel: reply.channel,
      keyword: reply.keyword,
      patientIds: patients.map((patient) => patient.id),
      origin: `twilio:${reply.providerMessageId}`,
      at: scope.now(),
    })
    await auditChannelReply(scope, clinic.id, written, reply.keyword, `${reply.channel}_reply`)
  })
}

/** The records a reply (or an unsubscribe) wrote, in the audit trail as the patient's own acts. */
export async function auditChannelReply(
  scope: Pick<InboundScope, 'db' | 'requestId' | 'clientIp'>,
  clinicId: string,
  written: string[],
  keyword: ChannelKeyword,
  actorId: string,
): Promise<void> {
  if (written.length === 0) return
  await scope.db
    .insertInto('audit_events')
    .values(
      written.map((recordId) => ({
        clinic_id: clinicId,
        actor_type: 'patient',
        actor_id: actorId,
        action: keyword === 'stop' ? 'consent.withdraw' : 'consent.record',
        object_type: 'consent_record',
        object_id: recordId,
        request_id: scope.requestId,
        client_ip: scope.clientIp,
      })),
    )
    .execute()
}

/** Reports may arrive out of order: a delivered message stays delivered. */
export async function receiveDeliveryReport(
  scope: Pick<AppDeps, 'db' | 'system'>,
  providerMessageId: string,
  outcome: { status: 'delivered' | 'failed'; reason: string | null },
): Promise<void> {
  const message = await scope.system
    .selectFrom('messages')
    .select(['id', 'clinic_id'])
    .where('provider_id', '=', providerMessageId)
    .executeTakeFirst()
  if (!message) return
  await withClinic(message.clinic_id, () =>
    scope.db
      .updateTable('messages')
      .set({ ...outcome, updated_at: sql`now()` })
      .where('id', '=', message.id)
      .where('status', 'in', outcome.status === 'delivered' ? ['sent', 'failed'] : ['sent'])
      .execute(),
  )
}
