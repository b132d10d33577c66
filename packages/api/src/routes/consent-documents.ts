// Consent document routes: the clinic writes and publishes with its secret key; anyone with a key or
// token reads them to show them (they hold no patient data). Texts arrive as Markdown and are stored
// rendered, sanitized and hashed.
import {
  ConsentDocument,
  ConsentDocumentVersion,
  CreateConsentDocument,
  Id,
  listOf,
  PublishConsentVersion,
} from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import * as z from 'zod'
import type { AppEnv, PrincipalKind } from '../env.js'
import {
  createConsentDocument,
  listConsentDocuments,
  publishConsentVersion,
  readConsentDocument,
  readConsentVersion,
} from '../services/consent-documents.js'
import { idempotent } from '../services/idempotency.js'
import { json, jsonBody, route } from './define.js'

const readers: PrincipalKind[] = ['publishable', 'secret', 'visit', 'manage', 'resume', 'receipt']
const DocumentParam = z.object({ id: Id })
const VersionParam = z.object({ id: Id, version: z.coerce.number().int().min(1).max(100_000) })

export function consentDocumentRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    route(readers, {
      permission: 'catalogue:read',
      method: 'get',
      path: '/consent/documents',
      tags: ['Consent'],
      summary: "The clinic's consent documents, each at its current version",
      responses: { 200: json(listOf(ConsentDocument), 'The documents') },
    }),
    async (c) =>
      c.json({ data: await listConsentDocuments(c.var.deps.db, c.var.clinic.id), nextCursor: null }, 200),
  )

  app.openapi(
    route(['secret'], {
      permission: 'form:manage',
      method: 'post',
      path: '/consent/documents',
      tags: ['Consent'],
      summary: 'Create a consent document; its texts become version 1',
      description:
        'Texts are Markdown, one per language; each is rendered and sanitized (no script survives) and hashed. Honours Idempotency-Key.',
      request: { body: jsonBody(CreateConsentDocument) },
      responses: { 201: json(ConsentDocument, 'The document') },
    }),
    async (c) => {
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
    },
  )

  app.openapi(
    route(readers, {
      permission: 'catalogue:read',
      method: 'get',
      path: '/consent/documents/{id}',
      tags: ['Consent'],
      summary: 'One consent document at its current version',
      request: { params: DocumentParam },
      responses: { 200: json(ConsentDocument, 'The document') },
    }),
    async (c) =>
      c.json(await readConsentDocument(c.var.deps.db, c.var.clinic.id, c.req.valid('param').id), 200),
  )

  app.openapi(
    route(['secret'], {
      permission: 'form:manage',
      method: 'post',
      path: '/consent/documents/{id}/versions',
      tags: ['Consent'],
      summary: 'Publish changed texts as the next version',
      description: 'Earlier versions and their texts stay exactly as they were: records name them.',
      request: { params: DocumentParam, body: jsonBody(PublishConsentVersion) },
      responses: { 201: json(ConsentDocumentVersion, 'The new version') },
    }),
    async (c) => {
      const version = await publishConsentVersion(
        c.var.deps.db,
        c.var.clinic.id,
        c.req.valid('param').id,
        c.req.valid('json'),
      )
      return c.json(version, 201)
    },
  )

  app.openapi(
    route(readers, {
      permission: 'catalogue:read',
      method: 'get',
      path: '/consent/documents/{id}/versions/{version}',
      tags: ['Consent'],
      summary: 'One published version, with its texts and their hashes',
      request: { params: VersionParam },
      responses: { 200: json(ConsentDocumentVersion, 'The version') },
    }),
    async (c) => {
      const { id, version } = c.req.valid('param')
      return c.json(await readConsentVersion(c.var.deps.db, c.var.clinic.id, id, version), 200)
    },
  )

  return app
}
