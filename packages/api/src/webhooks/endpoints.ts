// The clinic's webhook endpoints, for its secret key: registered per event type, changed, removed, the
// signing secret rolled with an overlap, a signed test ping sent now, and the delivery log read. Every
// change is audited; the secret is shown once, when it is made.
import type {
  CreateWebhookEndpoint,
  UpdateWebhookEndpoint,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEvent,
} from '@frontdesk/contracts'
import { audit } from '../audit/trail.js'
import type { RequestScope } from '../env.js'
import { ApiError } from '../errors.js'
import { cipherOf } from '../request-scope.js'
import { newId } from '../tokens.js'
import { createEndpoint, findEndpoint, rollSecret, toDelivery, toEndpoint } from './endpoint-store.js'
import { sendEvent } from './send-event.js'

export async function registerEndpoint(scope: RequestScope, input: CreateWebhookEndpoint) {
  checkUrl(scope, input.url)
  const { row, secret } = await createEndpoint(scope.db, cipherOf(scope), scope.clinic.id, input)
  await audit(scope.db, scope, [
    { action: 'webhook.create', objectType: 'webhook_endpoint', objectId: row.id },
  ])
  return { endpoint: toEndpoint(row), secret, previousSecretExpiresAt: null }
}

export async function listEndpoints(scope: RequestScope): Promise<WebhookEndpoint[]> {
  const rows = await scope.db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('clinic_id', '=', scope.clinic.id)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(toEndpoint)
}

export async function updateEndpoint(
  scope: RequestScope,
  id: string,
  input: UpdateWebhookEndpoint,
): Promise<WebhookEndpoint> {
  const row = await findEndpoint(scope.db, scope.clinic.id, id)
  if (input.url) checkUrl(scope, input.url)
  const updated = await scope.db
    .updateTable('webhook_endpoints')
    .set({
      ...(input.url !== undefined && { url: input.url }),
      ...(input.events !== undefined && { events: input.events }),
      ...(input.enabled !== undefined && { enabled: input.enabled }),
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(scope.db, scope, [
    { action: 'webhook.update', objectType: 'webhook_endpoint', objectId: row.id },
  ])
  return toEndpoint(updated)
}

/** Kept as a row, disabled, so the delivery log still names it. */
export async function removeEndpoint(scope: RequestScope, id: string): Promise<void> {
  const row = await findEndpoint(scope.db, scope.clinic.id, id)
  await scope.db
    .updateTable('webhook_endpoints')
    .set({ deleted_at: new Date(scope.now()), enabled: false })
    .where('id', '=', row.id)
    .execute()
  await audit(scope.db, scope, [
    { action: 'webhook.delete', objectType: 'webhook_endpoint', objectId: row.id },
  ])
}

export async function rollEndpointSecret(scope: RequestScope, id: string) {
  const row = await findEndpoint(scope.db, scope.clinic.id, id)
  const rolled = await rollSecret(scope.db, cipherOf(scope), row, scope.now())
  await audit(scope.db, scope, [
    { action: 'webhook.roll_secret', objectType: 'webhook_endpoint', objectId: row.id },
  ])
  return {
    endpoint: toEndpoint(rolled.row),
    secret: rolled.secret,
    previousSecretExpiresAt: rolled.previousExpiresAt.toISOString(),
  }
}

/** A signed `ping` sent now, outside the queue, and logged like any delivery. */
export async function pingEndpoint(scope: RequestScope, id: string): Promise<WebhookDelivery> {
  const row = await findEndpoint(scope.db, scope.clinic.id, id)
  const at = scope.now()
  const event: WebhookEvent = {
    id: newId('evt'),
    type: 'ping',
    createdAt: new Date(at).toISOString(),
    clinicId: scope.clinic.id,
    data: { endpointId: row.id },
  }
  const logged = await sendEvent(scope.db, cipherOf(scope), row, event, {
    at,
    allowPrivate: scope.webhooks?.allowPrivate ?? false,
  })
  return toDelivery(logged)
}

/** The endpoint's last 100 attempts, newest first. */
export async function listDeliveries(scope: RequestScope, id: string): Promise<WebhookDelivery[]> {
  const row = await findEndpoint(scope.db, scope.clinic.id, id)
  const rows = await scope.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', row.id)
    .orderBy('attempted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute()
  return rows.map(toDelivery)
}

/** https:// only, unless this server allows private addresses (development). */
function checkUrl(scope: RequestScope, url: string) {
  if (url.startsWith('https://') || scope.webhooks?.allowPrivate) return
  throw new ApiError('VALIDATION_FAILED', 'url: use https://', {
    issues: [{ path: 'url', message: 'Use https://; plain http is for development servers only' }],
  })
}
