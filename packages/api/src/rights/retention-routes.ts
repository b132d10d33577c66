// Retention routes: how long the clinic keeps each kind of record, a purge on demand or as a dry run, and its reports.
import { endpoints, type RunRetention } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { route } from '../routes/define.js'
import {
  listRetentionRuns,
  previewRetention,
  readRetentionPolicy,
  runRetention,
  updateRetentionPolicy,
} from './retention-policy.js'

export function retentionRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.getRetentionPolicy), async (c) =>
    c.json(await readRetentionPolicy(c.var.scope), 200),
  )

  app.openapi(route(endpoints.updateRetentionPolicy), async (c) =>
    c.json(await updateRetentionPolicy(c.var.scope, c.req.valid('json')), 200),
  )

  app.openapi(route(endpoints.runRetention), async (c) => {
    // The body is optional (a bare POST purges); when sent it is validated like any other.
    const body = c.req.valid('json') as RunRetention | undefined
    return body?.dryRun
      ? c.json(await previewRetention(c.var.scope), 200)
      : c.json(await runRetention(c.var.scope), 201)
  })

  app.openapi(route(endpoints.listRetentionRuns), async (c) =>
    c.json({ data: await listRetentionRuns(c.var.scope) }, 200),
  )

  return app
}
