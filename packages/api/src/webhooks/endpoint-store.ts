// Webhook endpoints in storage: the signing secret sealed by the clinic's data key (it must be read to
// sign), the previous one kept for a while after a roll, and the log of what was delivered.
import type { WebhookDelivery, WebhookEndpoint } from '@frontdesk/contracts'
import type { Kysely, Selectable } from 'kysely'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { Database, WebhookEndpointsTable } from '../db/schema.js'
import { notFound } from '../errors.js'
import { newId } from '../tokens.js'
import { newSigningSecret } from './sign.js'

type Db = Kysely<Database>
export type EndpointRow = Selectable<WebhookEndpointsTable>

/** How long the previous secret keeps signing after a roll. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000

export const webhookSecretPurpose = (endpointId: string, which: 'secret' | 'previous') =>
  `webhook_${which}:${endpointId}`

export function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEndpoint['events'],
    enabled: row.enabled,
    secretHint: row.secret_hint,
    createdAt: new Date(row.created_at).toISOString(),
  }
}

export async function createEndpoint(
  db: Db,
  cipher: FieldCipher,
  clinicId: string,
  input: { url: string; events: string[]; enabled: boolean },
) {
  const id = newId('whk')
  const secret = newSigningSecret()
  const sealed = await cipher.seal(clinicId, webhookSecretPurpose(id, 'secret'), secret)
  const row = await db
    .insertInto('webhook_endpoints')
    .values({
      id,
      clinic_id: clinicId,
      url: input.url,
      events: input.events,
      enabled: input.enabled,
      secret: sealed,
      secret_hint: secret.slice(-4),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { row, secret }
}

export async function findEndpoint(db: Db, clinicId: string, id: string): Promise<EndpointRow> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!row) throw notFound('webhook endpoint')
  return row
}

/** A new secret; the old one keeps signing for SECRET_OVERLAP_MS. */
export async function rollSecret(db: Db, cipher: FieldCipher, row: EndpointRow, at: number) {
  const secret = newSigningSecret()
  const current = await cipher.openText(row.clinic_id, webhookSecretPurpose(row.id, 'secret'), row.secret)
  const [sealed, previous] = await Promise.all([
    cipher.seal(row.clinic_id, webhookSecretPurpose(row.id, 'secret'), secret),
    cipher.seal(row.clinic_id, webhookSecretPurpose(row.id, 'previous'), current),
  ])
  const expiresAt = new Date(at + SECRET_OVERLAP_MS)
  const updated = await db
    .updateTable('webhook_endpoints')
    .set({
      secret: sealed,
      secret_hint: secret.slice(-4),
      previous_secret: previous,
      previous_expires_at: expiresAt,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  return { row: updated, secret, previousExpiresAt: expiresAt }
}

/** The secrets that sign a delivery now: the current one, and the previous one until it expires. */
export async function signingSecrets(cipher: FieldCipher, row: EndpointRow, at: number): Promise<string[]> {
  const secrets = [await cipher.openText(row.clinic_id, webhookSecretPurpose(row.id, 'secret'), row.secret)]
  if (row.previous_secret && row.previous_expires_at && new Date(row.previous_expires_at).getTime() > at) {
    secrets.push(
      await cipher.openText(row.clinic_id, webhookSecretPurpose(row.id, 'previous'), row.previous_secret),
    )
  }
  return secrets
}

export function toDelivery(row: Selectable<Database['webhook_deliveries']>): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    responseStatus: row.response_status,
    error: row.error,
    durationMs: row.duration_ms,
    attemptedAt: new Date(row.attempted_at).toISOString(),
  }
}
