// An email's unsubscribe link, acted on: the token is opened under the clinic it names (on the connection
// that sees all, only the clinic's id is read), and in that clinic's scope the patient's consent to email
// is withdrawn as a STOP reply withdraws it on SMS (./channel-replies.ts), with the same audit events.
// Every way a token can be wrong answers the same 404, so a guess learns nothing.
import type { Unsubscribed } from '@frontdesk/contracts'
import { withClinic } from '../db/tenant-scope.js'
import { notFound } from '../errors.js'
import { recordChannelReply } from './channel-replies.js'
import { auditChannelReply, type InboundScope } from './inbound.js'
import { openUnsubscribeToken, unsubscribeTokenClinic } from './unsubscribe-token.js'

export async function unsubscribeByToken(scope: InboundScope, token: string): Promise<Unsubscribed> {
  const { system, db, cipher } = scope
  const { clinicId, sealed } = unsubscribeTokenClinic(token)
  const clinic = await system.selectFrom('clinics').select('id').where('id', '=', clinicId).executeTakeFirst()
  if (!clinic || !cipher) throw notFound('unsubscribe link')
  return withClinic(clinic.id, async () => {
    const patientId = await openUnsubscribeToken(cipher, clinic.id, sealed, 'email')
    const patient =
      patientId &&
      (await db
        .selectFrom('patients')
        .select('id')
        .where('clinic_id', '=', clinic.id)
        .where('id', '=', patientId)
        .executeTakeFirst())
    if (!patient) throw notFound('unsubscribe link')
    const written = await recordChannelReply(db, cipher, {
      clinicId: clinic.id,
      channel: 'email',
      keyword: 'stop',
      patientIds: [patient.id],
      origin: `unsubscribe:${scope.requestId}`,
      at: scope.now(),
    })
    await auditChannelReply(scope, clinic.id, written, 'stop', 'email_unsubscribe')
    return { channel: 'email', unsubscribed: true }
  })
}
