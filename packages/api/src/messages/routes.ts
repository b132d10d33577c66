// Message routes: how the clinic messages its patients, and what was sent for its bookings.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { route } from '../routes/define.js'
import { bookingMessages, listMessages } from './message-log.js'
import { updateMessageSettings } from './settings.js'

export function messageRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.getMessagingSettings), (c) => c.json(c.var.scope.clinic.messaging, 200))

  app.openapi(route(endpoints.updateMessagingSettings), async (c) =>
    c.json(await updateMessageSettings(c.var.scope, c.req.valid('json')), 200),
  )

  app.openapi(route(endpoints.listBookingMessages), async (c) =>
    c.json({ data: await bookingMessages(c.var.scope, c.req.valid('param').id) }, 200),
  )

  app.openapi(route(endpoints.listMessages), async (c) =>
    c.json(await listMessages(c.var.scope, c.req.valid('query')), 200),
  )

  return app
}
