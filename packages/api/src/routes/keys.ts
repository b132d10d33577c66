// Key routes: a secret key lists, creates, rolls and revokes the clinic's keys; a new key's token is shown once.

import { DEFAULT_KEY_OVERLAP_HOURS, endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
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
import { route } from './define.js'

export function keyRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.listKeys), async (c) =>
    c.json({ data: await listApiKeys(c.var.deps.db, c.var.clinic.id) }, 200),
  )

  app.openapi(route(endpoints.createKey), async (c) => {
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
  })

  app.openapi(route(endpoints.revokeKey), async (c) => {
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
  })

  app.openapi(route(endpoints.rollKey), async (c) => {
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
  })

  return app
}

const HOUR_MS = 60 * 60 * 1000

const NOT_ROLLABLE: Record<KeyRollRefusal, string> = {
  revoked: 'This key is revoked; create a new key instead',
  expired: 'This key has expired; create a new key instead',
  rolled: 'This key was rolled already; roll the key that replaced it (replacedBy)',
}
