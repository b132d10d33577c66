// The audit trail on the wire: who read or changed what, when and from where, each event sealed into
// the clinic's hash chain shortly after it happened.
import * as z from 'zod'
import { ChainHead } from './chain-head.js'
import { Id, Instant, ListQuery, listOf } from './common.js'

export const AuditEvent = z
  .object({
    id: z.string().meta({ description: 'Increasing with time; the cursor pages by it' }),
    sequence: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Place in the clinic's chain; null until sealed" }),
    actor: z.object({
      type: z.string().meta({ description: 'publishable, secret, visit, manage, resume or receipt' }),
      id: z.string().meta({ description: 'The key, or the booking, draft or record the token belongs to' }),
    }),
    action: z.string().meta({ description: 'e.g. booking.create, intake.read, consent.withdraw' }),
    object: z.object({ type: z.string(), id: z.string() }),
    requestId: z.string().nullable(),
    clientIp: z.string().nullable(),
    occurredAt: Instant,
    hash: z.string().nullable().meta({ description: 'SHA-256 (hex) of the seal; null until sealed' }),
  })
  .meta({ id: 'AuditEvent' })
export type AuditEvent = z.infer<typeof AuditEvent>

export const AuditEventListQuery = ListQuery.extend({
  patientId: Id.optional().meta({
    description: 'Events about this patient, their bookings, intake responses and consent records',
  }),
  objectId: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
})
export type AuditEventListQuery = z.infer<typeof AuditEventListQuery>

export const AuditChainCheck = z
  .object({
    intact: z.boolean(),
    records: z.number().int().meta({ description: 'How many sealed events were checked' }),
    firstBroken: z
      .object({ sequence: z.number().int(), recordId: z.string().nullable(), reason: z.string() })
      .nullable(),
    head: ChainHead.nullable().meta({
      description: 'The signed head the sealed events were checked against',
    }),
  })
  .meta({ id: 'AuditChainCheck' })
export type AuditChainCheck = z.infer<typeof AuditChainCheck>

/** A page of the trail, with the chain's signed head as it stood when the page was read. */
export const AuditEventPage = listOf(AuditEvent)
  .extend({
    head: ChainHead.nullable().meta({
      description: 'The signed head of the clinic’s audit chain when this page was read (see docs/audit.md)',
    }),
  })
  .meta({ id: 'AuditEventPage' })
export type AuditEventPage = z.infer<typeof AuditEventPage>
