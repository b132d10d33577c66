// Key routes: a secret key lists, creates and revokes the clinic's keys; a new key's token is shown once.

import { ApiKey, ApiKeyCreated, CreateApiKey, Id } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import * as z from 'zod'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { createApiKey, listApiKeys, revokeApiKey } from '../services/clinics.js'
import { json, jsonBody, route } from './define.js'

export function keyRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    route(['secret'], {
      method: 'get',
      path: '/keys',
      tags: ['Keys'],
      summary: "The clinic's keys; secret keys show only a hint",
      responses: { 200: json(z.object({ data: z.array(ApiKey) }), 'The keys') },
    }),
    async (c) => c.json({ data: await listApiKeys(c.var.deps.db, c.var.clinic.id) }, 200),
  )

  app.openapi(
    route(['secret'], {
      method: 'post',
      path: '/keys',
      tags: ['Keys'],
      summary: 'Create a key; its token is in this answer and nowhere else',
      request: { body: jsonBody(CreateApiKey) },
      responses: { 201: json(ApiKeyCreated, 'The key and its token') },
    }),
    async (c) => {
      const input = c.req.valid('json')
      return c.json(await createApiKey(c.var.deps.db, c.var.clinic.id, input), 201)
    },
  )

  app.openapi(
    route(['secret'], {
      method: 'post',
      path: '/keys/{id}/revoke',
      tags: ['Keys'],
      summary: 'Revoke a key at once',
      request: { params: z.object({ id: Id }) },
      responses: { 200: json(ApiKey, 'The revoked key') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      if (c.var.principal.id === id) {
        throw new ApiError('VALIDATION_FAILED', 'A key cannot revoke itself; use another secret key', {
          issues: [{ path: 'id', message: 'This is the key making the request' }],
        })
      }
      const key = await revokeApiKey(c.var.deps.db, c.var.clinic.id, id)
      if (!key) throw notFound('key')
      return c.json(key, 200)
    },
  )

  return app
}
