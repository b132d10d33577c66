// Intake form routes: the clinic creates forms and publishes versions with its secret key; any key or
// token reads a form to render it (definitions hold no patient data); a version exports as FHIR R4, and a
// FHIR R4 Questionnaire imports as the next version.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { bodyOf, route } from '../routes/define.js'
import {
  listIntakeForms,
  publishIntakeFormVersion,
  readIntakeForm,
  readIntakeFormVersion,
} from './form-store.js'
import { createForm, formVersionAsFhir, importFormVersion, updateForm } from './forms.js'

export function intakeFormRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.listIntakeForms), async (c) => {
    const { db, clinic } = c.var.scope
    return c.json({ data: await listIntakeForms(db, clinic.id), nextCursor: null }, 200)
  })

  app.openapi(route(endpoints.createIntakeForm), async (c) =>
    c.json(bodyOf(c, await createForm(c.var.scope, c.req.valid('json'))), 201),
  )

  app.openapi(route(endpoints.getIntakeForm), async (c) => {
    const { db, clinic } = c.var.scope
    return c.json(await readIntakeForm(db, clinic.id, c.req.valid('param').id), 200)
  })

  app.openapi(route(endpoints.updateIntakeForm), async (c) =>
    c.json(await updateForm(c.var.scope, c.req.valid('param').id, c.req.valid('json')), 200),
  )

  app.openapi(route(endpoints.createIntakeFormVersion), async (c) => {
    const { db, clinic } = c.var.scope
    const { definition } = c.req.valid('json')
    return c.json(await publishIntakeFormVersion(db, clinic.id, c.req.valid('param').id, definition), 201)
  })

  app.openapi(route(endpoints.getIntakeFormVersion), async (c) => {
    const { db, clinic } = c.var.scope
    const { id, version } = c.req.valid('param')
    return c.json(await readIntakeFormVersion(db, clinic.id, id, version), 200)
  })

  app.openapi(route(endpoints.importIntakeFormVersionFhir), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await importFormVersion(c.var.scope, id, c.req.valid('json')), 201)
  })

  app.openapi(route(endpoints.getIntakeFormVersionFhir), async (c) => {
    const { id, version } = c.req.valid('param')
    const questionnaire = await formVersionAsFhir(c.var.scope, id, version)
    return c.json(questionnaire as unknown as Record<string, unknown>, 200, {
      'Content-Type': 'application/fhir+json; charset=utf-8',
    })
  })

  return app
}
