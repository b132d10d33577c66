// Hold routes: a chosen slot is held for the clinic's hold time, blocks everyone else, and can be read,
// moved or released by its holder, also by the page's beacon as the patient leaves it.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { bodyOf, route, serve } from '../routes/define.js'
import { claim } from './claim.js'
import { readHold, releaseHold } from './holds.js'
import { releaseHoldOnLeave } from './release-on-leave.js'

export function holdRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.createHold), async (c) => {
    const outcome = await claim(c.var.scope, { kind: 'hold', choice: c.req.valid('json') })
    return c.json(bodyOf(c, outcome), 201)
  })

  app.openapi(route(endpoints.getHold), async (c) =>
    c.json(await readHold(c.var.scope, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.repickHold), async (c) => {
    const holdId = c.req.valid('param').id
    const outcome = await claim(c.var.scope, { kind: 'repick', holdId, choice: c.req.valid('json') })
    return c.json(outcome.body, 200)
  })

  app.openapi(route(endpoints.releaseHold), async (c) => {
    await releaseHold(c.var.scope, c.req.valid('param').id)
    return c.body(null, 204)
  })

  // Public to the principal middleware: the visit token is the body (./release-on-leave.ts).
  serve(app, endpoints.releaseHoldOnLeave, (c) => releaseHoldOnLeave(c, c.req.param('id') ?? ''))

  return app
}
