// Sends one event to one endpoint: signed both ways (./sign.ts) with the endpoint's current secret (and the
// previous one while it overlaps), posted, and the attempt written to the delivery log. The queue's deliveries and the
// clinic's test pings go the same way, so a ping proves what a real delivery would do.
import type { WebhookEvent } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { Database } from '../db/schema.js'
import { newId } from '../tokens.js'
import { deliver } from './deliver.js'
import { type EndpointRow, signingSecrets } from './endpoint-store.js'
import { SIGNATURE_HEADER, signatureHeader, standardWebhookHeaders } from './sign.js'

export interface SendOptions {
  at: number
  /** Lets endpoints on loopback and private networks through (development). */
  allowPrivate: boolean
  /** The queue's try number, from 1; a test ping has none. */
  attempt?: number
}

/** Posts the event and logs the attempt on `db` (the clinic's scope); answers the logged delivery. */
export async function sendEvent(
  db: Kysely<Database>,
  cipher: FieldCipher,
  endpoint: EndpointRow,
  event: WebhookEvent,
  options: SendOptions,
) {
  const { at } = options
  const body = JSON.stringify(event)
  const secrets = await signingSecrets(cipher, endpoint, at)
  const result = await deliver({
    url: endpoint.url,
    body,
    allowPrivate: options.allowPrivate,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Frontdesk-Webhooks/1',
      'Frontdesk-Event-Id': event.id,
      'Frontdesk-Event-Type': event.type,
      ...(options.attempt !== undefined && { 'Frontdesk-Attempt': String(options.attempt) }),
      [SIGNATURE_HEADER]: signatureHeader(secrets, body, at),
      // The same delivery signed per Standard Webhooks, for receivers that check with its libraries.
      ...standardWebhookHeaders(secrets, event.id, body, at),
    },
  })
  return db
    .insertInto('webhook_deliveries')
    .values({
      id: newId('whd'),
      clinic_id: endpoint.clinic_id,
      endpoint_id: endpoint.id,
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
}
