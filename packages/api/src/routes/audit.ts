// The clinic's audit trail: every read and change of patient data, queryable by patient, actor, action
// and time, sealed into a hash chain and checked link by link. Secret key only (owner and admin staff
// later); reading the trail is itself audited.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import { sql } from 'kysely'
import { sealAuditEvents, verifyAuditChain } from '../audit/seal.js'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { audit } from '../services/audit.js'
import { route } from './define.js'

export function auditRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.listAuditEvents), async (c) => {
    const query = c.req.valid('query')
    const { db } = c.get('deps')
    const clinicId = c.get('clinic').id
    await sealAuditEvents(db, clinicId)
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
    await audit(db, c, [{ action: 'audit.read', objectType: 'clinic', objectId: clinicId }])
    const last = page.at(-1)
    return c.json(
      {
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
      },
      200,
      { 'Cache-Control': 'no-store' },
    )
  })

  app.openapi(route(endpoints.verifyAuditChain), async (c) =>
    c.json(await verifyAuditChain(c.get('deps').db, c.get('clinic').id), 200),
  )

  return app
}

function decodeEventCursor(cursor: string): string {
  const match = /^evt:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (!match) {
    throw new ApiError('VALIDATION_FAILED', 'cursor: not a cursor this API gave out', {
      issues: [{ path: 'cursor', message: 'Not a cursor this API gave out' }],
    })
  }
  return match[1]!
}
