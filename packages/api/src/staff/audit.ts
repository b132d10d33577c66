// Audit events for what staff accounts do outside Frontdesk's own routes: signing in and out, and
// better-auth's invitations and member changes. Written on the connection that runs without a clinic.
import type { Kysely } from 'kysely'
import type { AuditAction } from '../audit/trail.js'
import type { Database } from '../db/schema.js'
import { staffRequest } from './request-facts.js'

export interface StaffAuditEntry {
  /** The account the event is about; the actor too, unless the request names another one. */
  userId: string
  /** One clinic; without it, every clinic the account belongs to (a sign-in reaches all of them). */
  clinicId?: string
  action: Extract<AuditAction, `staff.${string}`>
  objectType?: 'staff_user' | 'staff_member' | 'staff_invitation'
  objectId: string
}

export async function auditStaff(db: Kysely<Database>, entry: StaffAuditEntry): Promise<void> {
  const facts = staffRequest.getStore()
  const clinicIds = entry.clinicId
    ? [entry.clinicId]
    : (
        await db
          .selectFrom('staff.member')
          .select('organizationId')
          .where('userId', '=', entry.userId)
          .execute()
      ).map((row) => row.organizationId)
  if (clinicIds.length === 0) return
  await db
    .insertInto('audit_events')
    .values(
      clinicIds.map((clinicId) => ({
        clinic_id: clinicId,
        actor_type: 'staff',
        actor_id: facts?.actorUserId ?? entry.userId,
        action: entry.action,
        object_type: entry.objectType ?? 'staff_user',
        object_id: entry.objectId,
        request_id: facts?.requestId ?? null,
        client_ip: facts?.clientIp ?? null,
      })),
    )
    .execute()
}
