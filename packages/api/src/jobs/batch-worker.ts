// Works one queue's jobs in batches: claims up to `batchSize` at once (FOR UPDATE SKIP LOCKED, so workers
// in many processes share the queue), works them side by side, and asks again at once while batches come
// back full, instead of pg-boss's one job per poll. The batch's jobs are held under a lease renewed while
// they run (./lease.ts), so jobs whose process died are taken back within seconds. A job that throws is
// failed at once, and the queue retries it with backoff; one that runs past `timeoutSeconds` is failed
// too and left behind. The jobs that succeed are completed together when the batch ends (one statement,
// not one each): a crash before then works them again, so the work must bear repeats, as webhooks and
// patient messages do (event ids; a message's status).
import type { Kysely } from 'kysely'
import type PgBoss from 'pg-boss'
import type { Database } from '../db/schema.js'
import type { Logger } from '../logger.js'
import { reclaimLapsed, renewLeases } from './lease.js'

export interface BatchWorkerOptions<T extends object> {
  boss: PgBoss
  /** The system connection: the queue's leases. */
  system: Kysely<Database>
  queue: string
  logger: Logger
  /** Jobs claimed at once and worked side by side. */
  batchSize?: number
  /** How long a worker that found less than a full batch waits before asking again. */
  pollSeconds?: number
  /** A claimed job not renewed for this long is taken back: its worker is gone. */
  leaseSeconds?: number
  /** A job still running after this long is failed (so retried) and no longer waited for. */
  timeoutSeconds?: number
  /** Works one job; throwing fails it. */
  work: (job: PgBoss.JobWithMetadata<T>) => Promise<void>
}

export interface BatchWorker {
  /** Asks for jobs now rather than at the next poll (new jobs were just queued). */
  wake(): void
  /** Stops claiming, and waits for the batch in hand to finish. */
  stop(): Promise<void>
}

class JobTimeoutError extends Error {
  override name = 'JobTimeoutError'
}

export function startBatchWorker<T extends object>(options: BatchWorkerOptions<T>): BatchWorker {
  const { boss, system, queue, logger, batchSize = 25, pollSeconds = 1 } = options
  const { leaseSeconds = 5, timeoutSeconds = 60, work } = options
  const warn = (what: string, error: unknown) =>
    logger.warn(what, { queue, error: error instanceof Error ? error.name : 'unknown' })
  let stopping = false
  /** Set by a wake that came while the worker was busy: it asks again before it waits. */
  let woken = false
  let wake = () => {
    woken = true
  }
  let reclaimedAt = 0

  /** Works one claimed job: a failure is written at once, a success is added to `done`. */
  async function settle(job: PgBoss.JobWithMetadata<T>, done: string[]) {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new JobTimeoutError()), timeoutSeconds * 1000)
    })
    let failure: unknown
    try {
      await Promise.race([work(job), timeout])
    } catch (error) {
      failure = error
    } finally {
      clearTimeout(timer)
    }
    if (failure === undefined) return void done.push(job.id)
    // Only the error's name is kept with the job: a message can carry what a log must not.
    await boss
      .fail(queue, job.id, { name: failure instanceof Error ? failure.name : 'unknown' })
      .catch((error) => warn('job outcome not recorded', error))
  }

  async function workBatch(jobs: PgBoss.JobWithMetadata<T>[]) {
    // Until the batch's outcomes are written; a failed job is no longer active, so no longer renewed.
    const ids = jobs.map((job) => job.id)
    const renewing = setInterval(
      () => void renewLeases(system, queue, ids).catch((error) => warn('job lease not renewed', error)),
      (leaseSeconds * 1000) / 4,
    )
    try {
      const done: string[] = []
      await Promise.all(jobs.map((job) => settle(job, done)))
      // Unrecorded, the jobs' leases lapse and they are worked again: at least once, never lost.
      if (done.length > 0)
        await boss.complete(queue, done).catch((error) => warn('job outcome not recorded', error))
    } finally {
      clearInterval(renewing)
    }
  }

  async function claimAndWork(): Promise<number> {
    if (Date.now() - reclaimedAt >= 1000) {
      reclaimedAt = Date.now()
      const reclaimed = await reclaimLapsed(system, queue, leaseSeconds)
      if (reclaimed > 0) logger.info('jobs taken back from a stopped worker', { queue, jobs: reclaimed })
    }
    const jobs = await boss.fetch<T>(queue, { batchSize, includeMetadata: true })
    if (jobs.length > 0) await workBatch(jobs)
    return jobs.length
  }

  async function loop() {
    while (!stopping) {
      let claimed = 0
      try {
        claimed = await claimAndWork()
      } catch (error) {
        warn('job worker', error)
      }
      if (stopping || claimed === batchSize || woken) {
        woken = false
        continue
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollSeconds * 1000)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = () => {
        woken = true
      }
    }
  }

  const looping = loop()
  return {
    wake: () => wake(),
    async stop() {
      stopping = true
      wake()
      await looping
    },
  }
}
