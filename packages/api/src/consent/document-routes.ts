// Consent document routes: the clinic writes and publishes with its secret key; anyone with a key or
// token reads them to show them (they hold no patient data). Texts arrive as Markdown and are stored
// rendered, sanitized and hashed.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { bodyOf, route } from '../routes/define.js'
import {
  listConsentDocuments,
  publishConsentVersion,
  readConsentDocument,
  readConsentVersion,
} from './document-store.js'
import { createDocument } from './documents.js'

export function consentDocumentRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.listConsentDocuments), async (c) => {
    const { db, clinic } = c.var.scope
    return c.json({ data: await listConsentDocuments(db, clinic.id), nextCursor: null }, 200)
  })

  app.openapi(route(endpoints.createConsentDocument), async (c) =>
    c.json(bodyOf(c, await createDocument(c.var.scope, c.req.valid('json'))), 201),
  )

  app.openapi(route(endpoints.getConsentDocument), async (c) => {
    const { db, clinic } = c.var.scope
    return c.json(await readConsentDocument(db, clinic.id, c.req.valid('param').id), 200)
  })

  app.openapi(route(endpoints.createConsentDocumentVersion), async (c) => {
    const { db, clinic } = c.var.scope
    return c.json(
      await publishConsentVersion(db, clinic.id, c.req.valid('param').id, c.req.valid('json')),
      201,
    )
  })

  app.openapi(route(endpoints.getConsentDocumentVersion), async (c) => {
    const { db, clinic } = c.var.scope
    const { id, version } = c.req.valid('param')
    return c.json(await readConsentVersion(db, clinic.id, id, version), 200)
  })

  return app
}
