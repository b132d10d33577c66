// Consent document routes: the clinic writes and publishes with its secret key; anyone with a key or
// token reads them to show them (they hold no patient data). Texts arrive as Markdown and are stored
// rendered, sanitized and hashed.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import {
  createConsentDocument,
  listConsentDocuments,
  publishConsentVersion,
  readConsentDocument,
  readConsentVersion,
} from '../services/consent-documents.js'
import { idempotent } from '../services/idempotency.js'
import { route } from './define.js'

export function consentDocumentRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.listConsentDocuments), async (c) =>
    c.json({ data: await listConsentDocuments(c.var.deps.db, c.var.clinic.id), nextCursor: null }, 200),
  )

  app.openapi(route(endpoints.createConsentDocument), async (c) => {
    const input = c.req.valid('json')
    const { body } = await idempotent(
      c,
      input,
      async () => null,
      async (trx) => ({
        status: 201 as const,
        body: await createConsentDocument(trx, c.var.clinic.id, input),
      }),
    )
    return c.json(body, 201)
  })

  app.openapi(route(endpoints.getConsentDocument), async (c) =>
    c.json(await readConsentDocument(c.var.deps.db, c.var.clinic.id, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.createConsentDocumentVersion), async (c) => {
    const version = await publishConsentVersion(
      c.var.deps.db,
      c.var.clinic.id,
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    return c.json(version, 201)
  })

  app.openapi(route(endpoints.getConsentDocumentVersion), async (c) => {
    const { id, version } = c.req.valid('param')
    return c.json(await readConsentVersion(c.var.deps.db, c.var.clinic.id, id, version), 200)
  })

  return app
}
