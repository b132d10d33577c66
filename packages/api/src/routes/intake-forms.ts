// Intake form routes: the clinic creates forms and publishes versions with its secret key; any key or
// token reads a form to render it (definitions hold no patient data); a version exports as FHIR R4.
import {
  CreateIntakeForm,
  fhir,
  Id,
  IntakeForm,
  IntakeFormVersion,
  listOf,
  PublishIntakeFormVersion,
  UpdateIntakeForm,
} from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import * as z from 'zod'
import type { AppEnv, PrincipalKind } from '../env.js'
import { assertConsentDocumentsExist } from '../services/consent-documents.js'
import { idempotent } from '../services/idempotency.js'
import {
  createIntakeForm,
  listIntakeForms,
  publishIntakeFormVersion,
  readIntakeForm,
  readIntakeFormVersion,
  updateIntakeForm,
} from '../services/intake-forms.js'
import { json, jsonBody, route } from './define.js'

const anyone: PrincipalKind[] = ['publishable', 'secret', 'visit', 'manage', 'resume']
const FormParam = z.object({ id: Id })
const VersionParam = z.object({ id: Id, version: z.coerce.number().int().min(1).max(100_000) })

export function intakeFormRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    route(anyone, {
      permission: 'catalogue:read',
      method: 'get',
      path: '/intake/forms',
      tags: ['Intake'],
      summary: "The clinic's intake forms, each at its current version",
      responses: { 200: json(listOf(IntakeForm), 'The forms') },
    }),
    async (c) =>
      c.json({ data: await listIntakeForms(c.var.deps.db, c.var.clinic.id), nextCursor: null }, 200),
  )

  app.openapi(
    route(['secret'], {
      permission: 'form:manage',
      method: 'post',
      path: '/intake/forms',
      tags: ['Intake'],
      summary: 'Create a form; its definition becomes version 1',
      description:
        'The definition is checked as a whole: unique ids, conditions naming an earlier field in reach, sane limits. Honours Idempotency-Key.',
      request: { body: jsonBody(CreateIntakeForm) },
      responses: { 201: json(IntakeForm, 'The form') },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const { body } = await idempotent(
        c,
        input,
        () => assertConsentDocumentsExist(c.var.deps.db, c.var.clinic.id, input.consentDocumentIds),
        async (trx) => ({
          status: 201 as const,
          body: await createIntakeForm(
            trx,
            c.var.clinic.id,
            input.name,
            input.definition,
            input.consentDocumentIds,
          ),
        }),
      )
      return c.json(body, 201)
    },
  )

  app.openapi(
    route(anyone, {
      permission: 'catalogue:read',
      method: 'get',
      path: '/intake/forms/{id}',
      tags: ['Intake'],
      summary: 'One form at its current version',
      request: { params: FormParam },
      responses: { 200: json(IntakeForm, 'The form') },
    }),
    async (c) => c.json(await readIntakeForm(c.var.deps.db, c.var.clinic.id, c.req.valid('param').id), 200),
  )

  app.openapi(
    route(['secret'], {
      permission: 'form:manage',
      method: 'patch',
      path: '/intake/forms/{id}',
      tags: ['Intake'],
      summary: 'Rename a form, or change the consent documents it asks for after it is filled',
      request: { params: FormParam, body: jsonBody(UpdateIntakeForm) },
      responses: { 200: json(IntakeForm, 'The form') },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const { db } = c.var.deps
      await assertConsentDocumentsExist(db, c.var.clinic.id, input.consentDocumentIds)
      return c.json(await updateIntakeForm(db, c.var.clinic.id, c.req.valid('param').id, input), 200)
    },
  )

  app.openapi(
    route(['secret'], {
      permission: 'form:manage',
      method: 'post',
      path: '/intake/forms/{id}/versions',
      tags: ['Intake'],
      summary: 'Publish a changed definition as the next version',
      description:
        'Earlier versions stay as they were, so responses pinned to them read as they were answered.',
      request: { params: FormParam, body: jsonBody(PublishIntakeFormVersion) },
      responses: { 201: json(IntakeFormVersion, 'The new version') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { definition } = c.req.valid('json')
      const version = await publishIntakeFormVersion(c.var.deps.db, c.var.clinic.id, id, definition)
      return c.json(version, 201)
    },
  )

  app.openapi(
    route(anyone, {
      permission: 'catalogue:read',
      method: 'get',
      path: '/intake/forms/{id}/versions/{version}',
      tags: ['Intake'],
      summary: 'One published version of a form, exactly as it was published',
      request: { params: VersionParam },
      responses: { 200: json(IntakeFormVersion, 'The version') },
    }),
    async (c) => {
      const { id, version } = c.req.valid('param')
      return c.json(await readIntakeFormVersion(c.var.deps.db, c.var.clinic.id, id, version), 200)
    },
  )

  app.openapi(
    route(['secret'], {
      permission: 'catalogue:read',
      method: 'get',
      path: '/intake/forms/{id}/versions/{version}/fhir',
      tags: ['Intake'],
      summary: 'A version as a FHIR R4 Questionnaire, for the clinic’s EHR',
      request: { params: VersionParam },
      responses: { 200: json(z.record(z.string(), z.unknown()), 'The Questionnaire resource') },
    }),
    async (c) => {
      const { id, version } = c.req.valid('param')
      const found = await readIntakeFormVersion(c.var.deps.db, c.var.clinic.id, id, version)
      const questionnaire = fhir.toQuestionnaire(found.definition, {
        url: `urn:frontdesk:intake-form:${id}`,
        version: String(version),
        status: 'active',
      })
      return c.json(questionnaire as unknown as Record<string, unknown>, 200, {
        'Content-Type': 'application/fhir+json; charset=utf-8',
      })
    },
  )

  return app
}
