// Webhook endpoints: where the clinic's systems hear of bookings, intake and consent, and what was delivered.
import { listOf } from '../common.js'
import {
  CreateWebhookEndpoint,
  UpdateWebhookEndpoint,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookSecret,
} from '../webhooks.js'
import { defineEndpoints, json, jsonBody } from './define.js'
import { IdParam } from './params.js'

export const webhooksEndpoints = defineEndpoints({
  createWebhookEndpoint: {
    principals: ['secret'],
    permission: 'webhook:manage',
    method: 'post',
    path: '/v1/webhooks/endpoints',
    tags: ['Webhooks'],
    summary: 'Register an endpoint for some event types; answers its signing secret, once',
    request: {
      body: jsonBody(CreateWebhookEndpoint, {
        url: 'https://clinic.example/frontdesk/webhooks',
        events: ['booking.created', 'booking.cancelled'],
      }),
    },
    responses: { 201: json(WebhookSecret, 'The endpoint and its secret') },
  },
  listWebhookEndpoints: {
    principals: ['secret'],
    permission: 'webhook:manage',
    method: 'get',
    path: '/v1/webhooks/endpoints',
    tags: ['Webhooks'],
    summary: "The clinic's webhook endpoints",
    responses: { 200: json(listOf(WebhookEndpoint), 'The endpoints') },
  },
  updateWebhookEndpoint: {
    principals: ['secret'],
    permission: 'webhook:manage',
    method: 'patch',
    path: '/v1/webhooks/endpoints/{id}',
    tags: ['Webhooks'],
    summary: 'Change where an endpoint is, what it hears, or pause it',
    request: { params: IdParam, body: jsonBody(UpdateWebhookEndpoint) },
    responses: { 200: json(WebhookEndpoint, 'The endpoint') },
  },
  deleteWebhookEndpoint: {
    principals: ['secret'],
    permission: 'webhook:manage',
    method: 'delete',
    path: '/v1/webhooks/endpoints/{id}',
    tags: ['Webhooks'],
    summary: 'Remove an endpoint; its delivery log stays',
    request: { params: IdParam },
    responses: { 204: { description: 'Removed' } },
  },
  rollWebhookSecret: {
    principals: ['secret'],
    permission: 'webhook:manage',
    method: 'post',
    path: '/v1/webhooks/endpoints/{id}/roll-secret',
    tags: ['Webhooks'],
    summary: 'A new signing secret; the old one keeps signing alongside for 24 hours',
    request: { params: IdParam },
    responses: { 200: json(WebhookSecret, 'The endpoint and its new secret') },
  },
  testWebhookEndpoint: {
    principals: ['secret'],
    permission: 'webhook:manage',
    method: 'post',
    path: '/v1/webhooks/endpoints/{id}/test',
    tags: ['Webhooks'],
    summary: 'Send a signed `ping` event to the endpoint now, and answer how it went',
    request: { params: IdParam },
    responses: { 200: json(WebhookDelivery, 'The delivery') },
  },
  listWebhookDeliveries: {
    principals: ['secret'],
    permission: 'webhook:manage',
    method: 'get',
    path: '/v1/webhooks/endpoints/{id}/deliveries',
    tags: ['Webhooks'],
    summary: 'What was sent to an endpoint, newest first',
    request: { params: IdParam },
    responses: { 200: json(listOf(WebhookDelivery), 'The last 100 deliveries') },
  },
})
