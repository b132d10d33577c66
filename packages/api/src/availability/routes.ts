// The availability route: free slots of a service over local dates, for one practitioner or any.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { route } from '../routes/define.js'
import { freeSlots } from './free-slots.js'

export function availabilityRoutes() {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(route(endpoints.getAvailability), async (c) =>
    c.json(await freeSlots(c.var.scope, c.req.valid('query')), 200),
  )
  return app
}
