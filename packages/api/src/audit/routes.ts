// The clinic's audit trail: every read and change of patient data, queryable by patient, actor, action
// and time, sealed into a hash chain and checked link by link. Secret key only; reading it is audited.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { cipherOf } from '../request-scope.js'
import { route } from '../routes/define.js'
import { listAuditEvents } from './events.js'
import { verifyAuditChain } from './seal.js'

export function auditRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.listAuditEvents), async (c) =>
    c.json(await listAuditEvents(c.var.scope, c.req.valid('query')), 200, { 'Cache-Control': 'no-store' }),
  )

  app.openapi(route(endpoints.verifyAuditChain), async (c) =>
    c.json(
      await verifyAuditChain(c.var.scope.db, cipherOf(c.var.scope).chainHeads, c.var.scope.clinic.id),
      200,
    ),
  )

  return app
}
