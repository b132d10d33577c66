// The patient's consent routes: record a decision, read and withdraw it with the receipt token.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { route } from '../routes/define.js'
import { readReceipt, recordConsent, withdrawConsent } from './records.js'

export function consentRecordRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.recordConsent), async (c) => {
    const origin = c.req.header('Origin') ?? null
    return c.json(await recordConsent(c.var.scope, c.req.valid('json'), origin), 201)
  })

  app.openapi(route(endpoints.withdrawConsent), async (c) => {
    const origin = c.req.header('Origin') ?? null
    return c.json(await withdrawConsent(c.var.scope, c.req.valid('param').id, origin), 201)
  })

  app.openapi(route(endpoints.getConsentReceipt), async (c) =>
    c.json(await readReceipt(c.var.scope, c.req.valid('param').id), 200),
  )

  return app
}
