// The clinic's retention policy read and changed, a purge run on demand (it also runs hourly in
// `frontdesk serve`) or tried as a dry run, and the reports of what each purge removed and what legal
// holds kept.
import type { RetentionDryRun, RetentionPolicy, RetentionRun } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import { audit } from '../audit/trail.js'
import type { Database } from '../db/schema.js'
import type { RequestScope } from '../env.js'
import { cipherOf } from '../request-scope.js'
import { purgeClinic, retentionPolicy } from './retention.js'

export async function readRetentionPolicy(scope: RequestScope): Promise<RetentionPolicy> {
  return stored(scope.db, scope.clinic.id)
}

/** The kinds given change; the others keep their periods. */
export async function updateRetentionPolicy(
  scope: RequestScope,
  change: Partial<RetentionPolicy>,
): Promise<RetentionPolicy> {
  const { db, clinic } = scope
  const next = { ...(await stored(db, clinic.id)), ...change }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('clinics')
      .set({ retention: JSON.stringify(next) })
      .where('id', '=', clinic.id)
      .execute()
    await audit(trx, scope, [{ action: 'retention.update', objectType: 'clinic', objectId: clinic.id }])
  })
  return next
}

/** What a purge now would remove and what holds would keep; nothing is removed, stored or audited. */
export async function previewRetention(scope: RequestScope): Promise<RetentionDryRun> {
  const run = await purgeClinic(scope.system, cipherOf(scope).chainHeads, scope.clinic.id, scope.now(), {
    record: 'dry-run',
  })
  return { ...run, dryRun: true }
}

export async function runRetention(scope: RequestScope): Promise<RetentionRun> {
  // The purge deletes audit events, which only the owner may do: it runs on the system connection,
  // and every statement in it names this clinic.
  const run = await purgeClinic(scope.system, cipherOf(scope).chainHeads, scope.clinic.id, scope.now())
  await audit(scope.db, scope, [{ action: 'retention.run', objectType: 'clinic', objectId: scope.clinic.id }])
  return run
}

/** The last 50 runs, newest first. */
export async function listRetentionRuns(scope: RequestScope): Promise<RetentionRun[]> {
  const rows = await scope.db
    .selectFrom('retention_runs')
    .selectAll()
    .where('clinic_id', '=', scope.clinic.id)
    .orderBy('ran_at', 'desc')
    .limit(50)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    ranAt: new Date(row.ran_at).toISOString(),
    ...(row.report as Pick<RetentionRun, 'removed' | 'keptByLegalHold'>),
  }))
}

async function stored(db: Kysely<Database>, clinicId: string): Promise<RetentionPolicy> {
  const row = await db
    .selectFrom('clinics')
    .select('retention')
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow()
  return retentionPolicy(row.retention)
}
