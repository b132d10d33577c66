// Leases on the job queue's claimed jobs. pg-boss 10 only notices a job whose worker died once the job's
// whole expiry has passed and its maintenance (every two minutes) runs, then waits out a retry delay: a
// crash cost minutes. Here a worker renews its jobs' `started_on` every few seconds while it works them,
// and any worker takes back a job left unrenewed longer than the lease, ready to run at once. pg-boss
// counts the lost run as an attempt when the job is claimed again, and fails the job for good once its
// retries are spent. Both statements touch pg-boss 10's own table (`job`, partitioned by queue name).
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { JOB_SCHEMA } from './queue.js'

const jobTable = sql.table(`${JOB_SCHEMA}.job`)
const jobState = sql.raw(`${JOB_SCHEMA}.job_state`)

/** Keeps the worker's claim on these jobs: each is this worker's for another lease from now. */
export async function renewLeases(system: Kysely<Database>, queue: string, jobIds: string[]): Promise<void> {
  if (jobIds.length === 0) return
  await sql`
    UPDATE ${jobTable} SET started_on = now()
    WHERE name = ${queue} AND id = ANY(${jobIds}::uuid[]) AND state = 'active'`.execute(system)
}

/** Takes back the jobs whose worker stopped renewing them `leaseSeconds` ago; answers how many. */
export async function reclaimLapsed(
  system: Kysely<Database>,
  queue: string,
  leaseSeconds: number,
): Promise<number> {
  const { rows } = await sql<{ id: string }>`
    UPDATE ${jobTable} SET
      state = (CASE WHEN retry_count < retry_limit THEN 'retry' ELSE 'failed' END)::${jobState},
      start_after = now(),
      completed_on = CASE WHEN retry_count < retry_limit THEN NULL ELSE now() END,
      output = '{"name":"WorkerLost"}'::jsonb
    WHERE name = ${queue} AND state = 'active'
      AND started_on < now() - make_interval(secs => ${leaseSeconds})
    RETURNING id`.execute(system)
  return rows.length
}
