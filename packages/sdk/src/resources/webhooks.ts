// Webhook endpoints (admin client only): register, change, remove, roll the secret, send a test event,
// read the delivery log.
import {
  type CreateWebhookEndpoint,
  endpoints,
  type UpdateWebhookEndpoint,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookSecret,
} from '@frontdesk/contracts'
import type * as z from 'zod'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'

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

export function webhooksResource(transport: Transport): WebhooksResource {
  return {
    endpoints: {
      create: (params, options) => transport.call(endpoints.createWebhookEndpoint, { body: params, options }),
      list: async (options) => (await transport.call(endpoints.listWebhookEndpoints, { options })).data,
      update: (endpointId, params, options) =>
        transport.call(endpoints.updateWebhookEndpoint, {
          params: { id: endpointId },
          body: params,
          options,
        }),
      remove: (endpointId, options) =>
        transport.call(endpoints.deleteWebhookEndpoint, { params: { id: endpointId }, options }),
      rollSecret: (endpointId, options) =>
        transport.call(endpoints.rollWebhookSecret, { params: { id: endpointId }, options }),
      test: (endpointId, options) =>
        transport.call(endpoints.testWebhookEndpoint, { params: { id: endpointId }, options }),
      deliveries: async (endpointId, options) =>
        (await transport.call(endpoints.listWebhookDeliveries, { params: { id: endpointId }, options })).data,
    },
  }
}
