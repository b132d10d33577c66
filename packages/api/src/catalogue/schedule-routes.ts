// Schedule routes for the clinic's own systems and staff: weekly hours, date overrides and time off.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { bodyOf, route } from '../routes/define.js'
import {
  createTimeOff,
  listDateOverrides,
  listTimeOff,
  readWeeklyHours,
  removeDateOverride,
  removeTimeOff,
  setDateOverride,
  setWeeklyHours,
} from './schedules.js'

export function scheduleRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.getWeeklyHours), async (c) =>
    c.json({ data: await readWeeklyHours(c.var.scope, c.req.valid('param').id) }, 200),
  )

  app.openapi(route(endpoints.setWeeklyHours), async (c) =>
    c.json({ data: await setWeeklyHours(c.var.scope, c.req.valid('param').id, c.req.valid('json')) }, 200),
  )

  app.openapi(route(endpoints.listDateOverrides), async (c) =>
    c.json({ data: await listDateOverrides(c.var.scope, c.req.valid('param').id) }, 200),
  )

  app.openapi(route(endpoints.setDateOverrides), async (c) =>
    c.json(await setDateOverride(c.var.scope, c.req.valid('param').id, c.req.valid('json')), 200),
  )

  app.openapi(route(endpoints.deleteDateOverride), async (c) => {
    const { id, date } = c.req.valid('param')
    await removeDateOverride(c.var.scope, id, date)
    return c.body(null, 204)
  })

  app.openapi(route(endpoints.listTimeOff), async (c) =>
    c.json({ data: await listTimeOff(c.var.scope, c.req.valid('query').practitionerId) }, 200),
  )

  app.openapi(route(endpoints.createTimeOff), async (c) =>
    c.json(bodyOf(c, await createTimeOff(c.var.scope, c.req.valid('json'))), 201),
  )

  app.openapi(route(endpoints.deleteTimeOff), async (c) => {
    await removeTimeOff(c.var.scope, c.req.valid('param').id)
    return c.body(null, 204)
  })

  return app
}
