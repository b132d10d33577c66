// Webhook endpoints, for the clinic's secret key: register per event type, change, remove, roll the
// signing secret with an overlap, send a signed test event now, and read the delivery log. Events carry
// ids only; receivers fetch details with the secret key.
import { endpoints, type WebhookEvent } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { cipherOf } from '../intake/sealed-answers.js'
import { audit } from '../services/audit.js'
import {
  createEndpoint,
  findEndpoint,
  rollSecret,
  signingSecrets,
  toDelivery,
  toEndpoint,
} from '../services/webhooks.js'
import { newId } from '../tokens.js'
import { deliver } from '../webhooks/deliver.js'
import { SIGNATURE_HEADER, signatureHeader } from '../webhooks/sign.js'
import { route } from './define.js'

export function webhookRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.createWebhookEndpoint), async (c) => {
    const input = c.req.valid('json')
    checkUrl(c, input.url)
    const { row, secret } = await createEndpoint(c.var.deps.db, cipherOf(c.var.deps), c.var.clinic.id, input)
    await audit(c.var.deps.db, c, [
      { action: 'webhook.create', objectType: 'webhook_endpoint', objectId: row.id },
    ])
    return c.json({ endpoint: toEndpoint(row), secret, previousSecretExpiresAt: null }, 201)
  })

  app.openapi(route(endpoints.listWebhookEndpoints), async (c) => {
    const rows = await c.var.deps.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('clinic_id', '=', c.var.clinic.id)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return c.json({ data: rows.map(toEndpoint), nextCursor: null }, 200)
  })

  app.openapi(route(endpoints.updateWebhookEndpoint), async (c) => {
    const input = c.req.valid('json')
    const row = await findEndpoint(c.var.deps.db, c.var.clinic.id, c.req.valid('param').id)
    if (input.url) checkUrl(c, input.url)
    const updated = await c.var.deps.db
      .updateTable('webhook_endpoints')
      .set({
        ...(input.url !== undefined && { url: input.url }),
        ...(input.events !== undefined && { events: input.events }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(c.var.deps.db, c, [
      { action: 'webhook.update', objectType: 'webhook_endpoint', objectId: row.id },
    ])
    return c.json(toEndpoint(updated), 200)
  })

  app.openapi(route(endpoints.deleteWebhookEndpoint), async (c) => {
    const row = await findEndpoint(c.var.deps.db, c.var.clinic.id, c.req.valid('param').id)
    await c.var.deps.db
      .updateTable('webhook_endpoints')
      .set({ deleted_at: new Date(c.var.deps.now()), enabled: false })
      .where('id', '=', row.id)
      .execute()
    await audit(c.var.deps.db, c, [
      { action: 'webhook.delete', objectType: 'webhook_endpoint', objectId: row.id },
    ])
    return c.body(null, 204)
  })

  app.openapi(route(endpoints.rollWebhookSecret), async (c) => {
    const { db, now } = c.var.deps
    const row = await findEndpoint(db, c.var.clinic.id, c.req.valid('param').id)
    const rolled = await rollSecret(db, cipherOf(c.var.deps), row, now())
    await audit(db, c, [{ action: 'webhook.roll_secret', objectType: 'webhook_endpoint', objectId: row.id }])
    return c.json(
      {
        endpoint: toEndpoint(rolled.row),
        secret: rolled.secret,
        previousSecretExpiresAt: rolled.previousExpiresAt.toISOString(),
      },
      200,
    )
  })

  app.openapi(route(endpoints.testWebhookEndpoint), async (c) => {
    const { db, now } = c.var.deps
    const clinicId = c.var.clinic.id
    const row = await findEndpoint(db, clinicId, c.req.valid('param').id)
    const at = now()
    const event: WebhookEvent = {
      id: newId('evt'),
      type: 'ping',
      createdAt: new Date(at).toISOString(),
      clinicId,
      data: { endpointId: row.id },
    }
    const body = JSON.stringify(event)
    const result = await deliver({
      url: row.url,
      body,
      allowPrivate: c.var.deps.webhooks?.allowPrivate ?? false,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Frontdesk-Webhooks/1',
        'Frontdesk-Event-Id': event.id,
        'Frontdesk-Event-Type': event.type,
        [SIGNATURE_HEADER]: signatureHeader(await signingSecrets(cipherOf(c.var.deps), row, at), body, at),
      },
    })
    const logged = await db
      .insertInto('webhook_deliveries')
      .values({
        id: newId('whd'),
        clinic_id: clinicId,
        endpoint_id: row.id,
        event_id: event.id,
        event_type: event.type,
        status: result.status,
        response_status: result.responseStatus,
        error: result.error,
        duration_ms: result.durationMs,
        attempted_at: new Date(at),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return c.json(toDelivery(logged), 200)
  })

  app.openapi(route(endpoints.listWebhookDeliveries), async (c) => {
    const { db } = c.var.deps
    const row = await findEndpoint(db, c.var.clinic.id, c.req.valid('param').id)
    const rows = await db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('endpoint_id', '=', row.id)
      .orderBy('attempted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(100)
      .execute()
    return c.json({ data: rows.map(toDelivery), nextCursor: null }, 200)
  })

  return app
}

/** https:// only, unless this server allows private addresses (development). */
function checkUrl(c: Context<AppEnv>, url: string) {
  if (url.startsWith('https://') || c.get('deps').webhooks?.allowPrivate) return
  throw new ApiError('VALIDATION_FAILED', 'url: use https://', {
    issues: [{ path: 'url', message: 'Use https://; plain http is for development servers only' }],
  })
}
