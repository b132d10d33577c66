// Retention routes: how long the clinic keeps each kind of record, a purge on demand, and the reports
// of what each purge removed and what legal holds kept. The purge also runs hourly in `frontdesk serve`.
import { endpoints, type RetentionRun } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { purgeClinic, retentionPolicy } from '../rights/retention.js'
import { audit } from '../services/audit.js'
import { route } from './define.js'

export function retentionRoutes() {
  const app = new OpenAPIHono<AppEnv>()
  const stored = async (db: AppEnv['Variables']['deps']['db'], clinicId: string) =>
    retentionPolicy(
      (
        await db
          .selectFrom('clinics')
          .select('retention')
          .where('id', '=', clinicId)
          .executeTakeFirstOrThrow()
      ).retention,
    )

  app.openapi(route(endpoints.getRetentionPolicy), async (c) =>
    c.json(await stored(c.var.deps.db, c.var.clinic.id), 200),
  )

  app.openapi(route(endpoints.updateRetentionPolicy), async (c) => {
    const { db } = c.var.deps
    const next = { ...(await stored(db, c.var.clinic.id)), ...c.req.valid('json') }
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('clinics')
        .set({ retention: JSON.stringify(next) })
        .where('id', '=', c.var.clinic.id)
        .execute()
      await audit(trx, c, [{ action: 'retention.update', objectType: 'clinic', objectId: c.var.clinic.id }])
    })
    return c.json(next, 200)
  })

  app.openapi(route(endpoints.runRetention), async (c) => {
    const { system, db, now } = c.var.deps
    // The purge deletes audit events, which only the owner may do: it runs on the system connection,
    // and every statement in it names this clinic.
    const run = await purgeClinic(system, c.var.clinic.id, now())
    await audit(db, c, [{ action: 'retention.run', objectType: 'clinic', objectId: c.var.clinic.id }])
    return c.json(run, 201)
  })

  app.openapi(route(endpoints.listRetentionRuns), async (c) => {
    const rows = await c.var.deps.db
      .selectFrom('retention_runs')
      .selectAll()
      .where('clinic_id', '=', c.var.clinic.id)
      .orderBy('ran_at', 'desc')
      .limit(50)
      .execute()
    return c.json(
      {
        data: rows.map((row) => ({
          id: row.id,
          ranAt: new Date(row.ran_at).toISOString(),
          ...(row.report as Pick<RetentionRun, 'removed' | 'keptByLegalHold'>),
        })),
      },
      200,
    )
  })

  return app
}
