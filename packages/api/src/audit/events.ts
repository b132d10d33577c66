// The clinic's audit trail read back: every read and change of patient data, by patient, actor, action and
// time, each event with its place in the sealed chain. Sealed first, so a page shows its chain up to now;
// reading the trail is itself audited.
import type { AuditEventListQuery, AuditEventPage } from '@frontdesk/contracts'
import { sql } from 'kysely'
import type { RequestScope } from '../env.js'
import { ApiError } from '../errors.js'
import { exportedHead } from '../ledger/head.js'
import { cipherOf } from '../request-scope.js'
import { sealAuditEvents } from './seal.js'
import { audit } from './trail.js'

export async function listAuditEvents(
  scope: RequestScope,
  query: AuditEventListQuery,
): Promise<AuditEventPage> {
  const { db } = scope
  const clinicId = scope.clinic.id
  const keys = cipherOf(scope).chainHeads
  await sealAuditEvents(db, keys, clinicId)
  // Read before the events: every event the head counts is then in this read or an earlier one.
  const head = await exportedHead(db, keys, clinicId, 'audit')
  const after = query.cursor ? decodeEventCursor(query.cursor) : null
  let select = db
    .selectFrom('audit_events')
    .leftJoin('audit_seals', 'audit_seals.event_id', 'audit_events.id')
    .select([
      'audit_events.id',
      'audit_events.actor_type',
      'audit_events.actor_id',
      'audit_events.action',
      'audit_events.object_type',
      'audit_events.object_id',
      'audit_events.request_id',
      'audit_events.client_ip',
      'audit_events.occurred_at',
      'audit_seals.sequence',
      'audit_seals.hash',
    ])
    .where('audit_events.clinic_id', '=', clinicId)
  if (query.patientId) {
    const patientId = query.patientId
    // A patient's events: about them, and about their bookings, intake responses and consent records.
    select = select.where(
      'audit_events.object_id',
      'in',
      sql<string>`(
        SELECT ${patientId}::text
        UNION SELECT id FROM bookings WHERE clinic_id = ${clinicId} AND patient_id = ${patientId}
        UNION SELECT r.id FROM intake_responses r LEFT JOIN bookings b ON b.id = r.booking_id
          WHERE r.clinic_id = ${clinicId} AND (r.patient_id = ${patientId} OR b.patient_id = ${patientId})
        UNION SELECT c.id FROM consent_records c LEFT JOIN bookings b ON b.id = c.booking_id
          WHERE c.clinic_id = ${clinicId} AND (c.patient_id = ${patientId} OR b.patient_id = ${patientId})
      )`,
    )
  }
  if (query.objectId) select = select.where('audit_events.object_id', '=', query.objectId)
  if (query.actorId) select = select.where('audit_events.actor_id', '=', query.actorId)
  if (query.action) select = select.where('audit_events.action', '=', query.action)
  if (query.from) select = select.where('audit_events.occurred_at', '>=', new Date(query.from))
  if (query.to) select = select.where('audit_events.occurred_at', '<', new Date(query.to))
  if (after) select = select.where('audit_events.id', '>', after)
  const rows = await select
    .orderBy('audit_events.id')
    .limit(query.limit + 1)
    .execute()
  const page = rows.slice(0, query.limit)
  await audit(db, scope, [{ action: 'audit.read', objectType: 'clinic', objectId: clinicId }])
  const last = page.at(-1)
  return {
    data: page.map((row) => ({
      id: String(row.id),
      sequence: row.sequence === null ? null : Number(row.sequence),
      actor: { type: row.actor_type, id: row.actor_id },
      action: row.action,
      object: { type: row.object_type, id: row.object_id },
      requestId: row.request_id,
      clientIp: row.client_ip,
      occurredAt: new Date(row.occurred_at).toISOString(),
      hash: row.hash ? Buffer.from(row.hash).toString('hex') : null,
    })),
    nextCursor:
      rows.length > query.limit && last ? Buffer.from(`evt:${last.id}`).toString('base64url') : null,
    head,
  }
}

/** The trail pages by event id: a cursor is the last id seen. */
function decodeEventCursor(cursor: string): string {
  const match = /^evt:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (!match) {
    throw new ApiError('VALIDATION_FAILED', 'cursor: not a cursor this API gave out', {
      issues: [{ path: 'cursor', message: 'Not a cursor this API gave out' }],
    })
  }
  return match[1]!
}
