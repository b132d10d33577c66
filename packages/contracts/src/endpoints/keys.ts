// API keys: the clinic's publishable and secret keys, created, rolled with an overlap and revoked.
import * as z from 'zod'
import { Id } from '../common.js'
import { ApiKey, ApiKeyCreated, ApiKeyRolled, CreateApiKey, RollApiKey } from '../keys.js'
import { defineEndpoints, json, jsonBody } from './define.js'

export const keysEndpoints = defineEndpoints({
  listKeys: {
    principals: ['secret'],
    permission: 'key:manage',
    method: 'get',
    path: '/v1/keys',
    tags: ['Keys'],
    summary: "The clinic's keys; secret keys show only a hint",
    responses: { 200: json(z.object({ data: z.array(ApiKey) }), 'The keys') },
  },
  createKey: {
    principals: ['secret'],
    permission: 'key:manage',
    method: 'post',
    path: '/v1/keys',
    tags: ['Keys'],
    summary: 'Create a key; its token is in this answer and nowhere else',
    request: { body: jsonBody(CreateApiKey, { kind: 'secret', mode: 'live', label: 'Practice server' }) },
    responses: { 201: json(ApiKeyCreated, 'The key and its token') },
  },
  revokeKey: {
    principals: ['secret'],
    permission: 'key:manage',
    method: 'post',
    path: '/v1/keys/{id}/revoke',
    tags: ['Keys'],
    summary: 'Revoke a key at once',
    request: { params: z.object({ id: Id }) },
    responses: { 200: json(ApiKey, 'The revoked key') },
  },
  rollKey: {
    principals: ['secret'],
    permission: 'key:manage',
    method: 'post',
    path: '/v1/keys/{id}/roll',
    tags: ['Keys'],
    summary: 'Replace a key: a new one now, the old one until the overlap ends',
    description:
      'Issues a key of the same kind, mode and label, whose token is in this answer and nowhere else, ' +
      "and sets the old key's `expiresAt` to now + `overlapHours` (default 24, at most 168; 0 stops it at " +
      'once). A key is rolled once: a revoked, expired or already rolled key answers 409 KEY_NOT_ROLLABLE.',
    request: {
      params: z.object({ id: Id }),
      body: { required: false, content: { 'application/json': { schema: RollApiKey } } },
    },
    responses: {
      201: json(ApiKeyRolled, 'The new key and its token, and the old key with its expiry'),
    },
    errors: ['KEY_NOT_ROLLABLE'],
  },
})
