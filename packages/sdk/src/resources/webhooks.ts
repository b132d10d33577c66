// Webhook endpoints (admin client only): register, change, remove, roll the secret, send a test event,
// read the delivery log.
import {
  type CreateWebhookEndpoint,
  listOf,
  type UpdateWebhookEndpoint,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookSecret,
} from '@frontdesk/contracts'
import type * as z from 'zod'
import { segment, type Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'

const Endpoints = listOf(WebhookEndpoint)
const Deliveries = listOf(WebhookDelivery)

export interface WebhooksResource {
  endpoints: {
    /** Registers an endpoint; keep the answer's `secret` to verify deliveries (`verifyWebhook`). */
    create(params: z.input<typeof CreateWebhookEndpoint>, options?: RequestOptions): Promise<WebhookSecret>
    list(options?: RequestOptions): Promise<WebhookEndpoint[]>
    update(
      endpointId: string,
      params: UpdateWebhookEndpoint,
      options?: RequestOptions,
    ): Promise<WebhookEndpoint>
    remove(endpointId: string, options?: RequestOptions): Promise<void>
    /** A new secret; deliveries carry signatures with both for 24 hours. */
    rollSecret(endpointId: string, options?: RequestOptions): Promise<WebhookSecret>
    /** Sends a signed `ping` now and answers how it went. */
    test(endpointId: string, options?: RequestOptions): Promise<WebhookDelivery>
    deliveries(endpointId: string, options?: RequestOptions): Promise<WebhookDelivery[]>
  }
}

const path = (endpointId: string) => `webhooks/endpoints/${segment(endpointId)}`

export function webhooksResource(transport: Transport): WebhooksResource {
  return {
    endpoints: {
      create: (params, options) =>
        transport.send(WebhookSecret, { method: 'post', path: 'webhooks/endpoints', body: params, options }),
      list: async (options) =>
        (await transport.send(Endpoints, { method: 'get', path: 'webhooks/endpoints', options })).data,
      update: (endpointId, params, options) =>
        transport.send(WebhookEndpoint, { method: 'patch', path: path(endpointId), body: params, options }),
      remove: (endpointId, options) =>
        transport.sendEmpty({ method: 'delete', path: path(endpointId), options }),
      rollSecret: (endpointId, options) =>
        transport.send(WebhookSecret, { method: 'post', path: `${path(endpointId)}/roll-secret`, options }),
      test: (endpointId, options) =>
        transport.send(WebhookDelivery, { method: 'post', path: `${path(endpointId)}/test`, options }),
      deliveries: async (endpointId, options) =>
        (await transport.send(Deliveries, { method: 'get', path: `${path(endpointId)}/deliveries`, options }))
          .data,
    },
  }
}
