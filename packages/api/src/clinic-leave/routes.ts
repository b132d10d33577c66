// A clinic leaves: the owner's archive of everything, and the close. Both need the owner's password typed
// again and the owner's role (`clinic:close`); both are audited, the export in the clinic's own chain and
// the close in the platform's clinic_closures (the clinic's chain goes with it).
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import { audit } from '../audit/trail.js'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { cipherOf } from '../request-scope.js'
import { route } from '../routes/define.js'
import { writeClinicArchive } from './archive.js'
import { ArchiveCancelled, ArchiveWriter } from './archive-writer.js'
import { closeClinic } from './close.js'
import { confirmPassword } from './reauth.js'

export function clinicLeaveRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.exportClinicArchive), async (c) => {
    const scope = c.var.scope
    await confirmPassword(c.var.deps, scope.principal, c.req.raw.headers, c.req.valid('json').password)
    const cipher = cipherOf(scope)
    await audit(scope.db, scope, [
      { action: 'clinic.export', objectType: 'clinic', objectId: scope.clinic.id },
    ])
    const writer = new ArchiveWriter()
    const { logger } = c.var.deps
    // Runs while the body streams, still in this request's clinic scope.
    writeClinicArchive(writer, { db: scope.db, cipher, clinic: scope.clinic, at: scope.now() }).catch(
      (error: unknown) => {
        if (error instanceof ArchiveCancelled) return
        logger.error('clinic archive failed', { error: error instanceof Error ? error.name : 'unknown' })
        writer.fail(error)
      },
    )
    const day = new Date(scope.now()).toISOString().slice(0, 10)
    return c.body(writer.stream, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="frontdesk-${scope.clinic.id}-${day}.zip"`,
      'Cache-Control': 'no-store',
    })
  })

  app.openapi(route(endpoints.closeClinic), async (c) => {
    const scope = c.var.scope
    const body = c.req.valid('json')
    // The name first: a typo is told apart from a wrong password, and costs no password attempt.
    if (body.clinicName.trim() !== scope.clinic.name.trim())
      throw new ApiError('VALIDATION_FAILED', "Type the clinic's name exactly as it stands", {
        issues: [{ path: 'clinicName', message: "Not the clinic's name", code: 'mismatch' }],
      })
    await confirmPassword(c.var.deps, scope.principal, c.req.raw.headers, body.password)
    const closure = await closeClinic(scope.system, scope.cipher, {
      clinicId: scope.clinic.id,
      closedBy: scope.principal.id,
      archiveSha256: body.archiveSha256 ?? null,
      at: scope.now(),
    })
    c.var.deps.logger.info('clinic closed', { closureId: closure.id })
    return c.json(closure, 200)
  })

  return app
}
