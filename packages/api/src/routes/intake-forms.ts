// Intake form routes: the clinic creates forms and publishes versions with its secret key; any key or
// token reads a form to render it (definitions hold no patient data); a version exports as FHIR R4.
import { endpoints, fhir } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
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
import { route } from './define.js'

export function intakeFormRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.listIntakeForms), async (c) =>
    c.json({ data: await listIntakeForms(c.var.deps.db, c.var.clinic.id), nextCursor: null }, 200),
  )

  app.openapi(route(endpoints.createIntakeForm), async (c) => {
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
  })

  app.openapi(route(endpoints.getIntakeForm), async (c) =>
    c.json(await readIntakeForm(c.var.deps.db, c.var.clinic.id, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.updateIntakeForm), async (c) => {
    const input = c.req.valid('json')
    const { db } = c.var.deps
    await assertConsentDocumentsExist(db, c.var.clinic.id, input.consentDocumentIds)
    return c.json(await updateIntakeForm(db, c.var.clinic.id, c.req.valid('param').id, input), 200)
  })

  app.openapi(route(endpoints.createIntakeFormVersion), async (c) => {
    const { id } = c.req.valid('param')
    const { definition } = c.req.valid('json')
    const version = await publishIntakeFormVersion(c.var.deps.db, c.var.clinic.id, id, definition)
    return c.json(version, 201)
  })

  app.openapi(route(endpoints.getIntakeFormVersion), async (c) => {
    const { id, version } = c.req.valid('param')
    return c.json(await readIntakeFormVersion(c.var.deps.db, c.var.clinic.id, id, version), 200)
  })

  app.openapi(route(endpoints.getIntakeFormVersionFhir), async (c) => {
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
  })

  return app
}
