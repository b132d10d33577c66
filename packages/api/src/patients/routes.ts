// Patient routes: the clinic's record of a patient, the patient's rights over it (correction, export,
// restriction, erasure) and the legal holds that keep what the law requires.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { exportAs } from '../rights/export-fhir.js'
import { route } from '../routes/define.js'
import { listLegalHolds, placeLegalHold, releaseLegalHold } from './legal-holds.js'
import { correctPatient, erasePatient, exportPatient, readPatient, setRestriction } from './patients.js'
import { searchPatients } from './search.js'

export function patientRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.searchPatients), async (c) =>
    c.json({ data: await searchPatients(c.var.scope, c.req.valid('json')) }, 200),
  )

  app.openapi(route(endpoints.getPatient), async (c) =>
    c.json(await readPatient(c.var.scope, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.correctPatient), async (c) =>
    c.json(await correctPatient(c.var.scope, c.req.valid('param').id, c.req.valid('json')), 200),
  )

  app.openapi(route(endpoints.exportPatient), async (c) => {
    const { id } = c.req.valid('param')
    const query = c.req.valid('query')
    const fhir = query.format === 'fhir'
    const data = await exportPatient(c.var.scope, id)
    return c.json((await exportAs(c.var.scope.db, data, query)) as Record<string, unknown>, 200, {
      'Content-Type': fhir ? 'application/fhir+json; charset=utf-8' : 'application/json',
      'Content-Disposition': `attachment; filename="patient-${id}.${fhir ? 'fhir.json' : 'json'}"`,
      'Cache-Control': 'no-store',
    })
  })

  app.openapi(route(endpoints.erasePatient), async (c) =>
    c.json(await erasePatient(c.var.scope, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.setPatientRestriction), async (c) => {
    const { restricted } = c.req.valid('json')
    return c.json(await setRestriction(c.var.scope, c.req.valid('param').id, restricted), 200)
  })

  app.openapi(route(endpoints.listLegalHolds), async (c) =>
    c.json({ data: await listLegalHolds(c.var.scope, c.req.valid('param').id) }, 200),
  )

  app.openapi(route(endpoints.placeLegalHold), async (c) =>
    c.json(await placeLegalHold(c.var.scope, c.req.valid('param').id, c.req.valid('json')), 201),
  )

  app.openapi(route(endpoints.releaseLegalHold), async (c) =>
    c.json(await releaseLegalHold(c.var.scope, c.req.valid('param').id), 200),
  )

  return app
}
