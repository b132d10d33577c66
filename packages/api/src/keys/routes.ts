// Key routes: a secret key lists, creates, rolls and revokes the clinic's keys; a new key's token is shown once.
import { DEFAULT_KEY_OVERLAP_HOURS, endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { bodyOf, route } from '../routes/define.js'
import { createKey, listKeys, revokeKey, rollKey } from './keys.js'

export function keyRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.listKeys), async (c) => c.json({ data: await listKeys(c.var.scope) }, 200))

  app.openapi(route(endpoints.createKey), async (c) =>
    c.json(bodyOf(c, await createKey(c.var.scope, c.req.valid('json'))), 201),
  )

  app.openapi(route(endpoints.revokeKey), async (c) =>
    c.json(await revokeKey(c.var.scope, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.rollKey), async (c) => {
    // Without a body the validator hands over {}, defaults not applied.
    const overlapHours = c.req.valid('json').overlapHours ?? DEFAULT_KEY_OVERLAP_HOURS
    return c.json(bodyOf(c, await rollKey(c.var.scope, c.req.valid('param').id, overlapHours)), 201)
  })

  return app
}
