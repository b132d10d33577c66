// Writes audit events: who read or changed which patient data, in which clinic, when and from where.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { RequestScope } from '../env.js'

export type AuditAction =
  | 'booking.create'
  | 'booking.read'
  | 'booking.list'
  | 'booking.cancel'
  | 'booking.reschedule'
  | 'patient.match_or_create'
  | 'patient.read'
  | 'patient.update'
  | 'patient.export'
  | 'patient.erase'
  | 'patient.restrict'
  | 'patient.unrestrict'
  | 'legal_hold.create'
  | 'legal_hold.release'
  | 'rights_request.read'
  | 'rights_request.decide'
  | 'rights_request.download'
  | 'retention.update'
  | 'retention.run'
  | 'intake.start'
  | 'intake.read'
  | 'intake.list'
  | 'intake.save'
  | 'intake.submit'
  | 'intake.export'
  | 'intake_file.upload'
  | 'intake_file.read'
  | 'intake_file.delete'
  | 'consent.record'
  | 'consent.withdraw'
  | 'consent.read'
  | 'consent.list'
  | 'consent.export'
  | 'consent.state'
  | 'audit.read'
  | 'key.create'
  | 'key.revoke'
  | 'key.roll'
  | 'clinic.update'
  | 'clinic.export'
  | 'clinic.logo.update'
  | 'clinic.logo.delete'
  | 'clinic.messaging_update'
  | 'practitioner.link_account'
  | 'practitioner.unlink_account'
  | 'message.list'
  | 'webhook.create'
  | 'webhook.update'
  | 'webhook.delete'
  | 'webhook.roll_secret'
  | 'staff.sign_in'
  | 'staff.sign_out'
  | 'staff.invite'
  | 'staff.invitation_cancel'
  | 'staff.join'
  | 'staff.role_change'
  | 'staff.remove'
  | 'staff.password_reset'

export interface AuditEntry {
  action: AuditAction
  objectType:
    | 'booking'
    | 'patient'
    | 'intake_response'
    | 'intake_file'
    | 'consent_record'
    | 'clinic'
    | 'practitioner'
    | 'api_key'
    | 'webhook_endpoint'
    | 'legal_hold'
    | 'rights_request'
  objectId: string
}

/** Who acts and from where: the request's principal, id and client address. */
export type AuditScope = Pick<RequestScope, 'clinic' | 'principal' | 'requestId' | 'clientIp'>

/** One INSERT for many entries, on `db`: the caller's transaction when it has one. */
export async function audit(db: Kysely<Database>, scope: AuditScope, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return
  const { principal, clinic, requestId, clientIp } = scope
  await db
    .insertInto('audit_events')
    .values(
      entries.map((entry) => ({
        clinic_id: clinic.id,
        actor_type: principal.kind,
        actor_id: principal.id,
        action: entry.action,
        object_type: entry.objectType,
        object_id: entry.objectId,
        request_id: requestId,
        client_ip: clientIp,
      })),
    )
    .execute()
}
