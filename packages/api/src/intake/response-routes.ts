// The clinic's intake routes: list responses, read one decrypted, export it as FHIR, fetch its files.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { route } from '../routes/define.js'
import { fileAnswer } from './file-answer.js'
import { listResponses, readResponse, readResponseFile, responseAsFhir } from './responses.js'

export function intakeResponseRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.listIntakeResponses), async (c) =>
    c.json(await listResponses(c.var.scope, c.req.valid('query')), 200),
  )

  app.openapi(route(endpoints.getIntakeResponse), async (c) =>
    c.json(await readResponse(c.var.scope, c.req.valid('param').id), 200, { 'Cache-Control': 'no-store' }),
  )

  app.openapi(route(endpoints.getIntakeResponseFhir), async (c) => {
    const resource = await responseAsFhir(c.var.scope, c.req.valid('param').id)
    return c.json(resource as unknown as Record<string, unknown>, 200, {
      'Content-Type': 'application/fhir+json; charset=utf-8',
      'Cache-Control': 'no-store',
    })
  })

  app.openapi(route(endpoints.getIntakeResponseFile), async (c) => {
    const { id, fileId } = c.req.valid('param')
    return fileAnswer(c, await readResponseFile(c.var.scope, id, fileId))
  })

  return app
}
