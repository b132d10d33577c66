// Key routes: a secret key lists, creates, rolls and revokes the clinic's keys; a new key's token is shown once.

import {
  ApiKey,
  ApiKeyCreated,
  ApiKeyRolled,
  CreateApiKey,
  DEFAULT_KEY_OVERLAP_HOURS,
  Id,
  RollApiKey,
} from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import * as z from 'zod'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { audit } from '../services/audit.js'
import {
  createApiKey,
  type KeyRollRefusal,
  listApiKeys,
  revokeApiKey,
  rollApiKey,
} from '../services/clinics.js'
import { idempotent } from '../services/idempotency.js'
import { error, json, jsonBody, route } from './define.js'

export function keyRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    route(['secret'], {
      permission: 'key:manage',
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
      permission: 'key:manage',
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
      permission: 'key:manage',
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

  app.openapi(
    route(['secret'], {
      permission: 'key:manage',
      method: 'post',
      path: '/keys/{id}/roll',
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
        409: error('KEY_NOT_ROLLABLE: the key is revoked, expired or rolled already'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      // Without a body the validator hands over {}, defaults not applied.
      const overlapHours = c.req.valid('json').overlapHours ?? DEFAULT_KEY_OVERLAP_HOURS
      const { db, now } = c.var.deps
      const clinicId = c.var.clinic.id
      const { body } = await idempotent(
        c,
        { id, overlapHours },
        async () => {
          // A key's mode never changes, so it can be checked before the transaction.
          const key = await db
            .selectFrom('api_keys')
            .select('mode')
            .where('clinic_id', '=', clinicId)
            .where('id', '=', id)
            .executeTakeFirst()
          if (!key) throw notFound('key')
          const principal = c.var.principal
          if (principal.kind === 'secret' && principal.mode === 'test' && key.mode === 'live') {
            throw new ApiError('FORBIDDEN', 'A test key cannot roll live keys; use a live secret key')
          }
        },
        async (trx) => {
          const at = now()
          const rolled = await rollApiKey(trx, clinicId, id, {
            now: new Date(at),
            expiresAt: new Date(at + overlapHours * HOUR_MS),
          })
          if (!rolled) throw notFound('key')
          if ('refused' in rolled) throw new ApiError('KEY_NOT_ROLLABLE', NOT_ROLLABLE[rolled.refused])
          await audit(trx, c, [
            { action: 'key.roll', objectType: 'api_key', objectId: rolled.previous.id },
            { action: 'key.create', objectType: 'api_key', objectId: rolled.key.id },
          ])
          return { status: 201 as const, body: rolled }
        },
      )
      return c.json(body, 201)
    },
  )

  return app
}

const HOUR_MS = 60 * 60 * 1000

const NOT_ROLLABLE: Record<KeyRollRefusal, string> = {
  revoked: 'This key is revoked; create a new key instead',
  expired: 'This key has expired; create a new key instead',
  rolled: 'This key was rolled already; roll the key that replaced it (replacedBy)',
}
