// Webhooks on the wire: endpoints a clinic registers per event type, the signed payload they receive
// (ids and the event type only, never patient data), and the delivery log.
import * as z from 'zod'
import { Id, Instant } from './common.js'

export const WebhookEventType = z.enum([
  'booking.created',
  'booking.cancelled',
  'booking.rescheduled',
  'intake.submitted',
  'consent.recorded',
  'consent.withdrawn',
])
export type WebhookEventType = z.infer<typeof WebhookEventType>

const EndpointUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .meta({ description: 'https:// (http:// only where the server allows private addresses, for development)' })

const Events = z
  .array(WebhookEventType)
  .min(1)
  .refine((events) => new Set(events).size === events.length, 'Each event type once')

export const WebhookEndpoint = z
  .object({
    id: Id,
    url: z.string(),
    events: z.array(WebhookEventType),
    enabled: z.boolean(),
    secretHint: z.string().meta({ description: 'The last four characters of the current secret' }),
    createdAt: Instant,
  })
  .meta({ id: 'WebhookEndpoint' })
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>

export const CreateWebhookEndpoint = z
  .object({ url: EndpointUrl, events: Events, enabled: z.boolean().default(true) })
  .strict()
export type CreateWebhookEndpoint = z.infer<typeof CreateWebhookEndpoint>

export const UpdateWebhookEndpoint = z
  .object({ url: EndpointUrl, events: Events, enabled: z.boolean() })
  .partial()
  .strict()
export type UpdateWebhookEndpoint = z.infer<typeof UpdateWebhookEndpoint>

export const WebhookSecret = z
  .object({
    endpoint: WebhookEndpoint,
    secret: z.string().meta({
      description:
        'Shown once: `whsec_` and standard base64. The Frontdesk-Signature key is this whole string; the Standard Webhooks key is the bytes the base64 after `whsec_` encodes (docs/webhooks.md)',
    }),
    previousSecretExpiresAt: Instant.nullable().meta({
      description: 'After a roll, deliveries carry a signature with the old secret too until then',
    }),
  })
  .meta({ id: 'WebhookSecret' })
export type WebhookSecret = z.infer<typeof WebhookSecret>

export const WebhookDelivery = z
  .object({
    id: Id,
    endpointId: Id,
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(['delivered', 'failed']),
    responseStatus: z.number().int().nullable(),
    error: z
      .string()
      .nullable()
      .meta({ description: 'Why it failed, in plain words; never the response body' }),
    durationMs: z.number().int(),
    attemptedAt: Instant,
  })
  .meta({ id: 'WebhookDelivery' })
export type WebhookDelivery = z.infer<typeof WebhookDelivery>

/** What a receiver gets: the event's id, type and time, and ids to fetch the details with the secret key. */
export const WebhookEvent = z
  .object({
    id: z.string(),
    type: z.union([WebhookEventType, z.literal('ping')]),
    createdAt: Instant,
    clinicId: Id,
    data: z.record(z.string(), z.string().nullable()),
  })
  .meta({ id: 'WebhookEvent' })
export type WebhookEvent = z.infer<typeof WebhookEvent>
