// The clinic's consent ledger routes: records as JSON and FHIR, signatures, the state per patient and
// purpose, and the chain verified. Secret key and staff only.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { cipherOf } from '../request-scope.js'
import { route } from '../routes/define.js'
import { consentState, ledgerBundle, ledgerPage, readRecord, readSignature, recordAsFhir } from './ledger.js'
import { verifyConsentChain } from './record-store.js'

const FHIR_JSON = 'application/fhir+json; charset=utf-8'

export function consentLedgerRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.listConsentRecords), async (c) =>
    c.json(await ledgerPage(c.var.scope, c.req.valid('query')), 200),
  )

  app.openapi(route(endpoints.getConsentBundle), async (c) =>
    c.json(await ledgerBundle(c.var.scope, c.req.valid('query'), c.req.url), 200, {
      'Content-Type': FHIR_JSON,
      'Cache-Control': 'no-store',
    }),
  )

  app.openapi(route(endpoints.getConsentRecord), async (c) =>
    c.json(await readRecord(c.var.scope, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.getConsentRecordFhir), async (c) =>
    c.json(await recordAsFhir(c.var.scope, c.req.valid('param').id), 200, { 'Content-Type': FHIR_JSON }),
  )

  app.openapi(route(endpoints.getConsentSignature), async (c) => {
    const { recordId, png } = await readSignature(c.var.scope, c.req.valid('param').id)
    return c.body(new Uint8Array(png), 200, {
      'Content-Type': 'image/png',
      'Content-Disposition': `attachment; filename="${recordId}.png"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    })
  })

  app.openapi(route(endpoints.getConsentState), async (c) =>
    c.json(await consentState(c.var.scope, c.req.valid('query').patientId), 200),
  )

  app.openapi(route(endpoints.verifyConsentChain), async (c) =>
    c.json(
      await verifyConsentChain(c.var.scope.db, cipherOf(c.var.scope).chainHeads, c.var.scope.clinic.id),
      200,
    ),
  )

  return app
}
