// Rights request routes: a patient starts one from the clinic's website (publishable key) and confirms it
// with the code sent to them; the clinic lists and decides verified requests; for access, the patient's
// short-lived link downloads their export (a public route: its token comes from the patient's message).
import { ExportQuery, endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { ApiError, validationError } from '../errors.js'
import { enforceLimit } from '../rate-limit/rate-limits.js'
import { route, serve } from '../routes/define.js'
import { downloadExport } from './download.js'
import {
  decideRightsRequest,
  listRightsRequests,
  startRightsRequest,
  verifyRightsRequest,
} from './requests.js'

export function rightsRequestRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.createRightsRequest), async (c) =>
    c.json(await startRightsRequest(c.var.scope, c.req.valid('json')), 202),
  )

  app.openapi(route(endpoints.verifyRightsRequest), async (c) =>
    c.json(await verifyRightsRequest(c.var.scope, c.req.valid('param').id, c.req.valid('json').code), 200),
  )

  app.openapi(route(endpoints.listRightsRequests), async (c) =>
    c.json({ data: await listRightsRequests(c.var.scope, c.req.valid('query').status) }, 200),
  )

  app.openapi(route(endpoints.decideRightsRequest), async (c) =>
    c.json(await decideRightsRequest(c.var.scope, c.req.valid('param').id, c.req.valid('json')), 200),
  )

  return app
}

/** The patient's download: the token from their message, checked before anything is read. */
export function rightsExportRoutes() {
  const app = new OpenAPIHono<AppEnv>()
  serve(app, endpoints.downloadRightsExport, async (c) => {
    const { deps, requestId, clientIp } = c.var
    if (clientIp) await enforceLimit(deps.rateLimits, 'rightsRequestClient', clientIp)
    const token = /^Bearer (xt_[\w-]+)$/.exec(c.req.header('Authorization') ?? '')?.[1]
    if (!token)
      throw new ApiError('UNAUTHENTICATED', 'Send the download token as "Authorization: Bearer <token>"')
    const query = ExportQuery.safeParse(Object.fromEntries(new URL(c.req.url).searchParams))
    if (!query.success) throw validationError(query.error)
    const data = await downloadExport(
      { ...deps, requestId, clientIp },
      c.req.param('id') ?? '',
      token,
      query.data,
    )
    const fhir = query.data.format === 'fhir'
    return c.json(data, 200, {
      'Content-Type': fhir ? 'application/fhir+json; charset=utf-8' : 'application/json',
      'Content-Disposition': `attachment; filename="my-data.${fhir ? 'fhir.json' : 'json'}"`,
      'Cache-Control': 'no-store',
    })
  })
  return app
}
