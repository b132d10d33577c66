// Catalogue routes: the clinic, its locations, practitioners and services. Reads are for any key or token,
// writes for the clinic's secret key and staff.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { actsForClinic } from '../db/tenant-scope.js'
import type { AppEnv } from '../env.js'
import { bodyOf, route } from '../routes/define.js'
import { clinicSettings, toClinic, updateClinic } from './clinic-store.js'
import { createLocation, listLocations, updateLocation } from './locations.js'
import { deleteClinicLogo, setClinicLogo } from './logo.js'
import { linkPractitionerAccount } from './practitioner-account.js'
import {
  createPractitioner,
  listPractitioners,
  readPractitioner,
  updatePractitioner,
} from './practitioners.js'
import { createService, listServices, readService, updateService } from './services.js'

export function catalogueRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.getClinic), (c) => c.json(toClinic(c.var.scope.clinic), 200))

  const origin = (c: Context) => new URL(c.req.url).origin

  app.openapi(route(endpoints.getClinicSettings), async (c) =>
    c.json(await clinicSettings(c.var.scope, origin(c)), 200),
  )

  app.openapi(route(endpoints.updateClinic), async (c) =>
    c.json(await updateClinic(c.var.scope, c.req.valid('json'), origin(c)), 200),
  )

  app.openapi(route(endpoints.setClinicLogo), async (c) => {
    await setClinicLogo(c.var.scope, {
      contentType: c.req.header('Content-Type'),
      contentLength: c.req.header('Content-Length'),
      body: c.req.raw.body,
    })
    return c.json(await clinicSettings(c.var.scope, origin(c)), 200)
  })

  app.openapi(route(endpoints.deleteClinicLogo), async (c) => {
    await deleteClinicLogo(c.var.scope)
    return c.json(await clinicSettings(c.var.scope, origin(c)), 200)
  })

  app.openapi(route(endpoints.listLocations), async (c) =>
    c.json({ data: await listLocations(c.var.scope.db, c.var.scope.clinic.id) }, 200),
  )

  app.openapi(route(endpoints.createLocation), async (c) =>
    c.json(bodyOf(c, await createLocation(c.var.scope, c.req.valid('json'))), 201),
  )

  app.openapi(route(endpoints.updateLocation), async (c) =>
    c.json(await updateLocation(c.var.scope, c.req.valid('param').id, c.req.valid('json')), 200),
  )

  app.openapi(route(endpoints.listPractitioners), async (c) => {
    const { db, clinic, principal } = c.var.scope
    const data = await listPractitioners(db, clinic.id, {
      serviceId: c.req.valid('query').serviceId,
      includeInactive: actsForClinic(principal),
      staffAccounts: actsForClinic(principal),
    })
    return c.json({ data }, 200)
  })

  app.openapi(route(endpoints.getPractitioner), async (c) =>
    c.json(await readPractitioner(c.var.scope, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.createPractitioner), async (c) =>
    c.json(bodyOf(c, await createPractitioner(c.var.scope, c.req.valid('json'))), 201),
  )

  app.openapi(route(endpoints.updatePractitioner), async (c) =>
    c.json(await updatePractitioner(c.var.scope, c.req.valid('param').id, c.req.valid('json')), 200),
  )

  app.openapi(route(endpoints.linkPractitionerAccount), async (c) =>
    c.json(
      await linkPractitionerAccount(c.var.scope, c.req.valid('param').id, c.req.valid('json').userId),
      200,
    ),
  )

  app.openapi(route(endpoints.listServices), async (c) => {
    const { db, clinic, principal } = c.var.scope
    return c.json({ data: await listServices(db, clinic.id, actsForClinic(principal)) }, 200)
  })

  app.openapi(route(endpoints.getService), async (c) =>
    c.json(await readService(c.var.scope, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.createService), async (c) =>
    c.json(bodyOf(c, await createService(c.var.scope, c.req.valid('json'))), 201),
  )

  app.openapi(route(endpoints.updateService), async (c) =>
    c.json(await updateService(c.var.scope, c.req.valid('param').id, c.req.valid('json')), 200),
  )

  return app
}
