// The availability routes: free slots of a service over local dates, for one practitioner or any, in full
// or compact for clients on slow links.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { route } from '../routes/define.js'
import { freeSlots, freeTimes } from './free-slots.js'

export function availabilityRoutes() {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(route(endpoints.getAvailability), async (c) =>
    c.json(await freeSlots(c.var.scope, c.req.valid('query')), 200),
  )
  app.openapi(route(endpoints.getAvailabilityTimes), async (c) =>
    c.json(await freeTimes(c.var.scope, c.req.valid('query')), 200),
  )
  return app
}
