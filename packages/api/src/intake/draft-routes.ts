// The patient's intake routes: start a draft, then read, save, upload files into and submit it with the
// resume token. The token holder sees their own draft and nothing else.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { bodyOf, route } from '../routes/define.js'
import { deleteDraftFile, readDraftFile, uploadDraftFile } from './draft-files.js'
import { readIntakeDraft, saveIntakeDraft, startIntakeDraft, submitIntakeDraft } from './drafts.js'
import { fileAnswer } from './file-answer.js'

export function intakeDraftRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.createIntakeDraft), async (c) =>
    c.json(bodyOf(c, await startIntakeDraft(c.var.scope, c.req.valid('json'))), 201),
  )

  app.openapi(route(endpoints.getIntakeDraft), async (c) =>
    c.json(await readIntakeDraft(c.var.scope, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.saveIntakeDraft), async (c) => {
    const draft = await saveIntakeDraft(c.var.scope, c.req.valid('param').id, c.req.valid('json'))
    return c.json(draft, 200, { 'Cache-Control': 'no-store' })
  })

  app.openapi(route(endpoints.submitIntakeDraft), async (c) =>
    c.json(await submitIntakeDraft(c.var.scope, c.req.valid('param').id, c.req.valid('json')), 200),
  )

  app.openapi(route(endpoints.uploadIntakeFile), async (c) => {
    const file = await uploadDraftFile(c.var.scope, c.req.valid('param').id, {
      field: c.req.valid('query').field,
      contentType: c.req.header('Content-Type'),
      contentLength: c.req.header('Content-Length'),
      body: c.req.raw.body,
    })
    return c.json(file, 201)
  })

  app.openapi(route(endpoints.getIntakeDraftFile), async (c) => {
    const { id, fileId } = c.req.valid('param')
    return fileAnswer(c, await readDraftFile(c.var.scope, id, fileId))
  })

  app.openapi(route(endpoints.deleteIntakeFile), async (c) => {
    const { id, fileId } = c.req.valid('param')
    await deleteDraftFile(c.var.scope, id, fileId)
    return c.body(null, 204)
  })

  return app
}
