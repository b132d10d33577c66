// Webhook endpoint routes, for the clinic's secret key. Events carry ids only; receivers fetch details
// with the secret key.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { route } from '../routes/define.js'
import {
  listDeliveries,
  listEndpoints,
  pingEndpoint,
  registerEndpoint,
  removeEndpoint,
  rollEndpointSecret,
  updateEndpoint,
} from './endpoints.js'

export function webhookRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.createWebhookEndpoint), async (c) =>
    c.json(await registerEndpoint(c.var.scope, c.req.valid('json')), 201),
  )

  app.openapi(route(endpoints.listWebhookEndpoints), async (c) =>
    c.json({ data: await listEndpoints(c.var.scope), nextCursor: null }, 200),
  )

  app.openapi(route(endpoints.updateWebhookEndpoint), async (c) =>
    c.json(await updateEndpoint(c.var.scope, c.req.valid('param').id, c.req.valid('json')), 200),
  )

  app.openapi(route(endpoints.deleteWebhookEndpoint), async (c) => {
    await removeEndpoint(c.var.scope, c.req.valid('param').id)
    return c.body(null, 204)
  })

  app.openapi(route(endpoints.rollWebhookSecret), async (c) =>
    c.json(await rollEndpointSecret(c.var.scope, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.testWebhookEndpoint), async (c) =>
    c.json(await pingEndpoint(c.var.scope, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.listWebhookDeliveries), async (c) =>
    c.json({ data: await listDeliveries(c.var.scope, c.req.valid('param').id), nextCursor: null }, 200),
  )

  return app
}
