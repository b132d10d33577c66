// The audit trail: who read or changed what, and the check that its chain is whole.
import { AuditChainCheck, AuditEventListQuery, AuditEventPage } from '../audit.js'
import { defineEndpoints, json } from './define.js'

export const auditEndpoints = defineEndpoints({
  listAuditEvents: {
    principals: ['secret'],
    permission: 'audit:read',
    method: 'get',
    path: '/v1/audit/events',
    tags: ['Audit'],
    summary: 'The audit trail, oldest first, sealed up to now',
    description:
      'Filter by `patientId` (events about the patient, their bookings, intake responses and consent records), `objectId`, `actorId`, `action` and a time range; page with `cursor`.',
    request: { query: AuditEventListQuery },
    responses: { 200: json(AuditEventPage, 'A page of events, with the chain’s signed head') },
  },
  verifyAuditChain: {
    principals: ['secret'],
    permission: 'audit:read',
    method: 'get',
    path: '/v1/audit/verification',
    tags: ['Audit'],
    summary: "Seals what is unsealed, then checks the clinic's audit chain and names the first broken link",
    responses: { 200: json(AuditChainCheck, 'The result') },
  },
})
