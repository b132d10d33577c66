// Key routes: a secret key lists, creates and revokes the clinic's keys; a new key's token is shown once.

import { ApiKey, ApiKeyCreated, CreateApiKey, Id } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import * as z from 'zod'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { audit } from '../services/audit.js'
import { createApiKey, listApiKeys, revokeApiKey } from '../services/clinics.js'
import { idempotent } from '../services/idempotency.js'
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
      const principal = c.var.principal
      // A test key makes test keys only: a leaked test key must not mint live ones.
      if (principal.kind === 'secret' && principal.mode === 'test' && input.mode === 'live') {
        throw new ApiError('FORBIDDEN', 'A test key cannot create live keys; use a live secret key')
      }
      const { body } = await idempotent(
        c,
        input,
        async () => null,
        async (trx) => {
          const created = await createApiKey(trx, c.var.clinic.id, input)
          await audit(trx, c, [{ action: 'key.create', objectType: 'api_key', objectId: created.key.id }])
          return { status: 201 as const, body: created }
        },
      )
      return c.json(body, 201)
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
      await audit(c.var.deps.db, c, [{ action: 'key.revoke', objectType: 'api_key', objectId: key.id }])
      return c.json(key, 200)
    },
  )

  return app
}
